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
import no.sunnekommuner.cms.content.ContentExistsException;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.validation.ValidationMode;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.server.Settings;

/**
 * Delivery benchmark (not a test). Two modes, chosen with {@code -Dbench.mode} (or the script's first argument):
 * <ul>
 * <li>{@code concurrent} (default): fills a repository with {@code bench.articles} published news articles (with
 * references to members and theme groups), starts the server as a separate JVM, once with the response cache off
 * and once with it on, and drives five request types with 16 clients (page 1 of a list, list pages rotated over
 * the whole result, a filter, full text, single reads) next to a static file of similar size from the same Jetty,
 * printing requests/s, p50/p99 and the ratio to the static file, and the server's RSS after the cached run;</li>
 * <li>{@code scale}: for each size in {@code bench.sizes} (default 1000,10000) fills its own repository, printing
 * the fill rate, save and publish p50/p99 at that size, start-up to ready, uncached list and deep-page p99 (offset
 * at 90 % of the total, one client) and RSS.</li>
 * </ul>
 * Both end with machine-readable lines: {@code summary mode=… request=… rps=… p50=… p99=… static_ratio=…}.
 * Run with {@code ./bench/delivery.sh [concurrent|scale]}.
 */
public final class DeliveryBenchmark {

    static final int ARTICLES = Integer.getInteger("bench.articles", 10_000);
    private static final int THREADS = Integer.getInteger("bench.threads", 16);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 8);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 5);
    private static final int LATENCY_REQUESTS = Integer.getInteger("bench.latencyRequests", 1000);
    private static final String[] WORDS = {"folkehelse", "nettverk", "planlegging", "oppvekst", "medvirkning",
        "friluftsliv", "levekår", "kommune", "fylke", "samarbeid", "konferanse", "rapport"};

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> summary = new ArrayList<>();
    private final Path home;

    private DeliveryBenchmark(Path home) {
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
        String mode = args.length > 0 ? args[0] : System.getProperty("bench.mode", "concurrent");
        DeliveryBenchmark benchmark = new DeliveryBenchmark(home);
        switch (mode) {
            case "concurrent" -> benchmark.concurrent();
            case "scale" -> benchmark.scale(Arrays.stream(System.getProperty("bench.sizes", "1000,10000")
                    .split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray());
            default -> throw new IllegalArgumentException("Unknown mode " + mode + " (concurrent or scale)");
        }
        System.out.println();
        benchmark.summary.forEach(System.out::println);
    }

    private void concurrent() throws Exception {
        Path data = home.resolve("data");
        Path staticDir = Files.createDirectories(home.resolve("static"));
        fill(data, ARTICLES);
        String share = classDataArchive(data, staticDir);
        // -Dbench.runs=uncached (or cached) runs one of the two, e.g. while profiling
        List<String> runs = List.of(System.getProperty("bench.runs", "uncached,cached").split(","));
        if (runs.contains("uncached")) {
            uncachedRun(data, staticDir, share);
        }
        if (runs.contains("cached")) {
            cachedRun(data, staticDir, share);
        }
    }

    private void uncachedRun(Path data, Path staticDir, String share) throws Exception {
        Server uncached = Server.start(home, data, staticDir, share, Map.of("SK_DELIVERY_CACHE_MAX_MEGABYTES", "0"));
        System.out.printf("%nStart-up to ready with %,d articles: %.2f s (JVM launch included; target <= 5 s)%n",
                ARTICLES, uncached.startup);
        try {
            System.out.printf("%n== Response cache off ==%n");
            throughput("concurrent-uncached", uncached.base, staticDir, ARTICLES, paths(data));
        } finally {
            uncached.stop();
        }
    }

    private void cachedRun(Path data, Path staticDir, String share) throws Exception {
        Server cached = Server.start(home, data, staticDir, share, Map.of());
        try {
            System.out.printf("%n== Response cache on (default configuration) ==%n");
            throughput("concurrent-cached", cached.base, staticDir, ARTICLES, paths(data));
            long rss = cached.rssKilobytes();
            System.out.printf("%nServer RSS after the cached run: %,d MB (target <= 400 MB)%n", rss / 1024);
            summary.add(String.format(java.util.Locale.ROOT,
                    "summary mode=concurrent-cached request=rss rps=- p50=- p99=- static_ratio=- rss_mb=%d",
                    rss / 1024));
        } finally {
            cached.stop();
        }
    }

    /**
     * The server runs as ./start.sh runs it: from the jar, with a class-data archive written by a first start
     * (made once, with whichever repository comes first).
     */
    private String classDataArchive(Path data, Path staticDir) throws Exception {
        Path archive = home.resolve("server.jsa");
        if (!Files.exists(archive)) {
            Server first = Server.start(home, data, staticDir, "-XX:ArchiveClassesAtExit=" + archive, Map.of());
            System.out.printf("%nFirst start (no class-data archive yet, it is written at stop): %.2f s%n",
                    first.startup);
            first.stop();
        }
        return "-XX:SharedArchiveFile=" + archive;
    }

    private void scale(int[] sizes) throws Exception {
        Path staticDir = Files.createDirectories(home.resolve("static"));
        for (int size : sizes) {
            String mode = "scale-" + size;
            Path data = home.resolve(mode);
            System.out.printf("%n== %,d articles (%s) ==%n", size, data);
            Fill fill = fill(data, size);
            int written = fill.written();
            double seconds = fill.seconds();
            if (written > 0) {
                System.out.printf("Fill: %,d articles in %.0f s = %.0f articles/s (written and published)%n",
                        written, seconds, written / seconds);
                summary.add(line(mode, "fill", written / seconds, Double.NaN, Double.NaN, Double.NaN));
            }
            for (ScaleWrites.Step step : saveAndPublish(data)) {
                System.out.printf("%-14s p50 %7.2f ms, p99 %7.2f ms; CPU p50 %7.2f ms, p99 %7.2f ms (%d %s)%n",
                        step.name() + ":", pct(step.wall(), 50), pct(step.wall(), 99), pct(step.cpu(), 50),
                        pct(step.cpu(), 99), step.wall().length, step.what());
                summary.add(line(mode, step.name(), Double.NaN, pct(step.wall(), 50), pct(step.wall(), 99),
                        Double.NaN) + String.format(java.util.Locale.ROOT, " cpu_p50=%.2f cpu_p99=%.2f",
                        pct(step.cpu(), 50), pct(step.cpu(), 99)));
            }

            if (!Boolean.parseBoolean(System.getProperty("bench.scaleServer", "true"))) {
                continue; // -Dbench.scaleServer=false: the writes only (A/B runs of the write path)
            }
            Server server = Server.start(home, data, staticDir, classDataArchive(data, staticDir),
                    Map.of("SK_DELIVERY_CACHE_MAX_MEGABYTES", "0"));
            try {
                String news = server.base + "/.rest/delivery/news/v1";
                String list = news + "?limit=10&orderBy=publishDate%20desc&lang=en";
                // the first answer of a list after the start: cold caches, the query's first hit list
                long t0 = System.nanoTime();
                int firstTotal = total(list);
                double firstList = server.startup + (System.nanoTime() - t0) / 1e9;
                System.out.printf("Start-up to ready: %.2f s (target <= 5 s at 100,000); first list answer (%,d"
                        + " items) at %.2f s%n", server.startup, firstTotal, firstList);
                summary.add(String.format(java.util.Locale.ROOT,
                        "summary mode=%s request=startup rps=- p50=- p99=- static_ratio=- seconds=%.2f"
                                + " first_list_seconds=%.2f", mode, server.startup, firstList));
                int total = total(list);
                Map<String, IntFunction<String>> single = new java.util.LinkedHashMap<>();
                single.put("list-uncached", i -> list + "&offset=" + (i % 5) * 10);
                single.put("deep-page", i -> list + "&offset=" + (int) (total * 0.9 + (i % 50)));
                for (Map.Entry<String, IntFunction<String>> e : single.entrySet()) {
                    load(client, e.getValue(), 1, 0, 3_000_000, Duration.ofSeconds(WARMUP_SECONDS));
                    long[] latencies = load(client, e.getValue(), 1, LATENCY_REQUESTS, 4_000_000, null);
                    System.out.printf("  %-14s one client: p50 %.2f ms, p99 %.2f ms (target p99 <= 20 ms)%n",
                            e.getKey(), pct(latencies, 50), pct(latencies, 99));
                    summary.add(line(mode, e.getKey(), Double.NaN, pct(latencies, 50), pct(latencies, 99),
                            Double.NaN));
                }
                long rss = server.rssKilobytes();
                System.out.printf("RSS: %,d MB%n", rss / 1024);
                summary.add(String.format(java.util.Locale.ROOT,
                        "summary mode=%s request=rss rps=- p50=- p99=- static_ratio=- rss_mb=%d", mode, rss / 1024));
            } finally {
                server.stop();
            }
        }
    }

    /** The list's total as delivery reports it (the demo content's own articles included). */
    private int total(String list) throws Exception {
        String body = client.send(HttpRequest.newBuilder(URI.create(list + "&offset=0")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("total").asInt();
    }

    /** Saves and publishes existing articles, creates, publishes and deletes new ones (see {@link ScaleWrites}). */
    private static List<ScaleWrites.Step> saveAndPublish(Path data) throws Exception {
        try (CmsRuntime runtime = CmsRuntime.start(settings(data))) {
            return ScaleWrites.measure(runtime.content(), "/bench");
        }
    }

    private static Settings settings(Path data) {
        Map<String, String> values = new HashMap<>(Settings.load(Map.of(), new java.util.Properties()).asMap());
        values.put("data.dir", data.toString());
        values.put("lightModules.dirs", Path.of("light-modules").toAbsolutePath().toString());
        return new Settings(values);
    }

    /** A server in its own JVM, started as ./start.sh starts it. */
    private record Server(Process process, String base, double startup) {

        static Server start(Path home, Path data, Path staticDir, String share, Map<String, String> env)
                throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), share, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            command.addAll(jvmOptions());
            command.addAll(List.of("-cp", System.getProperty("bench.serverClasspath",
                    System.getProperty("java.class.path")), "no.sunnekommuner.cms.server.Main"));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(Map.of("SK_DATA_DIR", data.toString(), "SK_SERVER_PORT", String.valueOf(port),
                    "SK_DEMO_CONTENT", "false", "SK_SERVER_STATIC_DIR", staticDir.toString(),
                    "SK_LIGHT_MODULES_DIRS", Path.of("light-modules").toAbsolutePath().toString(),
                    "SK_ADMIN_PASSWORD", "benchmark-password"));
            pb.environment().put("MALLOC_ARENA_MAX", "2"); // as ./start.sh sets it
            pb.environment().put("SK_SITE_ENABLED", "false"); // the CMS alone: the figures stay comparable
            pb.environment().putAll(env);
            pb.redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
            long launched = System.nanoTime();
            Process server = pb.start();
            String base = "http://127.0.0.1:" + port;
            try {
                // ready as a load balancer sees it: the repository logs in and answers a query
                waitUntilReady(HttpClient.newHttpClient(), base + "/.health/ready", server);
            } catch (Exception e) {
                server.destroyForcibly();
                throw e;
            }
            return new Server(server, base, (System.nanoTime() - launched) / 1e9);
        }

        /**
         * The server's JVM options as ./start.sh gives them (jvm.options), then {@code bench.serverJvmArgs}
         * (space-separated, e.g. a flight recording while profiling).
         */
        static List<String> jvmOptions() throws IOException {
            List<String> options = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("jvm.options"))) {
                String option = line.replaceFirst("#.*", "").trim();
                if (!option.isEmpty()) {
                    options.add(option);
                }
            }
            // bench.serverJvmOptions is the scale mode's older name for the same thing
            String extra = (System.getProperty("bench.serverJvmArgs", "") + " "
                    + System.getProperty("bench.serverJvmOptions", "")).trim();
            if (!extra.isEmpty()) {
                options.addAll(Arrays.asList(extra.split("\\s+")));
            }
            return options;
        }

        long rssKilobytes() throws IOException {
            for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        }

        void stop() throws InterruptedException {
            process.destroy(); // SIGTERM: a clean shutdown, which also writes the class-data archive
            process.waitFor();
        }
    }

    /**
     * Fills (or tops up) a repository with the demo content and {@code articles} published articles, made in one
     * folder as the editor makes them ({@link ContentService#createFiled}): the first 1,000 in {@code /bench}, the
     * rest in year/month folders below it by their publishDate (the news type's {@code dateFolders}). Returns how
     * many it wrote and how long the articles took (start-up and demo content not counted).
     */
    static Fill fill(Path data, int articles) throws Exception {
        Files.createDirectories(data);
        Path marker = data.resolve("bench-articles.txt");
        try (CmsRuntime runtime = CmsRuntime.start(settings(data))) {
            ContentService content = runtime.content();
            int existing = Files.exists(marker) ? Integer.parseInt(Files.readString(marker).trim())
                    : written(content, articles);
            if (existing >= articles) {
                System.out.printf("Repository in %s already holds %,d benchmark articles%n", data, existing);
                return new Fill(0, 0);
            }
            new DemoContent(content).loadIfEmpty();
            List<String> members = ids(content, "member");
            List<String> groups = ids(content, "themeGroup");
            if (content.get("news", "/bench").isEmpty()) {
                content.create("news", "/", ContentNode.builder("bench", "mgnl:folder").build(), "bench",
                        ValidationMode.IMPORT);
                content.publish("news", "/bench", "bench");
            }
            long start = System.nanoTime();
            for (int i = existing; i < articles; i++) {
                // one seed per article: a resumed fill makes the same article i (and files it in the same folder)
                Random random = articleRandom(i);
                String w1 = WORDS[random.nextInt(WORDS.length)];
                String w2 = WORDS[random.nextInt(WORDS.length)];
                OffsetDateTime date = articleDate(random); // drawn after the words (articlePath repeats it)
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
                String path;
                try {
                    path = content.createFiled("news", "/bench", node, "bench", ValidationMode.IMPORT).path();
                } catch (ContentExistsException e) {
                    continue; // written by a run that stopped after its last marker
                }
                content.publish("news", path, "bench");
                if ((i + 1) % 1000 == 0) {
                    Files.writeString(marker, Integer.toString(i + 1));
                    System.out.printf("  %,d articles written and published (%.0f s)%n", i + 1,
                            (System.nanoTime() - start) / 1e9);
                }
            }
            Files.writeString(marker, Integer.toString(articles));
            return new Fill(articles - existing, (System.nanoTime() - start) / 1e9);
        }
    }

    private static Random articleRandom(int i) {
        return new Random(42L * 1_000_003L + i);
    }

    private static OffsetDateTime articleDate(Random random) {
        return OffsetDateTime.of(2015, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC).plusMinutes(random.nextInt(6_000_000));
    }

    /**
     * Where the fill filed article i: the first 1,000 in {@code /bench}, the rest by their date's year and month
     * (the news type's {@code dateFolders}), so the writes can pick articles without a query.
     */
    static String articlePath(int i) {
        if (i < 1000) {
            return "/bench/sak-" + i;
        }
        Random random = articleRandom(i);
        random.nextInt(WORDS.length);
        random.nextInt(WORDS.length);
        OffsetDateTime date = articleDate(random);
        return String.format(java.util.Locale.ROOT, "/bench/%04d/%02d/sak-%d", date.getYear(), date.getMonthValue(),
                i);
    }

    /**
     * Where the articles of a repository are: filed by date (a fill with a marker file) or all in {@code /bench}
     * (repositories filled before date folders).
     */
    private static IntFunction<String> paths(Path data) {
        return Files.exists(data.resolve("bench-articles.txt")) ? DeliveryBenchmark::articlePath
                : i -> "/bench/sak-" + i;
    }

    /** What a fill wrote, and in how many seconds. */
    record Fill(int written, double seconds) {
    }

    /**
     * How many benchmark articles a run before the fill's marker file wrote (all in {@code /bench}, in order, so a
     * binary search finds it).
     */
    private static int written(ContentService content, int articles) {
        int low = 0;
        int high = articles;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (content.get("news", "/bench/sak-" + mid).isPresent()) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static List<String> ids(ContentService content, String type) {
        return content.list(ContentQuery.all(type, 0, 1000)).items().stream().map(ContentItem::id).toList();
    }

    private static void waitUntilReady(HttpClient client, String url, Process server) throws Exception {
        // generous: on a shared, overloaded machine a start can take minutes (the figure printed says so)
        long deadline = System.nanoTime() + Duration.ofSeconds(Integer.getInteger("bench.readySeconds", 300))
                .toNanos();
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
        throw new IllegalStateException("The server did not get ready in time (bench.readySeconds)");
    }

    /**
     * The five request types of the issue, with pages and values rotated so that no two consecutive requests are
     * the same, next to a static file of the list's size: 16 clients each, ratios to the static file.
     */
    private void throughput(String mode, String base, Path staticDir, int articles, IntFunction<String> paths)
            throws Exception {
        String news = base + "/.rest/delivery/news/v1";
        String list = news + "?limit=10&orderBy=publishDate%20desc&lang=en";
        byte[] sample = client.send(HttpRequest.newBuilder(URI.create(list)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        Files.write(staticDir.resolve("news-page.json"), sample);
        System.out.printf("List response: %,d bytes (static copy served at /static/news-page.json)%n", sample.length);

        Map<String, IntFunction<String>> mix = new java.util.LinkedHashMap<>();
        mix.put("static", i -> base + "/static/news-page.json");
        mix.put("list-page1", i -> list);
        mix.put("list-rotated", i -> list + "&offset=" + Math.floorMod((long) i * 7919, articles - 10));
        mix.put("filter", i -> news + "?featured=true&tags=" + WORDS[i % WORDS.length]
                + "&limit=10&orderBy=publishDate%20desc&offset=" + (i % 60));
        mix.put("fulltext", i -> news + "?q=" + WORDS[i % WORDS.length] + "&limit=10&offset=" + (i % 500));
        mix.put("single", i -> news + paths.apply((int) Math.floorMod((long) i * 7919, articles)) + "?lang=en");
        Map<String, String> targets = Map.of("list-page1", ">= 1/12", "list-rotated", ">= 1/20", "filter",
                ">= 1/12", "fulltext", ">= 1/12", "single", ">= 1/3", "static", "");

        int offset = 1_000_000;
        for (Map.Entry<String, IntFunction<String>> e : mix.entrySet()) {
            load(client, e.getValue(), 2, 0, offset += 100_000, Duration.ofSeconds(WARMUP_SECONDS));
        }
        System.out.printf("%nThroughput, %d concurrent clients, %d s each (targets for the uncached path; p99 <= 5 x "
                + "p50):%n", THREADS, SECONDS);
        System.out.printf("  %-14s %10s %10s %10s %12s %10s%n", "request", "req/s", "p50 ms", "p99 ms",
                "vs static", "target");
        double staticRate = 0;
        for (Map.Entry<String, IntFunction<String>> e : mix.entrySet()) {
            load(client, e.getValue(), THREADS, 0, offset += 100_000, Duration.ofSeconds(2));
            long startNanos = System.nanoTime();
            long[] latencies = load(client, e.getValue(), THREADS, 0, offset += 100_000, Duration.ofSeconds(SECONDS));
            double rate = latencies.length / ((System.nanoTime() - startNanos) / 1e9);
            if (staticRate == 0) {
                staticRate = rate;
            }
            double ratio = rate / staticRate;
            System.out.printf("  %-14s %10.0f %10.2f %10.2f %9s1/%-3.0f %10s%n", e.getKey(), rate,
                    pct(latencies, 50), pct(latencies, 99), "", 1 / ratio, targets.get(e.getKey()));
            summary.add(line(mode, e.getKey(), rate, pct(latencies, 50), pct(latencies, 99), ratio));
        }
    }

    private static String line(String mode, String request, double rps, double p50, double p99, double ratio) {
        return "summary mode=" + mode + " request=" + request + " rps=" + fmt(rps, "%.0f") + " p50="
                + fmt(p50, "%.2f") + " p99=" + fmt(p99, "%.2f") + " static_ratio=" + fmt(ratio, "%.4f");
    }

    private static String fmt(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(java.util.Locale.ROOT, format, value);
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
