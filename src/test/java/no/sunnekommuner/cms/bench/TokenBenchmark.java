package no.sunnekommuner.cms.bench;

import com.google.common.collect.ImmutableSet;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;

/**
 * Authentication benchmark (not a test): a script of {@value #WRITES} nodes-API writes (POST of a property update,
 * one request after the other, as a seeding or import script does) with (a) HTTP Basic with the credential cache
 * switched off, which is what every Basic request cost before the cache (one bcrypt check each), (b) HTTP Basic with
 * the cache, (c) an API token. Prints total seconds and requests per second of each, and the ratios to (a).
 */
public final class TokenBenchmark {

    private static final int WRITES = Integer.getInteger("bench.writes", 1_000);
    private static final int ARTICLES = 10;

    private TokenBenchmark() {
    }

    private record Result(String name, double seconds) {
        double perSecond() {
            return WRITES / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath().resolve("tokens");
        if (Files.exists(home)) {
            MoreFiles.deleteRecursively(home, RecursiveDeleteOption.ALLOW_INSECURE);
        }
        Result basicUncached;
        try (TestServer server = start(home.resolve("uncached"), "0")) {
            basicUncached = run(server, "(a) Basic, no cache (before)", TestServer.basic(TestServer.EDITOR,
                    TestServer.PASSWORD));
        }
        Result basicCached;
        Result token;
        try (TestServer server = start(home.resolve("cached"), "60")) {
            basicCached = run(server, "(b) Basic, cached 60 s", TestServer.basic(TestServer.EDITOR,
                    TestServer.PASSWORD));
            server.runtime().users().create("bench-admin", null, TestServer.PASSWORD.toCharArray(),
                    ImmutableSet.of(Role.ADMIN), "nb");
            String secret = server.runtime().tokens().create("benchmark", Role.EDITOR, Duration.ofDays(1),
                    server.runtime().users().find("bench-admin").orElseThrow()).secret();
            token = run(server, "(c) Bearer API token", "Bearer " + secret);
        }
        System.out.printf("%n%d nodes-API writes (POST property update), sequential, one client%n", WRITES);
        System.out.printf("  %-32s %10s %10s %12s%n", "authentication", "seconds", "req/s", "vs (a)");
        for (Result r : List.of(basicUncached, basicCached, token)) {
            System.out.printf("  %-32s %10.2f %10.1f %11.1f×%n", r.name(), r.seconds(), r.perSecond(),
                    basicUncached.seconds() / r.seconds());
        }
        System.out.printf("%nToken vs Basic before: %.1f× faster (target: ≥ 10×)%n",
                basicUncached.seconds() / token.seconds());
        MoreFiles.deleteRecursively(home, RecursiveDeleteOption.ALLOW_INSECURE);
    }

    private static TestServer start(Path dir, String cacheSeconds) throws Exception {
        TestServer server = TestServer.start(dir, List.of(TestRuntimes.LIGHT_MODULES),
                Map.of("security.basicAuthCache.seconds", cacheSeconds));
        for (int i = 0; i < ARTICLES; i++) {
            server.runtime().content().create("news", "/", ContentNode.builder("bench-" + i, "sk:newsArticle")
                    .property("title", "Benchmark " + i)
                    .property("publishDate", OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build(), "bench");
        }
        return server;
    }

    private static Result run(TestServer server, String name, String authorization) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        // warm-up (JIT, connections), not counted
        for (int i = 0; i < 20; i++) {
            write(client, server, authorization, i);
        }
        long start = System.nanoTime();
        for (int i = 0; i < WRITES; i++) {
            write(client, server, authorization, i);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("  %-32s %8.2f s%n", name, seconds);
        return new Result(name, seconds);
    }

    private static void write(HttpClient client, TestServer server, String authorization, int i) throws Exception {
        String body = "{\"properties\":[{\"name\":\"lead\",\"type\":\"String\",\"multiple\":false,\"values\":[\"Ingress "
                + i + "\"]}]}";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.base()
                + "/.rest/nodes/v1/news/bench-" + (i % ARTICLES)))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Write " + i + " failed: " + r.statusCode() + " " + r.body());
        }
    }
}
