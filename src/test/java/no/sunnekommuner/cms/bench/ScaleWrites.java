package no.sunnekommuner.cms.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.validation.ValidationMode;

/**
 * The write side of the scale benchmark: saves and publishes of existing articles picked at random, then new
 * articles made in the benchmark's folder as the editor makes them (filed into date folders once it is full),
 * published for the first time and deleted again (so the repository keeps its
 * size for the next run). Each step is timed by the wall clock and by the writing thread's CPU time: the machine
 * is shared, and CPU time shows the work a write does at a size even while other processes take the cores.
 */
final class ScaleWrites {

    private static final int WRITES = Integer.getInteger("bench.writes", 200);
    private static final int CREATES = Integer.getInteger("bench.creates", 50);
    /**
     * Writes before the counted ones: the first size of a run would otherwise also measure the JIT warming up
     * (its p99 came out 2-3 x the next size's).
     */
    private static final int WARMUP = Integer.getInteger("bench.warmupWrites", 100);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One step's sorted latencies, wall clock and CPU, in nanoseconds. */
    record Step(String name, long[] wall, long[] cpu, String what) {
    }

    private ScaleWrites() {
    }

    static List<Step> measure(ContentService content, String folder) {
        long total = content.list(ContentQuery.all("newsArticle", 0, 1)).total();
        Random random = new Random(7);
        Recorder save = new Recorder(WRITES);
        Recorder publish = new Recorder(WRITES);
        int missed = 0;
        for (int i = 0; i < WRITES + WARMUP; i++) { // the first ones warm the JIT and the caches
            // an article of the fill picked at random, where the fill filed it (not timed)
            String path = DeliveryBenchmark.articlePath(random.nextInt((int) Math.max(1, total - 20)));
            ContentItem item = content.get("news", path).orElse(null);
            if (item == null) {
                if (++missed > 1000) {
                    throw new IllegalStateException("The fill's articles are not where articlePath says: " + path);
                }
                i--;
                continue;
            }
            boolean counted = i >= WARMUP;
            long revision = item.revision();
            String lead = "Endret ingress " + i;
            save.time(counted, () -> content.patch("news", path, Map.of("lead", lead), revision, "bench"));
            publish.time(counted, () -> content.publish("news", path, "bench"));
        }
        Recorder create = new Recorder(CREATES);
        Recorder firstPublish = new Recorder(CREATES);
        Recorder delete = new Recorder(CREATES);
        for (int i = 0; i < CREATES + WARMUP / 4; i++) { // the first ones warm up
            String name = "ny-" + System.nanoTime();
            ContentNode node = ContentNode.builder(name, "sk:newsArticle")
                    .property("title", "Ny sak " + i).property("lead", "Ingress " + i)
                    .property("publishDate", OffsetDateTime.now(ZoneOffset.UTC)).build();
            boolean counted = i >= WARMUP / 4;
            // made as the editor makes a new article: filed by the news type's dateFolders
            String[] path = new String[1];
            create.time(counted, () -> path[0] = content.createFiled("news", folder, node, "bench",
                    ValidationMode.IMPORT).path());
            firstPublish.time(counted, () -> content.publish("news", path[0], "bench"));
            delete.time(counted, () -> content.delete("news", path[0], "bench"));
        }
        List<Step> steps = new ArrayList<>();
        steps.add(save.step("save", "saves of existing articles"));
        steps.add(publish.step("publish", "publishes of existing articles"));
        steps.add(create.step("create", "new articles made in " + folder + ", filed by dateFolders"));
        steps.add(firstPublish.step("first-publish", "first publishes of those"));
        steps.add(delete.step("delete", "deletes of those"));
        return steps;
    }

    private static final class Recorder {
        private final long[] wall;
        private final long[] cpu;
        private int n;

        Recorder(int size) {
            wall = new long[size];
            cpu = new long[size];
        }

        void time(boolean counted, Runnable write) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            write.run();
            long t1 = System.nanoTime();
            long c1 = THREADS.getCurrentThreadCpuTime();
            if (counted && n < wall.length) {
                wall[n] = t1 - t0;
                cpu[n++] = c1 - c0;
            }
        }

        Step step(String name, String what) {
            long[] w = Arrays.copyOf(wall, n);
            long[] c = Arrays.copyOf(cpu, n);
            Arrays.sort(w);
            Arrays.sort(c);
            return new Step(name, w, c, what);
        }
    }
}
