package no.sunnekommuner.cms.delivery.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Magnolia's commands endpoint over HTTP: publish and unpublish with its documented body, recursive or not, as a
 * publisher; refused in Magnolia's error shape for anonymous callers (401) and editors (403).
 */
class CommandsApiIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PUBLISHER = TestServer.basic(TestServer.PUBLISHER, TestServer.PASSWORD);
    static final String EDITOR = TestServer.basic(TestServer.EDITOR, TestServer.PASSWORD);

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data, List.of(TestRuntimes.LIGHT_MODULES), Map.of());
        ContentService content = server.runtime().content();
        content.create("news", "/", ContentNode.builder("aar", "mgnl:folder").build(), "test");
        for (String name : List.of("en", "to")) {
            content.create("news", "/aar", article(name), "test");
        }
        content.create("news", "/", article("enkel"), "test");
    }

    static ContentNode article(String name) {
        return ContentNode.builder(name, "sk:newsArticle").property("title", "Sak " + name)
                .property("publishDate", OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static HttpResponse<String> command(String url, String auth, String body) throws Exception {
        return auth == null
                ? server.send("POST", url, body, "Content-Type", "application/json")
                : server.send("POST", url, body, "Content-Type", "application/json", "Authorization", auth);
    }

    static int delivered(String path) throws Exception {
        return server.get("/.rest/delivery/news/v1" + path).statusCode();
    }

    @Test
    void publishesWithMagnoliasDocumentedBodyAndUnpublishes() throws Exception {
        assertThat(delivered("/enkel")).isEqualTo(404);
        HttpResponse<String> published = command("/.rest/commands/v2/website/activate".replace("website", "news"),
                PUBLISHER, """
                        {"comment": "Published via REST", "repository": "news", "path": "/enkel", "recursive": false}
                        """);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(published.body());
        assertThat(answer.path("success").asBoolean()).isTrue();
        assertThat(answer.path("published").toString()).isEqualTo("[\"/enkel\"]");
        assertThat(delivered("/enkel")).isEqualTo(200);

        HttpResponse<String> unpublished = command("/.rest/commands/v2/deactivate", PUBLISHER,
                "{\"repository\": \"news\", \"path\": \"/enkel\"}");
        assertThat(unpublished.statusCode()).as(unpublished.body()).isEqualTo(200);
        assertThat(delivered("/enkel")).isEqualTo(404);
    }

    @Test
    void recursivePublishesTheFolderWithEverythingBelowIt() throws Exception {
        HttpResponse<String> flat = command("/.rest/commands/v2/default/publish", PUBLISHER,
                "{\"repository\": \"news\", \"path\": \"/aar\", \"recursive\": false}");
        assertThat(flat.statusCode()).as(flat.body()).isEqualTo(200);
        assertThat(delivered("/aar/en")).isEqualTo(404);

        HttpResponse<String> deep = command("/.rest/commands/v2/default/publish", PUBLISHER,
                "{\"repository\": \"news\", \"path\": \"/aar\", \"recursive\": true}");
        assertThat(deep.statusCode()).as(deep.body()).isEqualTo(200);
        assertThat(JSON.readTree(deep.body()).path("published").size()).isEqualTo(3);
        assertThat(delivered("/aar/en")).isEqualTo(200);
        assertThat(delivered("/aar/to")).isEqualTo(200);
    }

    @Test
    void anonymousCallersGet401AndEditors403InMagnoliasErrorShape() throws Exception {
        String body = "{\"repository\": \"news\", \"path\": \"/enkel\", \"recursive\": false}";
        HttpResponse<String> anonymous = command("/.rest/commands/v2/activate", null, body);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("error").path("code").asText()).isEqualTo("unauthorized");

        HttpResponse<String> wrongPassword = command("/.rest/commands/v2/activate",
                TestServer.basic(TestServer.PUBLISHER, "wrong-password-1"), body);
        assertThat(wrongPassword.statusCode()).isEqualTo(401);

        HttpResponse<String> editor = command("/.rest/commands/v2/activate", EDITOR, body);
        assertThat(editor.statusCode()).as(editor.body()).isEqualTo(403);
        assertThat(JSON.readTree(editor.body()).path("error").path("code").asText()).isEqualTo("forbidden");
        assertThat(delivered("/enkel")).isEqualTo(404);
    }

    @Test
    void badRequestsAreClearErrors() throws Exception {
        assertThat(command("/.rest/commands/v2/activate", PUBLISHER, "{\"repository\": \"news\"}").statusCode())
                .isEqualTo(400);
        assertThat(command("/.rest/commands/v2/activate", PUBLISHER, "not json").statusCode()).isEqualTo(400);
        assertThat(command("/.rest/commands/v2/activate", PUBLISHER,
                "{\"repository\": \"news\", \"path\": \"/finnes-ikke\"}").statusCode()).isEqualTo(404);
        assertThat(command("/.rest/commands/v2/activate", PUBLISHER,
                "{\"repository\": \"users\", \"path\": \"/admin\"}").statusCode()).isEqualTo(404);
        assertThat(command("/.rest/commands/v2/delete", PUBLISHER,
                "{\"repository\": \"news\", \"path\": \"/enkel\"}").statusCode()).isEqualTo(404);
        assertThat(command("/.rest/commands/v2/activate", PUBLISHER,
                "{\"repository\": \"news\", \"path\": \"/enkel\", \"publicationDate\": \"2030-01-01T00:00:00Z\"}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> form = server.send("POST", "/.rest/commands/v2/activate",
                "repository=news&path=/enkel", "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", PUBLISHER);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(delivered("/enkel")).isEqualTo(404);
    }
}
