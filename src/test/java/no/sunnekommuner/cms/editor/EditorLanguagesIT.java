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
 * The content languages and the date format come from configuration only: with {@code content.languages=nb,nn,en}
 * the form has a Nynorsk column beside Bokmål and English, and delivery serves {@code lang=nn}; with
 * {@code editor.dateFormat=yyyy-MM-dd} days are typed and shown that way.
 */
class EditorLanguagesIT {

    @RegisterExtension
    static final EditorInBrowser EDITOR = EditorInBrowser.withSettings(Map.of("content.languages", "nb,nn,en",
            "editor.timeZone", "Europe/Oslo", "editor.dateFormat", "yyyy-MM-dd"));

    @Test
    void nynorskIsAThirdLanguageInTheFormAndInDelivery() throws Exception {
        EditorPage editor = EDITOR.signedIn(TestServer.EDITOR).newItem("news-app");
        for (String language : new String[] {"nb", "nn", "en"}) {
            assertThat(editor.page().locator("#title-" + language)).isVisible();
        }
        assertThat(editor.page().locator("#title-nn")).containsText("nynorsk");

        editor.fill("title-nb", "Nytt frå nettverket").fill("title-nn", "Nytt frå nettverket (nynorsk)")
                .fill("title-en", "News from the network").fill("publishDate", "2026-10-01").save();
        editor.expectNotification("Lagret.");
        ContentService content = EDITOR.server().runtime().content();
        String path = editor.savedPath();
        assertThat(content.get("news", path).orElseThrow().node().property("title_nn"))
                .isEqualTo("Nytt frå nettverket (nynorsk)");
        // the date typed in the configured format (editor.dateFormat), a day of the editor's time zone
        assertThat(content.get("news", path).orElseThrow().node().property("publishDate"))
                .isEqualTo(java.time.OffsetDateTime.parse("2026-10-01T00:00:00+02:00"));
        assertThat(editor.input("publishDate")).hasValue("2026-10-01");
        content.publish("news", path, TestServer.PUBLISHER);

        HttpResponse<String> r = EDITOR.server().get("/.rest/delivery/news/v1" + path + "?lang=nn");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(r.body()).path("title").asText())
                .isEqualTo("Nytt frå nettverket (nynorsk)");
    }
}
