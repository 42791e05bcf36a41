package no.sunnekommuner.cms.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The editor under its Content-Security-Policy in Chromium: it works with nothing refused by the policy (Vaadin's
 * inline bootstrap, styles, the formatted-text field), and a page on another origin cannot frame it.
 */
class EditorContentSecurityPolicyIT {

    @RegisterExtension
    static final EditorInBrowser EDITOR = EditorInBrowser.withDemoContent();

    @Test
    void theEditorWorksWithNothingRefusedByItsPolicy() {
        EditorPage editor = EDITOR.anonymous();
        Page page = editor.page();
        List<String> refused = new ArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy") || m.text().contains("Refused to")) {
                refused.add(m.text());
            }
        });
        page.onPageError(e -> refused.add("page error: " + e));
        editor.signIn(TestServer.EDITOR, TestServer.PASSWORD);
        editor.openApp("news-app");
        editor.openItem("news-app", "/2025/tolv-nye-medlemmer");
        assertThat(page.locator("#body-nb .rich-text-area")).isVisible();
        editor.writeRichText("body-nb", " Mer *tekst*.");
        assertThat(page.locator("#body-nb .rich-text-area")).containsText("tekst");
        assertThat(refused).as("messages of the browser about the policy").isEmpty();
    }

    @Test
    void anotherOriginCannotFrameTheEditor() throws Exception {
        Page page = EDITOR.anonymous().page();
        // a page of another origin (another port of this machine, so that Chromium's local-network rules let it
        // frame a loopback address at all) framing the editor's sign-in page
        String editorUrl = EDITOR.server().base() + "/login";
        byte[] framingPage = ("<!doctype html><title>framing</title><iframe id=f src=\"" + editorUrl
                + "\" width=800 height=600></iframe>").getBytes(StandardCharsets.UTF_8);
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
            exchange.sendResponseHeaders(200, framingPage.length);
            exchange.getResponseBody().write(framingPage);
            exchange.close();
        });
        other.start();
        try {
            page.navigate("http://127.0.0.1:" + other.getAddress().getPort() + "/framing.html");
            page.waitForTimeout(3_000);
        } finally {
            other.stop(0);
        }
        Frame framed = page.frames().stream().filter(f -> f != page.mainFrame()).findFirst().orElseThrow();
        // Chromium replaces a document its frame-ancestors forbid by an error page: none of the editor's page is
        // there (without the policy the frame holds Vaadin's bootstrap page)
        String content = framed.content();
        assertThat(content).as("the document inside the frame (%s)", framed.url()).doesNotContain("Vaadin")
                .doesNotContain("vaadin");
        assertThat(content).as("blocked by the policy, not by Chromium's local-network rules")
                .doesNotContain("LOCAL_NETWORK_ACCESS");
        // the same page opened directly shows the form
        page.navigate(EDITOR.server().base() + "/login");
        assertThat(page.locator("vaadin-login-form")).isVisible();
    }
}
