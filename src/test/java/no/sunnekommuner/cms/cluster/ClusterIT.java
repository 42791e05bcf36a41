package no.sunnekommuner.cms.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import no.sunnekommuner.cms.testing.PostgresServer;
import no.sunnekommuner.cms.testing.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two server JVMs on one PostgreSQL database (repository.mode=postgresql): what one publishes the other serves
 * within the sync delay plus a second, concurrent edits on both lose nothing, the same revision edited on both
 * gives a conflict on the second, and a SIGKILLed instance loses no returned save while the other keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int SYNC_DELAY = 500;
    private static final String WS = "benefits";

    private PostgresServer postgres;
    private Path dirA;
    private Path dirB;
    private Path logs;
    private ServerProcess a;
    private ServerProcess b;

    @BeforeAll
    void startCluster() throws Exception {
        postgres = PostgresServer.start();
        postgres.createDatabase("cms");
        Path root = Path.of("target", "cluster-it").toAbsolutePath();
        Files.createDirectories(root);
        dirA = Files.createTempDirectory(root, "a");
        dirB = Files.createTempDirectory(root, "b");
        logs = root;
        // the first instance creates the workspaces and node types; the second finds them in the database
        a = start("node-a", dirA);
        b = start("node-b", dirB);
    }

    private ServerProcess start(String node, Path dir) throws Exception {
        Map<String, String> settings = new HashMap<>(postgres.settings("cms", node, SYNC_DELAY));
        settings.put("data.dir", dir.toString());
        return ServerProcess.start(settings, logs.resolve(node + ".log"));
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, postgres}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // best effort
                }
            }
        }
    }

    private static String benefit(String name, String title) {
        return "{\"name\":\"" + name + "\",\"type\":\"sk:benefit\",\"properties\":[{\"name\":\"title\","
                + "\"type\":\"String\",\"values\":[\"" + title + "\"]}]}";
    }

    private static String title(String title) {
        return "{\"properties\":[{\"name\":\"title\",\"type\":\"String\",\"values\":[\"" + title + "\"]}]}";
    }

    private static void create(ServerProcess on, String name, String title) throws Exception {
        HttpResponse<String> r = on.sendAsAdmin("PUT", "/.rest/nodes/v1/" + WS + "/", benefit(name, title));
        assertThat(r.statusCode()).as("create %s: %s", name, r.body()).isEqualTo(200);
    }

    private static String draftTitle(ServerProcess on, String name) throws Exception {
        HttpResponse<String> r = on.getAsAdmin("/.rest/nodes/v1/" + WS + "/" + name + "?depth=0");
        if (r.statusCode() != 200) {
            return null;
        }
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        for (var p : node.path("properties")) {
            if (p.path("name").asText().equals("title")) {
                return p.path("values").path(0).asText();
            }
        }
        return null;
    }

    /** Polls until the condition holds; returns the milliseconds it took, or -1 after the deadline. */
    private static long awaitMillis(long deadlineMillis, Callable<Boolean> condition) throws Exception {
        long start = System.nanoTime();
        while (true) {
            if (condition.call()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if ((System.nanoTime() - start) / 1_000_000 > deadlineMillis) {
                return -1;
            }
            Thread.sleep(20);
        }
    }

    @Test
    @Order(1)
    void whatOnePublishesTheOtherServesWithinTheSyncDelayPlusOneSecond() throws Exception {
        for (int round = 0; round < 3; round++) {
            ServerProcess writer = round % 2 == 0 ? a : b;
            ServerProcess reader = round % 2 == 0 ? b : a;
            String name = "visible-" + round;
            // the reader's response cache holds the list without the item, so only an invalidation shows it
            String list = "/.rest/delivery/benefits/v1?limit=100&orderBy=title";
            assertThat(reader.get(list).body()).doesNotContain(name);
            assertThat(reader.get(list).body()).doesNotContain(name);
            create(writer, name, "Synlig " + round);
            writer.publish(WS, "/" + name);
            long took = awaitMillis(SYNC_DELAY + 1000, () -> reader.get(list).body().contains("\"" + name + "\"")
                    && reader.get("/.rest/delivery/benefits/v1/" + name).statusCode() == 200);
            assertThat(took).as("published on one, served by the other within syncDelay + 1 s").isNotNegative();
        }
    }

    @Test
    @Order(2)
    void editorsOnBothInstancesEditingDifferentItemsLoseNothing() throws Exception {
        int items = 8;
        for (int i = 0; i < items; i++) {
            create(a, "shared-" + i, "Start " + i);
        }
        Thread.sleep(SYNC_DELAY * 2L);
        int rounds = 6;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (ServerProcess editor : List.of(a, b)) {
            int first = editor == a ? 0 : items / 2;
            String who = editor == a ? "A" : "B";
            done.add(pool.submit(() -> {
                go.await();
                for (int r = 0; r < rounds; r++) {
                    for (int i = first; i < first + items / 2; i++) {
                        HttpResponse<String> resp = editor.sendAsAdmin("POST", "/.rest/nodes/v1/" + WS + "/shared-"
                                + i, title(who + " " + r + " " + i));
                        assertThat(resp.statusCode()).as("edit by %s: %s", who, resp.body()).isEqualTo(200);
                    }
                    // new items in the same folder at the same time (both change the parent's child list)
                    create(editor, "new-" + who + "-" + r, "Ny " + who + " " + r);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        Thread.sleep(SYNC_DELAY * 2L);
        for (ServerProcess on : List.of(a, b)) {
            for (int i = 0; i < items; i++) {
                String who = i < items / 2 ? "A" : "B";
                assertThat(draftTitle(on, "shared-" + i)).as("last edit of shared-%d seen on %s", i, on.base())
                        .isEqualTo(who + " " + (rounds - 1) + " " + i);
            }
            for (String who : List.of("A", "B")) {
                for (int r = 0; r < rounds; r++) {
                    assertThat(draftTitle(on, "new-" + who + "-" + r)).isEqualTo("Ny " + who + " " + r);
                }
            }
        }
    }

    @Test
    @Order(3)
    void theSameRevisionEditedOnBothGivesAConflictOnTheSecondNeverAnOverwrite() throws Exception {
        for (int round = 0; round < 4; round++) {
            String name = "contested-" + round;
            create(a, name, "Original");
            Thread.sleep(SYNC_DELAY * 2L);
            ServerProcess first = round % 2 == 0 ? a : b;
            ServerProcess second = round % 2 == 0 ? b : a;
            // both editors opened revision 1; the second saves right after the first, before its instance has
            // applied the first's change from the journal on its own schedule
            HttpResponse<String> one = first.sendAsAdmin("POST", "/.rest/nodes/v1/" + WS + "/" + name,
                    title("First"), "If-Match", "\"1\"");
            HttpResponse<String> two = second.sendAsAdmin("POST", "/.rest/nodes/v1/" + WS + "/" + name,
                    title("Second"), "If-Match", "\"1\"");
            assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
            assertThat(two.statusCode()).as("the second save based on revision 1: %s", two.body()).isEqualTo(409);
            assertThat(two.body()).contains("\"conflict\"");
            assertThat(draftTitle(second, name)).isEqualTo("First");
            assertThat(draftTitle(first, name)).isEqualTo("First");
        }
        // and at the same moment: exactly one of the two wins
        for (int round = 0; round < 4; round++) {
            String name = "race-" + round;
            create(a, name, "Original");
            Thread.sleep(SYNC_DELAY * 2L);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            Future<HttpResponse<String>> fa = pool.submit(() -> {
                go.await();
                return a.sendAsAdmin("POST", "/.rest/nodes/v1/" + WS + "/" + name, title("From A"), "If-Match", "\"1\"");
            });
            Future<HttpResponse<String>> fb = pool.submit(() -> {
                go.await();
                return b.sendAsAdmin("POST", "/.rest/nodes/v1/" + WS + "/" + name, title("From B"), "If-Match", "\"1\"");
            });
            go.countDown();
            int ra = fa.get(60, TimeUnit.SECONDS).statusCode();
            int rb = fb.get(60, TimeUnit.SECONDS).statusCode();
            pool.shutdown();
            assertThat(List.of(ra, rb)).as("one save wins, the other conflicts").containsExactlyInAnyOrder(200, 409);
            String winner = ra == 200 ? "From A" : "From B";
            Thread.sleep(SYNC_DELAY * 2L);
            assertThat(draftTitle(a, name)).isEqualTo(winner);
            assertThat(draftTitle(b, name)).isEqualTo(winner);
        }
    }

    @Test
    @Order(4)
    void killMinus9OfOneLosesNoReturnedSaveTheOtherKeepsServingAndTheRestartedOneCatchesUp() throws Exception {
        Set<String> saved = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger served = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        // writers on A (killed) and B (survives); a reader of B's public delivery throughout
        Future<?> writerA = pool.submit(() -> {
            for (int n = 0; !stop.get(); n++) {
                String name = "crash-a-" + n;
                try {
                    if (a.sendAsAdmin("PUT", "/.rest/nodes/v1/" + WS + "/", benefit(name, "Krasj " + n))
                            .statusCode() == 200) {
                        saved.add(name);
                    }
                } catch (Exception e) {
                    return null; // the instance is gone: this save never returned
                }
            }
            return null;
        });
        Future<?> writerB = pool.submit(() -> {
            for (int n = 0; !stop.get(); n++) {
                String name = "crash-b-" + n;
                HttpResponse<String> r = b.sendAsAdmin("PUT", "/.rest/nodes/v1/" + WS + "/", benefit(name, "B " + n));
                if (r.statusCode() == 200) {
                    saved.add(name);
                } else {
                    failures.add("write on B: " + r.statusCode() + " " + r.body());
                }
                Thread.sleep(20);
            }
            return null;
        });
        Future<?> reader = pool.submit(() -> {
            while (!stop.get()) {
                HttpResponse<String> r = b.get("/.rest/delivery/benefits/v1/visible-0");
                if (r.statusCode() == 200) {
                    served.incrementAndGet();
                } else {
                    failures.add("delivery on B: " + r.statusCode());
                }
            }
            return null;
        });
        long deadline = System.currentTimeMillis() + 60_000;
        while (saved.stream().filter(s -> s.startsWith("crash-a-")).count() < 15
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        a.kill();
        int servedAtKill = served.get();
        Thread.sleep(3000); // B alone: still serving and saving
        stop.set(true);
        writerA.get(30, TimeUnit.SECONDS);
        writerB.get(30, TimeUnit.SECONDS);
        reader.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(failures).as("B kept serving and saving while A died").isEmpty();
        assertThat(served.get()).as("B served during A's absence").isGreaterThan(servedAtKill);
        long savedOnA = saved.stream().filter(s -> s.startsWith("crash-a-")).count();
        assertThat(savedOnA).isGreaterThanOrEqualTo(15);
        // while A is down, B writes and publishes more
        create(b, "while-a-down", "Mens A var nede");
        b.publish(WS, "/while-a-down");
        for (String name : saved) {
            assertThat(draftTitle(b, name)).as("returned save %s present on B", name).isNotNull();
        }
        // A restarts from its own folder (crash: its index is checked) and catches up with what it missed
        a = start("node-a", dirA);
        for (String name : saved) {
            assertThat(draftTitle(a, name)).as("returned save %s present on restarted A", name).isNotNull();
        }
        assertThat(a.get("/.rest/delivery/benefits/v1/while-a-down").statusCode()).isEqualTo(200);
        // the restarted index finds what was written: the delivery list (a query) shows the published item
        assertThat(a.get("/.rest/delivery/benefits/v1?limit=200").body()).contains("\"while-a-down\"");
        // and the cluster still works both ways
        create(a, "after-restart", "Etter omstart");
        a.publish(WS, "/after-restart");
        assertThat(awaitMillis(SYNC_DELAY + 1000,
                () -> b.get("/.rest/delivery/benefits/v1/after-restart").statusCode() == 200)).isNotNegative();
    }
}
