package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one access policy over HTTP: the nodes API and preview refuse what the content service's policy refuses
 * (403 with a JSON body), including an app's {@code permissions.roles}; the content service refuses it too when
 * called directly with the editor's actor.
 */
class AccessPolicyIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JSON = "Content-Type";

    @TempDir
    static java.nio.file.Path data;
    static TestServer server;
    static final String EDITOR = TestServer.basic(TestServer.EDITOR, TestServer.PASSWORD);
    static final String PUBLISHER = TestServer.basic(TestServer.PUBLISHER, TestServer.PASSWORD);

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data, List.of(TestRuntimes.LIGHT_MODULES, TestRuntimes.ACCESS_LIGHT_MODULES),
                Map.of());
        ContentService content = server.runtime().content();
        content.create("news", "/", ContentNode.builder("policy-sak", "sk:newsArticle").property("title", "Sak")
                .property("publishDate", OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build(), "t");
        content.create("notices", "/", ContentNode.builder("styremote", "bn:notice")
                .property("title", "Styremøte").build(), "t");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static void assertForbiddenJson(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        JsonNode error = MAPPER.readTree(r.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("forbidden");
        assertThat(error.path("message").asText()).isNotBlank();
    }

    @Test
    void anEditorCannotDeleteThroughTheNodesApi() throws Exception {
        assertForbiddenJson(server.send("DELETE", "/.rest/nodes/v1/news/policy-sak", null, "Authorization", EDITOR));
        assertThat(server.runtime().content().get("news", "/policy-sak")).as("still there").isPresent();
        // the editor may still read and write the draft
        assertThat(server.get("/.rest/nodes/v1/news/policy-sak", "Authorization", EDITOR).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theContentServiceRefusesTheEditorWhateverTheCaller() {
        Actor editor = server.runtime().users().find(TestServer.EDITOR).orElseThrow().actor();
        ContentService content = server.runtime().content();
        assertThatThrownBy(() -> content.delete("news", "/policy-sak", editor))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> content.publish("news", "/policy-sak", editor))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> content.unpublish("news", "/policy-sak", editor))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(content.get("news", "/policy-sak")).isPresent();
        assertThat(content.getPublished("news", "/policy-sak")).isEmpty();
    }

    @Test
    void anAppLimitedToPublisherIsClosedToEditorsInTheNodesApiAndPreview() throws Exception {
        assertForbiddenJson(server.get("/.rest/nodes/v1/notices/styremote", "Authorization", EDITOR));
        assertForbiddenJson(server.get("/.rest/preview/notices/v1/styremote", "Authorization", EDITOR));
        assertForbiddenJson(server.send("POST", "/.rest/nodes/v1/notices/styremote",
                "{\"properties\":[{\"name\":\"title\",\"type\":\"String\",\"multiple\":false,"
                        + "\"values\":[\"Endret\"]}]}",
                "Authorization", EDITOR, JSON, "application/json"));
        assertThat(server.runtime().content().get("notices", "/styremote").orElseThrow().node().property("title"))
                .isEqualTo("Styremøte");

        assertThat(server.get("/.rest/nodes/v1/notices/styremote", "Authorization", PUBLISHER).statusCode())
                .isEqualTo(200);
        HttpResponse<String> preview = server.get("/.rest/preview/notices/v1/styremote", "Authorization",
                PUBLISHER);
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(preview.body()).path("title").asText()).isEqualTo("Styremøte");
    }
}
