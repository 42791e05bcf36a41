package no.sunnekommuner.cms.bench;

import com.google.common.collect.ImmutableSet;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.server.CmsServer;
import no.sunnekommuner.cms.server.Main;
import no.sunnekommuner.cms.server.Settings;
import no.sunnekommuner.cms.testing.Chromium;

/**
 * Editor benchmark (not a test): with 10,000 news articles in the repository, the time from opening the news app in
 * Chromium to the first rows shown, and the same for sorting, searching and jumping to the middle of the list.
 */
public final class EditorBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 7);
    private static final String USER = "benchmark";
    private static final String PASSWORD = "benchmark-password";

    private EditorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
        Path data = home.resolve("data");
        DeliveryBenchmark.fill(data, DeliveryBenchmark.ARTICLES);

        Map<String, String> values = new HashMap<>(Settings.load(Map.of(), new java.util.Properties()).asMap());
        values.put("data.dir", data.toString());
        values.put("lightModules.dirs", Path.of("light-modules").toAbsolutePath().toString());
        values.put("demo.content", "false");
        try (CmsRuntime runtime = CmsRuntime.start(new Settings(values))) {
            if (runtime.users().find(USER).isEmpty()) {
                runtime.users().create(USER, "Benchmark", PASSWORD.toCharArray(),
                        ImmutableSet.of(Role.EDITOR, Role.PUBLISHER), "nb");
            }
            long items = runtime.content().list(
                    no.sunnekommuner.cms.content.model.ContentQuery.all("newsArticle", 0, 1)).total();
            try (CmsServer server = new CmsServer("127.0.0.1", 0, Main.webModules(runtime));
                    Chromium chromium = startBoth(server)) {
                Page page = chromium.newPage("http://127.0.0.1:" + server.port());
                page.navigate("/login");
                page.locator("vaadin-login-form input[name=username]").fill(USER);
                page.locator("vaadin-login-form input[name=password]").fill(PASSWORD);
                page.locator("vaadin-login-form vaadin-button[slot=submit]").click();
                page.locator("#sign-out").waitFor();

                System.out.printf("%nEditor with %,d news articles, %d rounds each (first round cold)%n", items, ROUNDS);
                System.out.printf("  %-40s %10s %10s %10s%n", "action → first rows shown", "first ms", "median ms",
                        "max ms");
                Locator firstRow = page.locator("#item-grid vaadin-grid-cell-content")
                        .filter(new Locator.FilterOptions().setHasText("Sak ")).first();
                measure("open the news app from the launcher", ROUNDS, p -> {
                    p.navigate("/");
                    p.locator("#app-news-app").waitFor();
                }, p -> p.locator("#app-news-app").click(), firstRow, page);
                measure("open the news app by its address", ROUNDS, p -> {
                    p.navigate("/");
                    p.locator("#app-news-app").waitFor();
                }, p -> p.navigate("/apps/news-app"), firstRow, page);
                measure("sort by publication date", ROUNDS, p -> {
                    p.navigate("/apps/news-app");
                    firstRow.waitFor();
                }, p -> p.locator("vaadin-grid-sorter").filter(new Locator.FilterOptions()
                        .setHasText("Publiseringsdato")).click(), firstRow, page);
                measure("search 'folkehelse'", ROUNDS, p -> {
                    p.navigate("/apps/news-app");
                    firstRow.waitFor();
                }, p -> {
                    p.locator("#search input").fill("folkehelse");
                    p.locator("#search input").press("Enter");
                }, page.locator("#item-grid vaadin-grid-cell-content").filter(new Locator.FilterOptions()
                        .setHasText("Sak ")).first(), page);
                measure("jump to row 5,000", ROUNDS, p -> {
                    p.navigate("/apps/news-app");
                    firstRow.waitFor();
                }, p -> p.evaluate("() => document.querySelector('#item-grid').scrollToIndex(5000)"),
                        page.locator("#item-grid vaadin-grid-cell-content").filter(new Locator.FilterOptions()
                                .setHasText("Sak ")).last(), page);
                System.out.println("Target: opening an app to the first rows shown <= 1000 ms.");
            }
        }
    }

    private static Chromium startBoth(CmsServer server) throws Exception {
        server.start();
        return Chromium.launch();
    }

    /** Runs setup, then times action until the locator is visible; prints first, median and max. */
    private static void measure(String name, int rounds, Consumer<Page> setup, Consumer<Page> action, Locator shown,
            Page page) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            setup.accept(page);
            long start = System.nanoTime();
            action.accept(page);
            shown.waitFor();
            times.add((System.nanoTime() - start) / 1e6);
        }
        double first = times.get(0);
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        System.out.printf("  %-40s %10.0f %10.0f %10.0f%n", name, first, sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1));
    }
}
