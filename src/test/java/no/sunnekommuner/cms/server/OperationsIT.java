package no.sunnekommuner.cms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.testing.PostgresServer;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health and metrics: live and ready as JSON without secrets, ready false while the database is stopped and true
 * again when it is back (a private PostgreSQL server this test stops), a Prometheus scrape that parses strictly,
 * and the metrics token.
 */
class OperationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "db-secret-not-to-leak";

    @TempDir
    Path data;

    @Test
    void readyFollowsTheDatabaseAndMetricsParseAsPrometheusText() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("ops");
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(postgres.jdbcUrl("ops"),
                    PostgresServer.USER, ""); java.sql.Statement st = c.createStatement()) {
                // a password the answers must never show (trust authentication ignores it)
                st.execute("alter user " + PostgresServer.USER + " password '" + SECRET + "'");
            }
            Map<String, String> settings = new HashMap<>(postgres.settings("ops", "ops-node", 500));
            settings.put("repository.password", SECRET);
            try (TestServer server = TestServer.start(data, List.of(TestRuntimes.LIGHT_MODULES), settings)) {
                HttpResponse<String> live = server.get("/.health/live");
                assertThat(live.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("UP");

                HttpResponse<String> ready = server.get("/.health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                JsonNode body = JSON.readTree(ready.body());
                assertThat(body.path("status").asText()).isEqualTo("UP");
                assertThat(body.path("mode").asText()).isEqualTo("postgresql");
                assertThat(ready.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
                assertThat(ready.body()).doesNotContain(SECRET).doesNotContain("jdbc:");

                // traffic to measure: a write, a publish, delivery requests (a miss, then hits)
                var content = server.runtime().content();
                content.create("benefits", "/", ContentNode.builder("metered", "sk:benefit")
                        .property("title", "Målt").build(), "test");
                content.publish("benefits", "/metered", "test");
                for (int i = 0; i < 3; i++) {
                    assertThat(server.get("/.rest/delivery/benefits/v1/metered").statusCode()).isEqualTo(200);
                }
                server.get("/.rest/delivery/no-such-endpoint/v1/x"); // folded into one series, not one per path

                HttpResponse<String> scrape = server.get("/.metrics");
                assertThat(scrape.statusCode()).isEqualTo(200);
                assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
                Map<String, Double> samples = parsePrometheusText(scrape.body());
                assertThat(scrape.body()).doesNotContain(SECRET);
                assertThat(samples).containsKey("http_server_requests_seconds_count{endpoint=\"/.rest/delivery/"
                        + "benefits/v1\",method=\"GET\",status=\"200\"}");
                assertThat(samples.get("http_server_requests_seconds_count{endpoint=\"/.rest/delivery/benefits/v1\","
                        + "method=\"GET\",status=\"200\"}")).isEqualTo(3.0);
                assertThat(samples.keySet()).anyMatch(k -> k.startsWith("http_server_requests_seconds_bucket{")
                        && k.contains("endpoint=\"/.rest/delivery/benefits/v1\"") && k.contains("le=\"+Inf\""));
                assertThat(samples.keySet()).noneMatch(k -> k.contains("no-such-endpoint"));
                assertThat(samples.get("sk_delivery_cache_hits_total")).isGreaterThanOrEqualTo(2.0);
                assertThat(samples.get("sk_delivery_cache_misses_total")).isGreaterThanOrEqualTo(1.0);
                assertThat(samples.get("sk_content_writes_total{operation=\"publish\",workspace=\"benefits\"}"))
                        .isEqualTo(1.0);
                assertThat(samples.get("sk_content_writes_total{operation=\"create\",workspace=\"benefits\"}"))
                        .isEqualTo(1.0);
                assertThat(samples.get("sk_jcr_sessions_opened_total")).isPositive();
                assertThat(samples).containsKey("sk_jcr_sessions_open");
                assertThat(samples.get("sk_cluster_journal_lag")).isEqualTo(0.0);

                // the database goes away: not ready (503) within a few seconds, and says why without details
                postgres.stopServer();
                HttpResponse<String> down = awaitStatus(server, 503, 15_000);
                assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
                assertThat(JSON.readTree(down.body()).path("status").asText()).isEqualTo("DOWN");
                assertThat(down.body()).doesNotContain(SECRET).doesNotContain("127.0.0.1").doesNotContain("jdbc:");
                // it comes back: ready again, and writes work again
                postgres.startServer();
                HttpResponse<String> up = awaitStatus(server, 200, 30_000);
                assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
                // the journal's own connection may still fail the first save after the outage (nothing is
                // saved then); a retry within seconds must succeed
                long deadline = System.currentTimeMillis() + 15_000;
                while (true) {
                    try {
                        content.create("benefits", "/", ContentNode.builder("after-outage", "sk:benefit")
                                .property("title", "Etter bruddet").build(), "test");
                        break;
                    } catch (no.sunnekommuner.cms.content.ContentException e) {
                        assertThat(content.get("benefits", "/after-outage")).as("a failed save saved nothing")
                                .isEmpty();
                        if (System.currentTimeMillis() > deadline) {
                            throw e;
                        }
                        Thread.sleep(500);
                    }
                }
                assertThat(content.get("benefits", "/after-outage")).isPresent();
            }
        }
    }

    @Test
    void metricsTokenIsRequiredWhenSetAndEmbeddedModeIsReady() throws Exception {
        try (TestServer server = TestServer.start(data, List.of(TestRuntimes.LIGHT_MODULES),
                Map.of("metrics.token", "scrape-token-123"))) {
            HttpResponse<String> ready = server.get("/.health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).path("mode").asText()).isEqualTo("embedded");
            assertThat(server.get("/.metrics").statusCode()).isEqualTo(401);
            assertThat(server.get("/.metrics", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> scrape = server.get("/.metrics", "Authorization", "Bearer scrape-token-123");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(parsePrometheusText(scrape.body())).containsKey("sk_jcr_sessions_open")
                    .doesNotContainKey("sk_cluster_journal_lag");
        }
    }

    @Test
    void readyAnswersStartingUntilTheStartUpTasksAreDone() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        try (CmsRuntime runtime = TestRuntimes.start(data)) {
            OperationsModule operations = new OperationsModule(runtime.repository(), started::get, runtime.metrics(),
                    false, "", Set.of());
            try (CmsServer server = new CmsServer("127.0.0.1", 0, List.of(operations))) {
                server.start();
                java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
                java.net.URI ready = java.net.URI.create("http://127.0.0.1:" + server.port() + "/.health/ready");
                HttpResponse<String> starting = client.send(java.net.http.HttpRequest.newBuilder(ready).build(),
                        HttpResponse.BodyHandlers.ofString());
                // a load balancer sends no visitor to a server whose migration or first scheduler pass still runs
                assertThat(starting.statusCode()).isEqualTo(503);
                assertThat(JSON.readTree(starting.body()).path("status").asText()).isEqualTo("DOWN");
                assertThat(JSON.readTree(starting.body()).path("reason").asText()).isEqualTo("starting");
                started.set(true);
                HttpResponse<String> up = client.send(java.net.http.HttpRequest.newBuilder(ready).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(up.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(up.body()).path("status").asText()).isEqualTo("UP");
            }
        }
        assertThat(started).isTrue();
    }

    private static HttpResponse<String> awaitStatus(TestServer server, int status, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        HttpResponse<String> r;
        do {
            r = server.get("/.health/ready");
            if (r.statusCode() == status) {
                return r;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < end);
        return r;
    }

    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) "
            + "(counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)"
            + "(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*\\})?"
            + " ([-+]?(?:[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+(?:[eE][-+]?[0-9]+)?|NaN|\\+Inf|-Inf))"
            + "( -?[0-9]+)?");

    /**
     * A strict reading of the Prometheus text exposition format 0.0.4: every line is a HELP, a TYPE or a sample;
     * every sample belongs to a family declared by a TYPE line before it (histograms' _bucket/_sum/_count,
     * counters' _total, summaries' _sum/_count); no series appears twice. Returns series → value.
     */
    static Map<String, Double> parsePrometheusText(String text) {
        assertThat(text).endsWith("\n");
        Map<String, String> types = new HashMap<>();
        Map<String, Double> samples = new HashMap<>();
        Set<String> helped = new HashSet<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                assertThat(helped.add(m.group(1))).as("one HELP per family: %s", line).isTrue();
            } else if ((m = TYPE.matcher(line)).matches()) {
                assertThat(types.put(m.group(1), m.group(2))).as("one TYPE per family: %s", line).isNull();
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                String family = family(name, types);
                assertThat(family).as("sample of a declared family: %s", line).isNotNull();
                String series = name + (m.group(2) == null ? "" : m.group(2).replace(",}", "}"));
                String value = m.group(3);
                double v = value.equals("+Inf") ? Double.POSITIVE_INFINITY
                        : value.equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(value);
                assertThat(samples.put(series, v)).as("series once: %s", line).isNull();
            } else {
                throw new AssertionError("Not Prometheus text format: " + line);
            }
        }
        assertThat(samples).isNotEmpty();
        return samples;
    }

    private static String family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count", "_total", "_created")) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                String type = types.get(base);
                if (type != null && (suffix.equals("_total") ? type.equals("counter")
                        : suffix.equals("_bucket") ? type.equals("histogram")
                        : type.equals("histogram") || type.equals("summary"))) {
                    return base;
                }
            }
        }
        return null;
    }
}
