package no.sunnekommuner.cms.editor;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import no.sunnekommuner.cms.testing.Chromium;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server and Chromium for the editor's browser tests of one class: screenshots of what the browser showed
 * when a test failed (target/screenshots/failures), and a clean browser for every test.
 */
final class EditorInBrowser implements BeforeAllCallback, AfterAllCallback, AfterTestExecutionCallback {

    private final boolean demoContent;
    private final Map<String, String> settings;
    private java.time.Clock clock = java.time.Clock.systemUTC();
    private Path dir;
    private TestServer server;
    private Chromium chromium;

    private EditorInBrowser(boolean demoContent) {
        this(demoContent, Map.of());
    }

    private EditorInBrowser(boolean demoContent, Map<String, String> settings) {
        this.demoContent = demoContent;
        this.settings = settings;
    }

    /** The project's module only, without content, with these settings. */
    static EditorInBrowser withSettings(Map<String, String> settings) {
        return new EditorInBrowser(false, settings);
    }

    /** The project's module only, without content, with these settings and a clock the test moves. */
    static EditorInBrowser withClock(java.time.Clock clock, Map<String, String> settings) {
        EditorInBrowser e = new EditorInBrowser(false, settings);
        e.clock = clock;
        return e;
    }

    /** The project's module and the YAML-only events module, with the demo content. */
    static EditorInBrowser withDemoContent() {
        return new EditorInBrowser(true);
    }

    /** The project's module only, without content. */
    static EditorInBrowser empty() {
        return new EditorInBrowser(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("editor-it");
        server = TestServer.start(dir.resolve("repo"), demoContent
                ? List.of(TestRuntimes.LIGHT_MODULES, TestRuntimes.TEST_LIGHT_MODULES)
                : List.of(TestRuntimes.LIGHT_MODULES), settings, clock);
        if (demoContent) {
            new DemoContent(server.runtime().content()).loadIfEmpty();
        }
        chromium = Chromium.launch();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            chromium.screenshotAll(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName());
        }
        chromium.closeContexts();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            try {
                if (server != null) {
                    server.close();
                }
            } finally {
                MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
            }
        }
    }

    TestServer server() {
        return server;
    }

    Chromium chromium() {
        return chromium;
    }

    /** A fresh browser (own cookies) with this user signed in. */
    EditorPage signedIn(String username) {
        return new EditorPage(chromium.newPage(server.base())).signIn(username, TestServer.PASSWORD);
    }

    /** A fresh browser (own cookies), nobody signed in. */
    EditorPage anonymous() {
        return new EditorPage(chromium.newPage(server.base()));
    }
}
