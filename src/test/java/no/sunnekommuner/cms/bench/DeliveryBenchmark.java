package no.sunnekommuner.cms.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.validation.ValidationMode;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.server.Settings;

/**
 * Delivery benchmark (not a test): fills a repository with 10,000 published news articles (with references to
 * members and theme groups), starts the server as a separate JVM, and drives a fixed request mix against it,
 * printing requests/s and p50/p99 per request type and the ratio to a static file of similar size.
 * Run with {@code ./bench/delivery.sh}.
 */
public final class DeliveryBenchmark {

    static final int ARTICLES = Integer.getInteger("bench.articles", 10_000);
    private static final int THREADS = Integer.getInteger("bench.threads", 16);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 8);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 5);
    private static final int LATENCY_REQUESTS = Integer.getInteger("bench.latencyRequests", 2000);
    private static final String[] WORDS = {"folkehelse", "nettverk", "planlegging", "oppvekst", "medvirkning",
        "friluftsliv", "levekår", "kommune", "fylke", "samarbeid", "konferanse", "rapport"};

    private DeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
        Path data = home.resolve("data");
        Path staticDir = Files.createDirectories(home.resolve("static"));
        fill(data);

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // the server runs as ./start.sh runs it: from the jar, with a class-data archive written by a first start
        Path archive = home.resolve("server.jsa");
        if (!Files.exists(archive)) {
            double first = startAndStop(client, home, data, staticDir, "-XX:ArchiveClassesAtExit=" + archive, null);
            System.out.printf("%nFirst start (no class-data archive yet, it is written at stop): %.2f s%n", first);
        }
        startAndStop(client, home, data, staticDir, "-XX:SharedArchiveFile=" + archive,
                base -> run(client, base, staticDir));
    }

    /** Starts the server in its own JVM, prints and returns the time to ready, runs work against it, stops it. */
    private static double startAndStop(HttpClient client, Path home, Path data, Path staticDir, String share,
            ServerWork work) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", share, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp",
                System.getProperty("bench.serverClasspath", System.getProperty("java.class.path")),
                "no.sunnekommuner.cms.server.Main");
        pb.environment().putAll(Map.of("SK_DATA_DIR", data.toString(), "SK_SERVER_PORT", String.valueOf(port),
                "SK_DEMO_CONTENT", "false", "SK_SERVER_STATIC_DIR", staticDir.toString(),
                "SK_LIGHT_MODULES_DIRS", Path.of("light-modules").toAbsolutePath().toString(),
                "SK_ADMIN_PASSWORD", "benchmark-password"));
        pb.environment().put("SK_SITE_ENABLED", "false"); // the CMS alone: the figures stay comparable
        pb.redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
        long launched = System.nanoTime();
        Process server = pb.start();
        String base = "http://127.0.0.1:" + port;
        try {
            waitUntilReady(client, base + "/status", server);
            double startup = (System.nanoTime() - launched) / 1e9;
            if (work != null) {
                System.out.printf("%nStart-up to ready with %,d articles: %.2f s (JVM launch included; target <= 5 s)%n",
                        ARTICLES, startup);
                work.run(base);
            }
            return startup;
        } finally {
            server.destroy(); // SIGTERM: a clean shutdown, which also writes the class-data archive
            server.waitFor();
        }
    }

    /** What the benchmark does with a started server. */
    @FunctionalInterface
    private interface ServerWork {
        void run(String base) throws Exception;
    }

    /** Fills (or tops up) a repository with the demo content and {@code bench.articles} published articles. */
    static void fill(Path data) throws Exception {
        Files.createDirectories(data);
        Map<String, String> values = new HashMap<>(Settings.load(Map.of(), new java.util.Properties()).asMap());
        values.put("data.dir", data.toString());
        values.put("lightModules.dirs", Path.of("light-modules").toAbsolutePath().toString());
        try (CmsRuntime runtime = CmsRuntime.start(new Settings(values))) {
            ContentService content = runtime.content();
            long existing = content.list(ContentQuery.all("newsArticle", 0, 1)).total();
            if (existing >= ARTICLES) {
                System.out.printf("Repository in %s already holds %,d articles%n", data, existing);
                return;
            }
            new DemoContent(content).loadIfEmpty();
            List<String> members = ids(content, "member");
            List<String> groups = ids(content, "themeGroup");
            Random random = new Random(42);
            long start = System.nanoTime();
            content.create("news", "/", ContentNode.builder("bench", "mgnl:folder").build(), "bench",
                    ValidationMode.IMPORT);
            content.publish("news", "/bench", "bench");
            for (int i = (int) existing; i < ARTICLES; i++) {
                String w1 = WORDS[random.nextInt(WORDS.length)];
                String w2 = WORDS[random.nextInt(WORDS.length)];
                OffsetDateTime date = OffsetDateTime.of(2015, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC)
                        .plusMinutes(random.nextInt(6_000_000));
                ContentNode node = ContentNode.builder("sak-" + i, "sk:newsArticle")
                        .property("title", "Sak " + i + " om " + w1)
                        .property("title_en", "Article " + i + " on " + w2)
                        .property("lead", "Ingress om " + w1 + " og " + w2)
                        .property("lead_en", "Lead about " + w2)
                        .property("body", "<p>Tekst " + i + " om " + w1 + ", " + w2 + " og folkehelse.</p>")
                        .property("publishDate", date)
                        .property("author", "Forfatter " + (i % 40))
                        .property("featured", i % 10 == 0)
                        .property("tags", List.of(w1, w2))
                        .property("themeGroups", List.of(groups.get(i % groups.size())))
                        .property("members", List.of(members.get(i % members.size()), members.get((i + 3)
                                % members.size())))
                        .build();
                content.create("news", "/bench", node, "bench", ValidationMode.IMPORT);
                content.publish("news", "/bench/sak-" + i, "bench");
                if ((i + 1) % 1000 == 0) {
                    System.out.printf("  %,d articles written and published (%.0f s)%n", i + 1,
                            (System.nanoTime() - start) / 1e9);
                }
            }
        }
    }

    private static List<String> ids(ContentService content, String type) {
        return content.list(ContentQuery.all(type, 0, 1000)).items().stream().map(ContentItem::id).toList();
    }

    private static void waitUntilReady(HttpClient client, String url, Process server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("The server exited; see target/bench/server.log");
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("The server did not get ready in 120 s");
    }

    private static void run(HttpClient client, String base, Path staticDir) throws Exception {
        String news = base + "/.rest/delivery/news/v1";
        String list = news + "?limit=10&orderBy=publishDate%20desc&lang=en";
        byte[] sample = client.send(HttpRequest.newBuilder(URI.create(list)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        Files.write(staticDir.resolve("news-page.json"), sample);
        System.out.printf("List response: %,d bytes (static copy served at /static/news-page.json)%n", sample.length);

        Map<String, IntFunction<String>> mix = new java.util.LinkedHashMap<>();
        mix.put("static file (same size)", i -> base + "/static/news-page.json");
        mix.put("list, cached", i -> list);
        // a response-cache miss each time (another Accept-Language header is another cache key; lang=en still wins)
        mix.put("list, uncached", i -> list + "&offset=" + (i % 10) * 10 + "#al=" + i);
        mix.put("list, deep page", i -> list + "&offset=" + Math.floorMod((long) i * 7919, ARTICLES - 10));
        mix.put("filtered query", i -> news + "?featured=true&tags=" + WORDS[i % WORDS.length]
                + "&limit=10&orderBy=publishDate%20desc&offset=" + (i % 60));
        mix.put("full-text query", i -> news + "?q=" + WORDS[i % WORDS.length] + "&limit=10&offset=" + (i % 500));
        mix.put("single read", i -> news + "/bench/sak-" + Math.floorMod((long) i * 7919, ARTICLES) + "?lang=en");

        // steady state first: every request type runs until the JIT has compiled its hot paths
        int offset = 1_000_000;
        for (Map.Entry<String, IntFunction<String>> e : mix.entrySet()) {
            load(client, e.getValue(), 2, 0, offset += 100_000, Duration.ofSeconds(WARMUP_SECONDS));
        }
        System.out.printf("%nLatency, one client at a time (%,d requests each, after %d s warm-up per type):%n",
                LATENCY_REQUESTS, WARMUP_SECONDS);
        System.out.printf("  %-26s %10s %10s %10s%n", "request", "p50 ms", "p99 ms", "max ms");
        for (Map.Entry<String, IntFunction<String>> e : mix.entrySet()) {
            long[] latencies = load(client, e.getValue(), 1, LATENCY_REQUESTS, offset += 100_000, null);
            System.out.printf("  %-26s %10.2f %10.2f %10.2f%n", e.getKey(), pct(latencies, 50), pct(latencies, 99),
                    latencies[latencies.length - 1] / 1e6);
        }
        System.out.printf("%nThroughput, %d concurrent clients, %d s each:%n", THREADS, SECONDS);
        System.out.printf("  %-26s %10s %10s %10s %12s%n", "request", "req/s", "p50 ms", "p99 ms", "vs static");
        double staticRate = 0;
        for (Map.Entry<String, IntFunction<String>> e : mix.entrySet()) {
            load(client, e.getValue(), THREADS, 0, offset += 100_000, Duration.ofSeconds(2));
            long startNanos = System.nanoTime();
            long[] latencies = load(client, e.getValue(), THREADS, 0, offset += 100_000, Duration.ofSeconds(SECONDS));
            double rate = latencies.length / ((System.nanoTime() - startNanos) / 1e9);
            if (staticRate == 0) {
                staticRate = rate;
            }
            System.out.printf("  %-26s %10.0f %10.2f %10.2f %11.2fx%n", e.getKey(), rate, pct(latencies, 50),
                    pct(latencies, 99), rate / staticRate);
        }
        System.out.println();
    }

    /** Sends requests from {@code threads} clients, either {@code count} in all or for {@code duration}. */
    private static long[] load(HttpClient client, IntFunction<String> urls, int threads, int count, int offset,
            Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(offset);
        List<Future<long[]>> futures = new ArrayList<>();
        long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        int limit = offset + count;
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                long[] own = new long[1024];
                int n = 0;
                while (!stop.get() && System.nanoTime() < end) {
                    int i = next.getAndIncrement();
                    if (duration == null && i >= limit) {
                        break;
                    }
                    String url = urls.apply(i);
                    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url.replaceFirst("#al=.*$", "")));
                    if (url.contains("#al=")) {
                        builder.header("Accept-Language", "en;q=0." + (1 + Math.floorMod(i, 9)) + ", x-" + i);
                    }
                    HttpRequest request = builder.build();
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long took = System.nanoTime() - t0;
                    if (r.statusCode() != 200) {
                        stop.set(true);
                        throw new IllegalStateException(r.statusCode() + " for " + request.uri() + ": "
                                + new String(r.body()));
                    }
                    if (n == own.length) {
                        own = Arrays.copyOf(own, n * 2);
                    }
                    own[n++] = took;
                }
                return Arrays.copyOf(own, n);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> f : futures) {
            parts.add(f.get());
        }
        pool.shutdown();
        long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return all;
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(index, 0)] / 1e6;
    }
}
