package no.sunnekommuner.cms.website;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The site's API client over real HTTP: ETag revalidation, max-age reuse, 404 as absence, bad answers. */
class DeliveryClientTest {

    private HttpServer api;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> body = new AtomicReference<>("{\"total\":1,\"results\":[{\"@name\":\"a\"}]}");
    private final AtomicReference<String> cacheControl = new AtomicReference<>("public, max-age=0, must-revalidate");
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            String etag = "\"" + Integer.toHexString(body.get().hashCode()) + "\"";
            String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
            seen.add(exchange.getRequestURI() + " " + (inm == null ? "-" : inm));
            if (exchange.getRequestURI().getPath().contains("/missing")) {
                exchange.sendResponseHeaders(404, -1);
            } else if (exchange.getRequestURI().getPath().contains("/broken")) {
                exchange.sendResponseHeaders(500, -1);
            } else if (etag.equals(inm)) {
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
            } else {
                byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.getResponseHeaders().add("Cache-Control", cacheControl.get());
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    private DeliveryClient client() {
        return new DeliveryClient(URI.create("http://127.0.0.1:" + api.getAddress().getPort() + "/"),
                Duration.ZERO, 100, clock);
    }

    @Test
    void revalidatesWithTheEtagAndSeesAChangeAtTheNextRequest() {
        DeliveryClient client = client();
        assertThat(client.list("news", Map.of("lang", "nb")).path("results").get(0).path("@name").asText())
                .isEqualTo("a");
        assertThat(client.list("news", Map.of("lang", "nb")).path("total").asInt()).isEqualTo(1);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isEqualTo("/.rest/delivery/news/v1?lang=nb -");
        assertThat(seen.get(1)).startsWith("/.rest/delivery/news/v1?lang=nb \""); // asked with If-None-Match: 304

        body.set("{\"total\":2,\"results\":[{\"@name\":\"b\"}]}"); // a publish on the CMS
        assertThat(client.list("news", Map.of("lang", "nb")).path("total").asInt()).isEqualTo(2);
    }

    @Test
    void reusesAResponseWithoutAskingWhileItsMaxAgeLasts() {
        cacheControl.set("public, max-age=30");
        DeliveryClient client = client();
        client.list("members", Map.of("lang", "en"));
        clock.advance(Duration.ofSeconds(29));
        client.list("members", Map.of("lang", "en"));
        assertThat(seen).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        client.list("members", Map.of("lang", "en"));
        assertThat(seen).hasSize(2);
    }

    @Test
    void anItemTheApiDoesNotKnowIsAbsentAndHostilePathsNeverReachTheApi() {
        DeliveryClient client = client();
        assertThat(client.item("news", "/missing", "nb")).isEmpty();
        assertThat(client.item("news", "/../../.rest/nodes/v1/users", "nb")).isEmpty();
        assertThat(client.item("news", "/a?x=1", "nb")).isEmpty();
        assertThat(seen).containsExactly("/.rest/delivery/news/v1/missing?lang=nb -");
    }

    @Test
    void anApiErrorIsASiteErrorNotAnEmptyPage() {
        assertThatThrownBy(() -> client().list("broken", Map.of())).isInstanceOf(SiteException.class)
                .hasMessageContaining("500");
    }

    /** A clock the test moves forward. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
