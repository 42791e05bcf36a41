package no.sunnekommuner.cms.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import no.sunnekommuner.cms.testing.PostgresServer;
import no.sunnekommuner.cms.testing.ServerProcess;

/**
 * Cluster benchmark (bench/cluster.sh, not a test): two instances on one private PostgreSQL server. Prints the
 * delivery throughput of one instance and of both together, the write rate with one and two writers, and the
 * time from a publish on one instance to the item being served by the other (p50/p99).
 * Arguments: seconds per measurement (default 10), client threads (default 16), sync delay ms (default 1000).
 */
public final class ClusterBenchmark {

    private static final String WS = "benefits";

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int syncDelay = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path root = Files.createTempDirectory("sk-cluster-bench");
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("bench");
            ServerProcess a = start(postgres, "bench-a", root.resolve("a"), syncDelay, root);
            ServerProcess b = start(postgres, "bench-b", root.resolve("b"), syncDelay, root);
            try {
                System.out.printf("Cluster benchmark: 2 instances on PostgreSQL, syncDelay %d ms, %d client threads,"
                        + " %d s per measurement, %d cores%n", syncDelay, threads, seconds,
                        Runtime.getRuntime().availableProcessors());
                int items = 100;
                for (int i = 0; i < items; i++) {
                    create(a, "item-" + i);
                    a.publish(WS, "/item-" + i);
                }
                Thread.sleep(syncDelay * 2L);
                List<String> paths = new ArrayList<>();
                for (int i = 0; i < items; i++) {
                    paths.add("/.rest/delivery/benefits/v1/item-" + i);
                }
                paths.add("/.rest/delivery/benefits/v1?limit=20&orderBy=title");
                paths.add("/.rest/delivery/benefits/v1?limit=20&offset=100&orderBy=title");
                // warm-up of both (JIT, caches)
                deliver(List.of(a, b), paths, threads, Math.max(3, seconds / 2));
                double one = deliver(List.of(a), paths, threads, seconds);
                double both = deliver(List.of(a, b), paths, threads, seconds);
                System.out.printf("Delivery, one instance:    %8.0f req/s%n", one);
                System.out.printf("Delivery, both instances:  %8.0f req/s  (%.2f x one; same 2 cores shared)%n", both,
                        both / one);
                double w1 = write(List.of(a), seconds, "w1");
                double w2 = write(List.of(a, b), seconds, "w2");
                double w4 = write(List.of(a, b, a, b), seconds, "w4");
                System.out.printf("Writes over HTTP (nodes API PUT, Basic auth: a bcrypt check per request):%n");
                System.out.printf("  1 writer on one instance:   %6.1f saves/s%n", w1);
                System.out.printf("  2 writers, one per instance: %6.1f saves/s%n", w2);
                System.out.printf("  4 writers, two per instance: %6.1f saves/s%n", w4);
                int count = 150;
                long alone = a.createThroughContentService(count, "direct-a1");
                ExecutorService two = Executors.newFixedThreadPool(2);
                Future<Long> fa = two.submit(() -> a.createThroughContentService(count, "direct-a2"));
                Future<Long> fb = two.submit(() -> b.createThroughContentService(count, "direct-b2"));
                long both2 = Math.max(fa.get(), fb.get());
                two.shutdown();
                System.out.printf("Writes through the content service (no HTTP), %d creates each:%n", count);
                System.out.printf("  1 writer:                    %6.1f saves/s%n", count * 1000.0 / alone);
                System.out.printf("  2 writers, one per instance: %6.1f saves/s together%n", 2 * count * 1000.0 / both2);
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    ServerProcess writer = i % 2 == 0 ? a : b;
                    ServerProcess reader = i % 2 == 0 ? b : a;
                    String name = "visible-" + i;
                    create(writer, name);
                    // start at a random point of the reader's sync cycle
                    Thread.sleep(ThreadLocalRandom.current().nextInt(syncDelay));
                    writer.publish(WS, "/" + name);
                    long start = System.nanoTime();
                    while (reader.get("/.rest/delivery/benefits/v1/" + name).statusCode() != 200) {
                        Thread.sleep(2);
                    }
                    latencies.add((System.nanoTime() - start) / 1_000_000);
                }
                latencies.sort(null);
                System.out.printf("Publish on one -> served by the other: p50 %d ms, p99 %d ms, max %d ms (%d"
                        + " publishes)%n", latencies.get(latencies.size() / 2),
                        latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1),
                        latencies.get(latencies.size() - 1), latencies.size());
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private static ServerProcess start(PostgresServer postgres, String node, Path dir, int syncDelay, Path logs)
            throws Exception {
        Map<String, String> settings = new HashMap<>(postgres.settings("bench", node, syncDelay));
        settings.put("data.dir", dir.toString());
        settings.put("metrics.enabled", "true");
        return ServerProcess.start(settings, logs.resolve(node + ".log"));
    }

    private static void create(ServerProcess on, String name) throws Exception {
        HttpResponse<String> r = on.sendAsAdmin("PUT", "/.rest/nodes/v1/" + WS + "/", "{\"name\":\"" + name
                + "\",\"type\":\"sk:benefit\",\"properties\":[{\"name\":\"title\",\"type\":\"String\",\"values\":[\""
                + name + "\"]}]}");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("create " + name + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** Requests per second of {@code threads} clients spread over the instances (round robin) for a while. */
    private static double deliver(List<ServerProcess> instances, List<String> paths, int threads, int seconds)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                int n = thread;
                while (System.nanoTime() < end) {
                    ServerProcess on = instances.get(n % instances.size());
                    String path = paths.get((n * 31) % paths.size());
                    if (on.get(path).statusCode() != 200) {
                        throw new IllegalStateException(path + " failed on " + on.base());
                    }
                    done.incrementAndGet();
                    n++;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return done.get() / (double) seconds;
    }

    /** Saves per second of one writer per listed instance, each creating items as fast as it can. */
    private static double write(List<ServerProcess> writers, int seconds, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers.size(); w++) {
            ServerProcess on = writers.get(w);
            String name = prefix + "-" + w + "-";
            futures.add(pool.submit(() -> {
                for (int n = 0; System.nanoTime() < end; n++) {
                    create(on, name + n);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return done.get() / (double) seconds;
    }
}
