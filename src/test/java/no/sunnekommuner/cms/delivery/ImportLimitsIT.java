package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * System-view imports within bounds: too deep a file (400) or too many nodes (413) is refused while it is read,
 * a body over the limit is refused with 413 (declared length or streamed), nothing of a refused file is written,
 * and another writer of the workspace goes on while a 20,000-item import is being written.
 */
class ImportLimitsIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SV = "xmlns:sv=\"http://www.jcp.org/jcr/sv/1.0\"";
    static final int MAX_NODES = 25_000;
    static final int MAX_MEGABYTES = 8;

    @TempDir
    static Path temp;
    static TestServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(temp.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES),
                Map.of("import.maxNodes", String.valueOf(MAX_NODES),
                        "import.maxBodyMegabytes", String.valueOf(MAX_MEGABYTES)));
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

    static HttpResponse<String> importXml(String parent, byte[] xml, boolean streamed) throws Exception {
        HttpRequest.BodyPublisher body = streamed
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(xml)) // chunked
                : HttpRequest.BodyPublishers.ofByteArray(xml);
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.base() + "/.rest/nodes/v1/import/benefits"
                        + parent)).header("Authorization", auth()).header("Content-Type", "application/xml")
                .PUT(body).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String benefit(String name, String title) {
        return "<sv:node sv:name=\"" + name + "\"><sv:property sv:name=\"jcr:primaryType\" sv:type=\"Name\">"
                + "<sv:value>sk:benefit</sv:value></sv:property><sv:property sv:name=\"title\" sv:type=\"String\">"
                + "<sv:value>" + title + "</sv:value></sv:property></sv:node>";
    }

    /** A folder holding {@code items} benefits. */
    static byte[] folder(String name, int items) {
        StringBuilder xml = new StringBuilder("<sv:node sv:name=\"" + name + "\" " + SV + ">"
                + "<sv:property sv:name=\"jcr:primaryType\" sv:type=\"Name\"><sv:value>mgnl:folder</sv:value>"
                + "</sv:property>");
        for (int i = 0; i < items; i++) {
            xml.append(benefit("item-" + i, "Fordel " + i));
        }
        return xml.append("</sv:node>").toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode error(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body()).path("error");
    }

    static int status(String path) throws Exception {
        return server.get("/.rest/nodes/v1/benefits" + path, "Authorization", auth()).statusCode();
    }

    @Test
    void deepNestingIsRefusedWithoutWritingAnything() throws Exception {
        StringBuilder xml = new StringBuilder();
        int levels = 3_000;
        for (int i = 0; i < levels; i++) {
            xml.append("<sv:node sv:name=\"level").append(i).append("\"").append(i == 0 ? " " + SV : "").append('>');
        }
        for (int i = 0; i < levels; i++) {
            xml.append("</sv:node>");
        }
        HttpResponse<String> response = importXml("", xml.toString().getBytes(StandardCharsets.UTF_8), false);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(error(response).path("message").asText()).contains("deeper than 64 levels");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at no.");
        assertThat(status("/level0")).isEqualTo(404);
    }

    @Test
    void tooManyNodesAreRefusedWithoutWritingAnything() throws Exception {
        StringBuilder xml = new StringBuilder("<sv:node sv:name=\"many\" " + SV + ">"
                + "<sv:property sv:name=\"jcr:primaryType\" sv:type=\"Name\"><sv:value>mgnl:folder</sv:value>"
                + "</sv:property>");
        for (int i = 0; i < MAX_NODES; i++) {
            xml.append("<sv:node sv:name=\"n").append(i).append("\"/>");
        }
        xml.append("</sv:node>");
        HttpResponse<String> response = importXml("", xml.toString().getBytes(StandardCharsets.UTF_8), false);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(error(response).path("message").asText()).contains("more than " + MAX_NODES + " nodes");
        assertThat(status("/many")).isEqualTo(404);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        String title = "x".repeat(MAX_MEGABYTES * 1024 * 1024 + 1024);
        byte[] xml = ("<sv:node sv:name=\"huge\" " + SV + "><sv:property sv:name=\"jcr:primaryType\" "
                + "sv:type=\"Name\"><sv:value>sk:benefit</sv:value></sv:property><sv:property sv:name=\"title\" "
                + "sv:type=\"String\"><sv:value>" + title + "</sv:value></sv:property></sv:node>")
                .getBytes(StandardCharsets.UTF_8);
        for (boolean streamed : new boolean[] {false, true}) {
            HttpResponse<String> response = importXml("", xml, streamed);
            assertThat(response.statusCode()).as("streamed %s: %s", streamed, response.body()).isEqualTo(413);
            assertThat(error(response).path("message").asText()).contains(MAX_MEGABYTES + " MB");
            assertThat(status("/huge")).isEqualTo(404);
        }
    }

    @Test
    void anotherWriterGoesOnWhileABigImportIsWritten() throws Exception {
        int items = 20_000;
        byte[] xml = folder("bulk", items);
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> bulk = CompletableFuture.supplyAsync(() -> {
            try {
                return importXml("", xml, false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the folder is in the first batch: once it is there, the import is writing
        while (status("/bulk") != 200) {
            assertThat(bulk).as("the import ended before anything was seen").isNotDone();
            Thread.sleep(20);
        }
        long before = System.nanoTime();
        HttpResponse<String> single = server.send("PUT", "/.rest/nodes/v1/benefits",
                "{\"name\":\"meanwhile\",\"type\":\"sk:benefit\",\"properties\":[{\"name\":\"title\","
                        + "\"type\":\"String\",\"values\":[\"I mellomtiden\"]}]}",
                "Authorization", auth(), "Content-Type", "application/json");
        long waitedMillis = (System.nanoTime() - before) / 1_000_000;
        boolean importStillRunning = !bulk.isDone();
        HttpResponse<String> imported = bulk.get();
        long importMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("import of %d items: %d ms; a single save during it took %d ms%n", items, importMillis,
                waitedMillis);
        assertThat(single.statusCode()).as(single.body()).isEqualTo(200);
        assertThat(importStillRunning).as("the single save finished while the import was still writing "
                + "(it took %d ms)", waitedMillis).isTrue();
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(server.runtime().content().children("benefits", "/bulk")).hasSize(items);
        assertThat(status("/meanwhile")).isEqualTo(200);
    }
}
