package no.sunnekommuner.cms.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
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
    void anotherOriginCannotFrameTheEditor() {
        Page page = EDITOR.anonymous().page();
        // a page of another origin (the data: URL is an opaque origin) framing the editor's sign-in page
        page.navigate("data:text/html,<iframe id=f src=\"" + EDITOR.server().base() + "/login\" width=800 "
                + "height=600></iframe>");
        page.waitForTimeout(3_000);
        Frame framed = page.frames().stream().filter(f -> f != page.mainFrame()).findFirst().orElseThrow();
        // Chromium replaces a document its frame-ancestors forbid by an error page: none of the editor's page is
        // there (without the policy the frame holds Vaadin's bootstrap page)
        assertThat(framed.content()).as("the document inside the frame").doesNotContain("Vaadin")
                .doesNotContain("vaadin");
        assertThat(framed.url()).doesNotStartWith(EDITOR.server().base());
        // the same page opened directly shows the form
        page.navigate(EDITOR.server().base() + "/login");
        assertThat(page.locator("vaadin-login-form")).isVisible();
    }
}
