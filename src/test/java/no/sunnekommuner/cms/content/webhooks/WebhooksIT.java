package no.sunnekommuner.cms.content.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.server.Settings;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end with a receiver on loopback: the payload and its signature (checked with the README's
 * recipe, written here again with the JDK's HMAC), a target down for a while that then gets every event once and
 * in order, an event pending at shutdown delivered after the restart, and publishing that never waits for a slow
 * target.
 */
class WebhooksIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "s3cret-for-the-website-hook";

    @TempDir
    Path temp;
    final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    /** A loopback receiver that answers with {@code status} and records every request. */
    final class Receiver implements AutoCloseable {
        final HttpServer http;
        final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        final List<String> signatures = new CopyOnWriteArrayList<>();
        final List<byte[]> raw = new CopyOnWriteArrayList<>();
        final AtomicInteger status = new AtomicInteger(200);
        final AtomicInteger requests = new AtomicInteger();
        volatile CountDownLatch hold;

        Receiver(int port) throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            http.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                requests.incrementAndGet();
                CountDownLatch h = hold;
                if (h != null) {
                    try {
                        h.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                int answer = status.get();
                if (answer == 200) {
                    raw.add(body);
                    bodies.add(JSON.readTree(body));
                    signatures.add(exchange.getRequestHeaders().getFirst("X-SK-Signature"));
                }
                exchange.sendResponseHeaders(answer, -1);
                exchange.close();
            });
            http.start();
            open.add(this);
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    CmsRuntime start(Path data, String url, String extraYaml) throws Exception {
        Path file = temp.resolve("webhooks-" + System.nanoTime() + ".yaml");
        Files.writeString(file, """
                targets:
                  website:
                    url: %s
                    secret: %s
                    events: [publish, unpublish, delete]
                %s""".formatted(url, SECRET, extraYaml));
        Files.createDirectories(data);
        Settings settings = TestRuntimes.settings(data, List.of(TestRuntimes.LIGHT_MODULES))
                .with("webhooks.file", file.toString())
                .with("webhooks.retry.initialMillis", "50")
                .with("webhooks.retry.maxSeconds", "1")
                .with("webhooks.timeoutSeconds", "5")
                .with("server.baseUrl", "https://cms.example.org");
        CmsRuntime runtime = CmsRuntime.start(settings);
        open.add(runtime);
        return runtime;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    static ContentNode article(String name) {
        return ContentNode.builder(name, "sk:newsArticle").property("title", "Sak " + name)
                .property("title_en", "Story " + name)
                .property("publishDate", OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The README's recipe: lower-case hex HMAC-SHA256 of the raw body under the secret, after "sha256=". */
    static String recipe(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void aPublishIsPostedSignedWithTheItemAndItsDeliveryUrl() throws Exception {
        Receiver receiver = new Receiver(0);
        CmsRuntime runtime = start(temp.resolve("data"), receiver.url(), "");
        ContentService content = runtime.content();
        String id = content.create("news", "/", article("signert"), "test").id();
        content.publish("news", "/signert", "test");
        await(() -> receiver.bodies.size() == 1, "the publish webhook");

        JsonNode body = receiver.bodies.get(0);
        assertThat(body.path("event").asText()).isEqualTo("publish");
        assertThat(body.path("workspace").asText()).isEqualTo("news");
        assertThat(body.path("path").asText()).isEqualTo("/signert");
        assertThat(body.path("id").asText()).isEqualTo(id);
        assertThat(body.path("languages").toString()).isEqualTo("[\"nb\",\"en\"]");
        assertThat(body.path("deliveryUrl").asText()).isEqualTo("https://cms.example.org/.rest/delivery/news/v1/signert");
        assertThat(body.path("time").asText()).isNotEmpty();
        assertThat(receiver.signatures.get(0)).isEqualTo(recipe(receiver.raw.get(0)));
        // an altered body does not verify
        byte[] altered = receiver.raw.get(0).clone();
        altered[altered.length - 2] ^= 1;
        assertThat(receiver.signatures.get(0)).isNotEqualTo(recipe(altered));

        // the creation and a save are no webhook events; a never-published draft's delete is none either
        content.create("news", "/", article("utkast"), "test");
        content.delete("news", "/utkast", "test");
        content.delete("news", "/signert", "test");
        await(() -> receiver.bodies.size() == 2, "the delete webhook");
        Thread.sleep(200);
        assertThat(receiver.bodies).extracting(b -> b.path("event").asText() + " " + b.path("path").asText())
                .containsExactly("publish /signert", "delete /signert");
        assertThat(runtime.webhooks().recent()).first().extracting(WebhookDelivery::outcome)
                .isEqualTo(WebhookDelivery.Outcome.DELIVERED);
    }

    @Test
    void aTargetDownForAWhileGetsEveryEventOnceAndInOrder() throws Exception {
        Receiver receiver = new Receiver(0);
        receiver.status.set(503);
        CmsRuntime runtime = start(temp.resolve("data"), receiver.url(), "");
        ContentService content = runtime.content();
        for (String name : List.of("a", "b", "c")) {
            content.create("news", "/", article(name), "test");
            content.publish("news", "/" + name, "test");
        }
        content.unpublish("news", "/a", "test");
        content.publish("news", "/b", "test");
        content.delete("news", "/c", "test");
        await(() -> receiver.requests.get() >= 4, "several refused attempts");
        assertThat(runtime.webhooks().recent()).extracting(WebhookDelivery::outcome)
                .contains(WebhookDelivery.Outcome.RETRYING);
        assertThat(receiver.bodies).isEmpty();

        receiver.status.set(200);
        await(() -> receiver.bodies.size() >= 6, "every event once the target is up");
        Thread.sleep(300);
        assertThat(receiver.bodies).extracting(b -> b.path("event").asText() + " " + b.path("path").asText())
                .containsExactly("publish /a", "publish /b", "publish /c", "unpublish /a", "publish /b",
                        "delete /c");
        assertThat(receiver.bodies).extracting(b -> b.path("eventId").asText()).doesNotHaveDuplicates();
        for (int i = 0; i < receiver.raw.size(); i++) {
            assertThat(receiver.signatures.get(i)).isEqualTo(recipe(receiver.raw.get(i)));
        }
        assertThat(runtime.webhooks().pending()).containsEntry("website", 0);
    }

    @Test
    void anEventPendingAtShutdownIsDeliveredAfterTheRestart() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/hook"; // nothing listens: connection refused
        Path data = temp.resolve("data");
        CmsRuntime first = start(data, url, "");
        first.content().create("news", "/", article("etter-omstart"), "test");
        first.content().publish("news", "/etter-omstart", "test");
        await(() -> first.webhooks().recent().size() >= 1, "a failed attempt");
        assertThat(first.webhooks().pending()).containsEntry("website", 1);
        first.close();
        open.remove(first);

        Receiver receiver = new Receiver(port);
        CmsRuntime second = start(data, url, "");
        await(() -> receiver.bodies.size() == 1, "the pending event after the restart");
        assertThat(receiver.bodies.get(0).path("path").asText()).isEqualTo("/etter-omstart");
        assertThat(receiver.signatures.get(0)).isEqualTo(recipe(receiver.raw.get(0)));
        await(() -> second.webhooks().pending().get("website") == 0, "an empty outbox");
        Thread.sleep(200);
        assertThat(receiver.bodies).hasSize(1);
    }

    @Test
    void aSlowTargetNeverHoldsUpPublishing() throws Exception {
        Receiver receiver = new Receiver(0);
        receiver.hold = new CountDownLatch(1); // the receiver answers nothing until released
        CmsRuntime runtime = start(temp.resolve("data"), receiver.url(), "    workspaces: [news]\n");
        ContentService content = runtime.content();
        content.create("news", "/", article("treg-1"), "test");
        content.publish("news", "/treg-1", "test");
        await(() -> receiver.requests.get() == 1, "the first request to reach the stalled receiver");
        // the receiver is blocked inside the first request: these publishes return all the same
        for (int i = 2; i <= 3; i++) {
            content.create("news", "/", article("treg-" + i), "test");
            content.publish("news", "/treg-" + i, "test");
        }
        assertThat(runtime.webhooks().pending()).containsEntry("website", 3);
        receiver.hold.countDown();
        await(() -> receiver.bodies.size() == 3, "every event after the receiver answers");
        assertThat(receiver.bodies).extracting(b -> b.path("path").asText())
                .containsExactly("/treg-1", "/treg-2", "/treg-3");
    }

    @Test
    void targetsMustBeHttpAndHaveALongSecret() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebhookTarget("x", java.net.URI.create(
                "file:///etc/passwd"), SECRET, null, null)).hasMessageContaining("http");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebhookTarget("x", java.net.URI.create(
                "http://user:pw@example.org/"), SECRET, null, null)).hasMessageContaining("credentials");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebhookTarget("x", java.net.URI.create(
                "https://example.org/"), "short", null, null)).hasMessageContaining("secret");
    }
}
