package no.sunnekommuner.cms.delivery.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.preview.PreviewTokens;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The website's preview token at {@code /.rest/preview/…}: it serves the draft of the one item it names, without
 * credentials, and is refused for another item, for a list or the item's children, after its expiry and when
 * altered.
 */
class PreviewTokenIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static TestServer server;
    static ContentItem draft;
    static ContentItem other;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data, List.of(TestRuntimes.LIGHT_MODULES), Map.of());
        draft = server.runtime().content().create("news", "/", article("utkast", "Utkast til sak"), "test");
        other = server.runtime().content().create("news", "/", article("annen", "En annen sak"), "test");
    }

    static ContentNode article(String name, String title) {
        return ContentNode.builder(name, "sk:newsArticle").property("title", title)
                .property("publishDate", OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static HttpResponse<String> preview(String path, String token) throws Exception {
        return server.get("/.rest/preview/news/v1" + path, "X-Preview-Token", token);
    }

    static String token(ContentItem item) {
        return server.runtime().previews().token(item);
    }

    @Test
    void theTokenServesTheDraftOfItsItemWithoutCredentials() throws Exception {
        assertThat(server.get("/.rest/delivery/news/v1/utkast").statusCode()).isEqualTo(404);
        assertThat(server.get("/.rest/preview/news/v1/utkast").statusCode()).isEqualTo(401);
        HttpResponse<String> shown = preview("/utkast", token(draft));
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        assertThat(JSON.readTree(shown.body()).path("title").asText()).isEqualTo("Utkast til sak");
        assertThat(shown.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(preview("/utkast?lang=en", token(draft)).statusCode()).isEqualTo(200);
    }

    @Test
    void refusedForAnotherItemAListOrChildren() throws Exception {
        String token = token(draft);
        HttpResponse<String> another = preview("/annen", token);
        assertThat(another.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(another.body()).path("error").path("code").asText()).isEqualTo("forbidden");
        assertThat(preview("", token).statusCode()).isEqualTo(403);
        assertThat(preview("?title=Utkast%20til%20sak", token).statusCode()).isEqualTo(403);
        assertThat(preview("/utkast@nodes", token).statusCode()).isEqualTo(403);
        assertThat(preview("/finnes-ikke", token).statusCode()).isEqualTo(403);
        // a token of the news workspace opens nothing in another workspace
        assertThat(server.get("/.rest/preview/members/v1/utkast", "X-Preview-Token", token).statusCode())
                .isEqualTo(403);
    }

    @Test
    void refusedWhenAlteredOrExpired() throws Exception {
        String token = token(draft);
        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        HttpResponse<String> changed = preview("/utkast", altered);
        assertThat(changed.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(changed.body()).path("error").path("code").asText()).isEqualTo("unauthorized");
        assertThat(preview("/utkast", "garbage").statusCode()).isEqualTo(401);
        assertThat(preview("/utkast", "x".repeat(5000)).statusCode()).isEqualTo(401);

        // the same item's token, signed with the server's own key (data.dir/preview.key) but an hour old
        byte[] key = Files.readAllBytes(data.resolve("preview.key"));
        PreviewTokens past = new PreviewTokens(key, Clock.fixed(Instant.now().minus(Duration.ofHours(1)),
                ZoneOffset.UTC), Duration.ofMinutes(30));
        String expired = past.issue("news", draft.id());
        assertThat(preview("/utkast", expired).statusCode()).isEqualTo(401);
        PreviewTokens now = new PreviewTokens(key, Clock.systemUTC(), Duration.ofMinutes(30));
        assertThat(preview("/utkast", now.issue("news", draft.id())).statusCode()).isEqualTo(200);
        // a token naming the other item's id opens only that one
        assertThat(preview("/utkast", now.issue("news", other.id())).statusCode()).isEqualTo(403);
    }

    @Test
    void editorsCredentialsStillDecideWhenSent() throws Exception {
        // Basic credentials with a token: the credentials decide (a wrong password is not rescued by the token)
        HttpResponse<String> wrong = server.get("/.rest/preview/news/v1/utkast", "X-Preview-Token", token(draft),
                "Authorization", TestServer.basic(TestServer.EDITOR, "wrong-password-9"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> editor = server.get("/.rest/preview/news/v1/annen",
                "Authorization", TestServer.basic(TestServer.EDITOR, TestServer.PASSWORD));
        assertThat(editor.statusCode()).isEqualTo(200);
    }
}
