package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
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
    static final int MAX_JSON_KILOBYTES = 64;

    @TempDir
    static Path temp;
    static TestServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(temp.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES),
                Map.of("import.maxNodes", String.valueOf(MAX_NODES),
                        "import.maxBodyMegabytes", String.valueOf(MAX_MEGABYTES),
                        "rest.maxJsonBodyKilobytes", String.valueOf(MAX_JSON_KILOBYTES)));
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

    /**
     * Sends an import over a plain socket: the declared length only (no body at all), or a chunked body written by
     * another thread, so the answer can be read although the server stops reading (and closes) at the limit.
     */
    static String oversized(boolean streamed) throws Exception {
        return oversized(streamed, "/.rest/nodes/v1/import/benefits", "application/xml",
                MAX_MEGABYTES * 1024L * 1024L + 1024, "<sv:node sv:name=\"huge\" " + SV + "><sv:property "
                        + "sv:name=\"title\" sv:type=\"String\"><sv:value>");
    }

    /** Sends a body of {@code size} bytes (declared or chunked) that starts with {@code start}, over a socket. */
    static String oversized(boolean streamed, String path, String type, long size, String start) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(60_000);
            String head = "PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Authorization: " + auth() + "\r\nContent-Type: " + type + "\r\n"
                    + (streamed ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = null;
            if (streamed) {
                writer = new Thread(() -> {
                    try {
                        out.write((Integer.toHexString(start.length()) + "\r\n" + start + "\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n")
                                .getBytes(StandardCharsets.US_ASCII);
                        for (long sent = 0; sent < size; sent += 0x10000) {
                            out.write(chunk);
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException closedByTheServer) {
                        // expected once the server has answered and closed
                    }
                });
                writer.start();
            }
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (writer != null) {
                writer.join(10_000);
            }
            return response;
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        for (boolean streamed : new boolean[] {false, true}) {
            String response = oversized(streamed);
            assertThat(response).as("streamed %s", streamed).startsWith("HTTP/1.1 413");
            JsonNode error = MAPPER.readTree(response.substring(response.indexOf("{"))).path("error");
            assertThat(error.path("message").asText()).contains(MAX_MEGABYTES + " MB");
            assertThat(status("/huge")).isEqualTo(404);
        }
    }

    @Test
    void aJsonBodyOverTheLimitIsRefusedWhileItIsRead() throws Exception {
        for (boolean streamed : new boolean[] {false, true}) {
            String response = oversized(streamed, "/.rest/nodes/v1/benefits", "application/json",
                    MAX_JSON_KILOBYTES * 1024L * 4, "{\"name\":\"huge-json\",\"type\":\"sk:benefit\","
                            + "\"properties\":[{\"name\":\"title\",\"type\":\"String\",\"values\":[\"");
            assertThat(response).as("streamed %s", streamed).startsWith("HTTP/1.1 413");
            JsonNode error = MAPPER.readTree(response.substring(response.indexOf("{"))).path("error");
            assertThat(error.path("message").asText()).contains(MAX_JSON_KILOBYTES + " KB");
            assertThat(status("/huge-json")).isEqualTo(404);
        }
        // a body within the limit is written as before
        HttpResponse<String> small = server.send("PUT", "/.rest/nodes/v1/benefits",
                "{\"name\":\"small-json\",\"type\":\"sk:benefit\",\"properties\":[{\"name\":\"title\","
                        + "\"type\":\"String\",\"values\":[\"" + "x".repeat(MAX_JSON_KILOBYTES * 512) + "\"]}]}",
                "Authorization", auth(), "Content-Type", "application/json");
        assertThat(small.statusCode()).as(small.body()).isEqualTo(200);
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
