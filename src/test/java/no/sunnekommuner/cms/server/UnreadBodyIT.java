package no.sunnekommuner.cms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoints that refuse a body before reading it (413 from its declared length, 401 before a write) still answer a
 * client that sends the whole body before it reads, on a connection that stays open for its next request; a client
 * that waits for {@code 100 Continue}, or declares a body and sends none, gets the answer without sending it.
 */
class UnreadBodyIT {

    private static final int MAX_JSON_KILOBYTES = 64;

    @TempDir
    static Path temp;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(temp.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES), Map.of(
                "rest.maxJsonBodyKilobytes", String.valueOf(MAX_JSON_KILOBYTES), "media.maxMegabytes", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String editor() {
        return "Authorization: " + TestServer.basic(TestServer.EDITOR, TestServer.PASSWORD) + "\r\n";
    }

    @Test
    void aRefusedBodyIsReadAfterTheAnswerAndTheConnectionServesTheNextRequest() throws Exception {
        record Refusal(String name, String head, int bodyBytes, String status) {
        }
        List<Refusal> refusals = List.of(
                new Refusal("nodes API write over the JSON limit", "PUT /.rest/nodes/v1/benefits HTTP/1.1\r\n"
                        + editor() + "Content-Type: application/json\r\n", MAX_JSON_KILOBYTES * 1024 * 4,
                        "HTTP/1.1 413"),
                new Refusal("media upload over media.maxMegabytes", "POST /.rest/assets/v1/bilder?fileName=big.png"
                        + " HTTP/1.1\r\n" + editor() + "Content-Type: image/png\r\n", 2 * 1024 * 1024,
                        "HTTP/1.1 413"),
                new Refusal("nodes API write without credentials", "PUT /.rest/nodes/v1/benefits HTTP/1.1\r\n"
                        + "Content-Type: application/json\r\n", 32 * 1024, "HTTP/1.1 401"));
        for (Refusal refusal : refusals) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write((refusal.head() + "Host: 127.0.0.1\r\nContent-Length: " + refusal.bodyBytes() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] body = new byte[refusal.bodyBytes()];
                java.util.Arrays.fill(body, (byte) 'x');
                out.write(body);
                // a second request on the same connection: answered only if the first one's body was read
                out.write("GET /.health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answers = readUntil(socket.getInputStream(), "HTTP/1.1 200");
                assertThat(answers).as(refusal.name()).startsWith(refusal.status()).contains("\"error\"")
                        .doesNotContain("Connection: close").contains("HTTP/1.1 200");
            }
        }
    }

    @Test
    void aClientThatWaitsFor100ContinueGetsTheAnswerWithoutSendingItsBody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000); // well below the idle timeout: the answer must not wait for a body
            socket.getOutputStream().write(("PUT /.rest/nodes/v1/benefits HTTP/1.1\r\nHost: 127.0.0.1\r\n" + editor()
                    + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
                    + MAX_JSON_KILOBYTES * 1024 * 4 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = readUntil(socket.getInputStream(), "payloadTooLarge");
            assertThat(answer).startsWith("HTTP/1.1 413").contains("payloadTooLarge").doesNotContain("100 Continue");
        }
    }

    @Test
    void aClientThatDeclaresABodyAndSendsNoneGetsTheAnswerAndIsLetGoSoon() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            // Jetty's idle timeout is 30 s: a drain waiting for it would fail this read
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("PUT /.rest/nodes/v1/benefits HTTP/1.1\r\nHost: 127.0.0.1\r\n" + editor()
                    + "Content-Type: application/json\r\nContent-Length: " + MAX_JSON_KILOBYTES * 1024 * 4
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long started = System.nanoTime();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("payloadTooLarge");
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms until the server closed").isLessThan(8_000);
        }
    }

    /** What the server sent until {@code marker} appeared (or it closed the connection, or the timeout passed). */
    private static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while (!seen.toString(StandardCharsets.ISO_8859_1).contains(marker) && (n = in.read(buffer)) >= 0) {
                seen.write(buffer, 0, n);
            }
        } catch (SocketException | SocketTimeoutException closed) {
            // reset or silent: what came before is the answer
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }
}
