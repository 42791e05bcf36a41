package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.jcr.Node;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rich text that tries to get past the sanitizer over HTTP: as a Binary value (nodes API and system-view import),
 * in undeclared properties ({@code bodyHtml}, {@code body_de}) or undeclared child nodes. Each is refused with a
 * 400 naming what is wrong, nothing is written, and a Binary already in the repository is delivered as its size only, never its bytes.
 */
class ContentSafetyIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final String SV = "xmlns:sv=\"http://www.jcp.org/jcr/sv/1.0\"";

    @TempDir
    static Path temp;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(temp.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES), Map.of());
        server.runtime().content().create("benefits", "/", ContentNode.builder("existing", "sk:benefit")
                .property("title", "Finnes").build(), "setup");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static String auth() {
        return TestServer.basic(TestServer.EDITOR, TestServer.PASSWORD);
    }

    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> put(String path, String body, String contentType) throws Exception {
        return server.send("PUT", path, body, "Authorization", auth(), "Content-Type", contentType);
    }

    static String nodeJson(String name, String type, String properties) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"properties\":[" + properties + "]}";
    }

    static String prop(String name, String type, String value) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"multiple\":false,\"values\":[\""
                + value.replace("\"", "\\\"") + "\"]}";
    }

    /** A 400 with the JSON error body whose message names the field. */
    static void assertRefused(HttpResponse<String> response, String... fields) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = MAPPER.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isNotEmpty();
        for (String field : fields) {
            assertThat(error.path("message").asText()).as(response.body()).contains(field + ":");
        }
    }

    static int status(String path) throws Exception {
        return server.get(path, "Authorization", auth()).statusCode();
    }

    @Test
    void richTextAsBinaryIsRefusedByTheNodesApi() throws Exception {
        assertRefused(put("/.rest/nodes/v1/benefits", nodeJson("binary-body", "sk:benefit",
                prop("title", "String", "Binær") + "," + prop("body", "Binary", base64(HOSTILE))),
                "application/json"), "body");
        assertThat(status("/.rest/nodes/v1/benefits/binary-body")).as("nothing written").isEqualTo(404);
        assertRefused(server.send("POST", "/.rest/nodes/v1/benefits/existing",
                nodeJson("existing", "sk:benefit", prop("body_en", "Binary", base64(HOSTILE))
                        + "," + prop("summary", "Binary", base64("<script>alert(1)</script>"))),
                "Authorization", auth(), "Content-Type", "application/json"), "body_en", "summary");
        assertThat(server.runtime().content().get("benefits", "/existing").orElseThrow().node().properties())
                .doesNotContainKeys("body_en", "summary");
    }

    @Test
    void richTextAsBinaryIsRefusedByTheImport() throws Exception {
        String xml = "<sv:node sv:name=\"binary-import\" " + SV + ">"
                + "<sv:property sv:name=\"jcr:primaryType\" sv:type=\"Name\"><sv:value>sk:benefit</sv:value>"
                + "</sv:property><sv:property sv:name=\"title\" sv:type=\"String\"><sv:value>X</sv:value>"
                + "</sv:property><sv:property sv:name=\"body\" sv:type=\"Binary\"><sv:value>" + base64(HOSTILE)
                + "</sv:value></sv:property></sv:node>";
        assertRefused(put("/.rest/nodes/v1/import/benefits", xml, "application/xml"), "body");
        assertThat(status("/.rest/nodes/v1/benefits/binary-import")).isEqualTo(404);
    }

    @Test
    void undeclaredPropertiesAreRefusedByTheNodesApiAndTheImport() throws Exception {
        assertRefused(put("/.rest/nodes/v1/benefits", nodeJson("undeclared", "sk:benefit",
                prop("title", "String", "X") + "," + prop("bodyHtml", "String", HOSTILE) + ","
                        + prop("body_de", "String", HOSTILE)), "application/json"), "bodyHtml", "body_de");
        assertThat(status("/.rest/nodes/v1/benefits/undeclared")).isEqualTo(404);
        assertRefused(server.send("POST", "/.rest/nodes/v1/benefits/existing",
                nodeJson("existing", "sk:benefit", prop("bodyHtml", "String", HOSTILE)),
                "Authorization", auth(), "Content-Type", "application/json"), "bodyHtml");

        String xml = "<sv:node sv:name=\"undeclared-import\" " + SV + ">"
                + "<sv:property sv:name=\"jcr:primaryType\" sv:type=\"Name\"><sv:value>sk:benefit</sv:value>"
                + "</sv:property><sv:property sv:name=\"title\" sv:type=\"String\"><sv:value>X</sv:value>"
                + "</sv:property><sv:property sv:name=\"body_de\" sv:type=\"String\"><sv:value>"
                + HOSTILE.replace("<", "&lt;") + "</sv:value></sv:property></sv:node>";
        assertRefused(put("/.rest/nodes/v1/import/benefits", xml, "application/xml"), "body_de");
        assertThat(status("/.rest/nodes/v1/benefits/undeclared-import")).isEqualTo(404);
    }

    @Test
    void undeclaredChildNodesAreRefusedByTheNodesApiAndTheImport() throws Exception {
        assertRefused(put("/.rest/nodes/v1/benefits/existing", nodeJson("gallery", "mgnl:contentNode",
                prop("html", "String", HOSTILE)), "application/json"), "gallery");
        assertThat(status("/.rest/nodes/v1/benefits/existing/gallery")).isEqualTo(404);

        String xml = "<sv:node sv:name=\"child-import\" " + SV + ">"
                + "<sv:property sv:name=\"jcr:primaryType\" sv:type=\"Name\"><sv:value>sk:benefit</sv:value>"
                + "</sv:property><sv:property sv:name=\"title\" sv:type=\"String\"><sv:value>X</sv:value>"
                + "</sv:property><sv:node sv:name=\"extra\"><sv:property sv:name=\"jcr:primaryType\" "
                + "sv:type=\"Name\"><sv:value>mgnl:contentNode</sv:value></sv:property></sv:node></sv:node>";
        assertRefused(put("/.rest/nodes/v1/import/benefits", xml, "application/xml"), "extra");
        assertThat(status("/.rest/nodes/v1/benefits/child-import")).isEqualTo(404);
    }

    @Test
    void aBinaryAlreadyStoredIsDeliveredAsItsSizeNeverAsMarkup() throws Exception {
        // content written before the fix: a Binary rich text straight in the repository
        server.runtime().content().create("benefits", "/", ContentNode.builder("legacy-binary", "sk:benefit")
                .property("title", "Gammel").build(), "setup");
        server.runtime().repository().withSession("benefits", s -> {
            Node node = s.getNode("/legacy-binary");
            node.setProperty("body", s.getValueFactory().createBinary(
                    new ByteArrayInputStream(HOSTILE.getBytes(StandardCharsets.UTF_8))));
            s.save();
            return null;
        });
        server.runtime().content().publish("benefits", "/legacy-binary", "setup");
        HttpResponse<String> delivered = server.get("/.rest/delivery/benefits/v1/legacy-binary");
        assertThat(delivered.statusCode()).isEqualTo(200);
        JsonNode body = MAPPER.readTree(delivered.body()).path("body");
        assertThat(body.path("@binary").path("size").asLong()).isEqualTo(HOSTILE.getBytes(StandardCharsets.UTF_8).length);
        assertThat(delivered.body()).doesNotContain("onerror").doesNotContain(base64(HOSTILE));
        JsonNode viaNodesApi = MAPPER.readTree(server.send("GET", "/.rest/nodes/v1/benefits/legacy-binary", null,
                "Authorization", auth()).body());
        JsonNode values = null;
        for (JsonNode p : viaNodesApi.path("properties")) {
            if (p.path("name").asText().equals("body")) {
                values = p.path("values");
            }
        }
        assertThat(values).as("the nodes API shows the binary's size, not its bytes").isNotNull();
        assertThat(values.get(0).path("@binary").path("size").asLong())
                .isEqualTo(HOSTILE.getBytes(StandardCharsets.UTF_8).length);
    }
}
