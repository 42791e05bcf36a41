package no.sunnekommuner.cms.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Map;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The content languages come from configuration only: with {@code content.languages=nb,nn,en} the form has a
 * Nynorsk column beside Bokmål and English, and delivery serves {@code lang=nn}.
 */
class EditorLanguagesIT {

    @RegisterExtension
    static final EditorInBrowser EDITOR = EditorInBrowser.withSettings(Map.of("content.languages", "nb,nn,en",
            "editor.timeZone", "Europe/Oslo"));

    @Test
    void nynorskIsAThirdLanguageInTheFormAndInDelivery() throws Exception {
        EditorPage editor = EDITOR.signedIn(TestServer.EDITOR).newItem("news-app");
        for (String language : new String[] {"nb", "nn", "en"}) {
            assertThat(editor.page().locator("#title-" + language)).isVisible();
        }
        assertThat(editor.page().locator("#title-nn")).containsText("nynorsk");

        editor.fill("title-nb", "Nytt frå nettverket").fill("title-nn", "Nytt frå nettverket (nynorsk)")
                .fill("title-en", "News from the network").fill("publishDate", "01.10.2026").save();
        editor.expectNotification("Lagret.");
        ContentService content = EDITOR.server().runtime().content();
        String path = editor.savedPath();
        assertThat(content.get("news", path).orElseThrow().node().property("title_nn"))
                .isEqualTo("Nytt frå nettverket (nynorsk)");
        content.publish("news", path, TestServer.PUBLISHER);

        HttpResponse<String> r = EDITOR.server().get("/.rest/delivery/news/v1" + path + "?lang=nn");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(r.body()).path("title").asText())
                .isEqualTo("Nytt frå nettverket (nynorsk)");
    }
}
