package no.sunnekommuner.cms.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, driven headless by Playwright; each {@link #newPage} is a fresh browser context (own cookies,
 * own profile), as a second person at another computer would be. Playwright never downloads a browser here.
 */
public final class Chromium implements AutoCloseable {

    /** Where browser tests leave their screenshots, for people to look at. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts Chromium from {@code CHROMIUM_PATH} or Debian's {@code /usr/bin/chromium}. */
    public static Chromium launch() {
        Path executable = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("No Chromium at " + executable
                    + ": install Debian's chromium (apt-get install chromium chromium-driver) or set CHROMIUM_PATH");
        }
        // assertions wait as long as actions do: a first view of an app may take a few seconds on a busy CI machine
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable).setHeadless(true).setArgs(ARGS));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A page in a new context: Norwegian browser locale, a laptop-sized window, 15 s to find anything. */
    public Page newPage(String baseUrl) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl)
                .setLocale("nb-NO").setViewportSize(1366, 900));
        context.setDefaultTimeout(15_000);
        return context.newPage();
    }

    /** A page in a new context as {@link #newPage(String)}, with JavaScript on or off and a browser locale. */
    public Page newPage(String baseUrl, String locale, boolean javaScript) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl)
                .setLocale(locale).setViewportSize(1366, 900).setJavaScriptEnabled(javaScript));
        context.setDefaultTimeout(15_000);
        return context.newPage();
    }

    /** Saves a full-page screenshot as target/screenshots/{name}.png. */
    public static Path screenshot(Page page, String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /** Screenshots every open page as target/screenshots/failures/{name}-{n}.png (for a failed test). */
    public void screenshotAll(String name) {
        int n = 0;
        for (BrowserContext context : browser.contexts()) {
            for (Page page : context.pages()) {
                try {
                    screenshot(page, "failures/" + name + "-" + (++n));
                } catch (RuntimeException e) {
                    // a page that cannot be captured any more is no reason to hide the test's own failure
                }
            }
        }
    }

    /** Closes the pages of earlier tests, so that each test starts with a clean browser. */
    public void closeContexts() {
        for (BrowserContext context : browser.contexts()) {
            context.close();
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
