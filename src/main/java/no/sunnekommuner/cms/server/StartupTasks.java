package no.sunnekommuner.cms.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of start-up that needs the repository's content but not the web server (the asset migration and the
 * scheduler's first pass), then work that only makes the first requests faster (opening the workspaces nothing
 * has opened yet: Jackrabbit opens a workspace's database and search index at its first login, 100-300 ms each).
 * They run in order on a thread of their own while the starting thread builds and starts the web server, which
 * costs about as long; on two cores the two overlap. Until the first part is done the readiness endpoint answers
 * 503 ("starting"), so a load balancer sends no visitor before the content is as a finished start leaves it; a
 * failed task fails the start. The warm-up after it does not hold readiness back, and its failure is only logged
 * (the request that needs the workspace opens it, or fails, as without it).
 */
final class StartupTasks {

    private static final Logger LOG = LoggerFactory.getLogger(StartupTasks.class);

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;

    /** Starts the tasks at once, in their iteration order, then the warm-up (none when null). */
    StartupTasks(Map<String, Runnable> tasks, Runnable warmUp) {
        Map<String, Runnable> ordered = new LinkedHashMap<>(tasks);
        this.thread = new Thread(() -> {
            if (run(ordered) && warmUp != null) {
                warm(warmUp);
            }
        }, "start-up");
        thread.setDaemon(true);
        thread.start();
    }

    private boolean run(Map<String, Runnable> tasks) {
        StartupPhases phases = new StartupPhases();
        try {
            for (Map.Entry<String, Runnable> task : tasks.entrySet()) {
                task.getValue().run();
                phases.done(task.getKey());
            }
            LOG.info("Start-up tasks done in {} ms: {}", phases.totalMillis(), phases);
            done.complete(null);
            return true;
        } catch (RuntimeException | Error e) {
            done.completeExceptionally(e);
            return false;
        }
    }

    private static void warm(Runnable warmUp) {
        long started = System.nanoTime();
        try {
            warmUp.run();
            LOG.info("Warm-up after start-up done in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("Warm-up after start-up failed: {}", e.toString());
        }
    }

    boolean isDone() {
        return done.isDone() && !done.isCompletedExceptionally();
    }

    /** Waits for the tasks; a task's failure is thrown here as it was thrown there. */
    void await() {
        try {
            done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Waits for the thread to end, whatever the outcome (before the repository closes under it). */
    void finish() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
