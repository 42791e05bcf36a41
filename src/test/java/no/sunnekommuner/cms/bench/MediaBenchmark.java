package no.sunnekommuner.cms.bench;

import com.google.common.collect.ImmutableSet;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.media.MediaFormat;
import no.sunnekommuner.cms.content.media.RenditionGenerator;
import no.sunnekommuner.cms.definition.ImagingVariation;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.server.CmsServer;
import no.sunnekommuner.cms.server.Main;
import no.sunnekommuner.cms.server.Settings;

/** Media benchmark (not a test); see bench/media.sh. Prints figures only. */
public final class MediaBenchmark {

    private static final String USER = "benchmark";
    private static final String PASSWORD = "benchmark-password";
    private static final Actor PUBLISHER = Actor.of(USER, List.of(Actor.EDITOR, Actor.PUBLISHER));

    private MediaBenchmark() {
    }

    static byte[] photo(int w, int h) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160), w, h, new Color(240, 200, 60)));
        g.fillRect(0, 0, w, h);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            g.fillOval(random.nextInt(w), random.nextInt(h), 20 + random.nextInt(w / 8), 20 + random.nextInt(h / 8));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    public static void main(String[] args) throws Exception {
        byte[] big = photo(6000, 4000);
        System.out.printf("24-megapixel JPEG (6000 × 4000): %.1f MB%n", big.length / 1e6);
        RenditionGenerator generator = new RenditionGenerator();
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            for (ImagingVariation v : List.of(new ImagingVariation("960", 960, 0, true, "", 0.85),
                    new ImagingVariation("16x9", 1280, 720, true, "", 0.85),
                    new ImagingVariation("thumbnail", 240, 240, true, "", 0.85))) {
                long a0 = allocated();
                long t0 = System.nanoTime();
                RenditionGenerator.Rendition r = generator.render(new ByteArrayInputStream(big), MediaFormat.JPEG, v,
                        0.5, 0.5);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (round == 1) {
                    System.out.printf("rendition %-9s %4d × %-4d %5d ms, %5.0f MB allocated%n", v.name(), r.width(),
                            r.height(), ms, (allocated() - a0) / 1e6);
                }
            }
        }
        long a0 = allocated();
        long t0 = System.nanoTime();
        BufferedImage full = ImageIO.read(new ByteArrayInputStream(big));
        System.out.printf("for comparison, a full decode of it (no resize): %d ms, %.0f MB allocated (%d × %d)%n",
                (System.nanoTime() - t0) / 1_000_000, (allocated() - a0) / 1e6, full.getWidth(), full.getHeight());
        full = null;

        Path data = Files.createTempDirectory("media-bench");
        Path statics = Files.createTempDirectory("media-bench-static");
        Map<String, String> values = new HashMap<>(Settings.load(System.getenv(), System.getProperties()).asMap());
        values.put("data.dir", data.toString());
        values.put("lightModules.dirs", Path.of("light-modules").toAbsolutePath().toString());
        values.put("demo.content", "true");
        values.put("server.staticDir", statics.toString());
        String auth = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newHttpClient();
        try (CmsRuntime runtime = CmsRuntime.start(new Settings(values))) {
            runtime.users().create(USER, "Benchmark", PASSWORD.toCharArray(),
                    ImmutableSet.of(Role.EDITOR, Role.PUBLISHER), "nb");
            try (CmsServer server = new CmsServer("127.0.0.1", 0, Main.webModules(runtime))) {
                server.start();
                String base = "http://127.0.0.1:" + server.port();
                runtime.assets().createFolder(PUBLISHER, "/", "bench");
                runtime.content().publish("dam", "/bench", PUBLISHER);

                int uploads = Integer.getInteger("bench.uploads", 20);
                byte[] medium = photo(2400, 1600);
                long u0 = System.nanoTime();
                for (int i = 0; i < uploads; i++) {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base
                            + "/.rest/assets/v1/bench?fileName=photo-" + i + ".jpg")).header("Authorization", auth)
                            .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(medium))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) {
                        throw new IllegalStateException("upload failed: " + r.statusCode() + " " + r.body());
                    }
                }
                double seconds = (System.nanoTime() - u0) / 1e9;
                System.out.printf("upload: %d files of %.1f MB in %.1f s = %.1f files/s, %.1f MB/s%n", uploads,
                        medium.length / 1e6, seconds, uploads / seconds, uploads * medium.length / 1e6 / seconds);

                for (int i = 0; i < uploads; i++) {
                    runtime.content().publish("dam", "/bench/photo-" + i, PUBLISHER);
                }
                String rendition = "/.imaging/mte/sunne-kommuner-theme/960/dam/bench/photo-0/jcr:content/photo-0.jpg";
                byte[] renditionBytes = client.send(HttpRequest.newBuilder(URI.create(base + rendition)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                Files.write(statics.resolve("photo-0-960.jpg"), renditionBytes);
                System.out.printf("cached rendition (%.0f KB): %s%n", renditionBytes.length / 1e3,
                        throughput(client, base + rendition));
                System.out.printf("same file as a static file:  %s%n", throughput(client, base
                        + "/static/photo-0-960.jpg"));

                String list = base + "/.rest/delivery/news/v1?limit=10";
                System.out.printf("list query alone:                %s%n", latencies(client, list, 200, null));
                List<String> burst = new ArrayList<>();
                for (int i = 1; i < uploads; i++) {
                    for (String v : List.of("16x9", "480", "thumbnail")) {
                        burst.add(base + "/.imaging/mte/sunne-kommuner-theme/" + v + "/dam/bench/photo-" + i
                                + "/jcr:content/photo-" + i + ".jpg");
                    }
                }
                System.out.printf("list query during %d renditions: %s%n", burst.size(),
                        latencies(client, list, 200, burst));
            }
        }
    }

    static String throughput(HttpClient client, String url) throws Exception {
        int threads = 4;
        int each = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < each; i++) {
                    try {
                        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(url + " -> " + r.statusCode());
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }
            }, pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return String.format("%.0f requests/s (%d requests, %d clients)", threads * each / seconds, threads * each,
                threads);
    }

    /** Latencies of sequential list queries, while the burst (if any) is requested by 16 clients at once. */
    static String latencies(HttpClient client, String url, int count, List<String> burst) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<CompletableFuture<Void>> load = new ArrayList<>();
        long[] statuses = new long[2];
        if (burst != null) {
            for (String u : burst) {
                load.add(CompletableFuture.runAsync(() -> {
                    try {
                        int s = client.send(HttpRequest.newBuilder(URI.create(u)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        synchronized (statuses) {
                            statuses[s == 200 ? 0 : 1]++;
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, pool));
            }
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " -> " + r.statusCode());
            }
            micros.add((System.nanoTime() - t0) / 1000);
        }
        long b0 = System.nanoTime();
        CompletableFuture.allOf(load.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
        done.set(true);
        Collections.sort(micros);
        String out = String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms", micros.get(count / 2) / 1000.0,
                micros.get(count * 99 / 100) / 1000.0, micros.get(count - 1) / 1000.0);
        if (burst != null) {
            out += String.format(" (renditions: %d × 200, %d refused with 503; burst finished %.1f s after the"
                    + " queries)", statuses[0], statuses[1], (System.nanoTime() - b0) / 1e9);
        }
        return out;
    }
}
