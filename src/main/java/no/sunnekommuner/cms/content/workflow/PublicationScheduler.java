package no.sunnekommuner.cms.content.workflow;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import no.sunnekommuner.cms.content.ContentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the planned publishes and unpublishes: once at start (times missed while the server was down) and then
 * every interval, each time asking the content service for what is due at the clock's time. The schedules are
 * stored on the items, so nothing is lost by a restart, and the content service claims each one before running
 * it, so none runs twice (also with several instances, each running its own scheduler).
 */
public final class PublicationScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PublicationScheduler.class);

    private final ContentService content;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService executor;

    public PublicationScheduler(ContentService content, Clock clock, Duration interval) {
        this.content = content;
        this.clock = clock;
        this.interval = interval;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "publication-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Catches up at once (in the caller's thread, so start-up has run what was missed), then runs periodically. */
    public void start() {
        runDue();
        executor.scheduleWithFixedDelay(this::runDue, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One pass: whatever is due now. */
    public int runDue() {
        try {
            int done = content.runDueSchedules(clock.instant());
            if (done > 0) {
                LOG.info("Scheduler: {} scheduled publish/unpublish run(s) done", done);
            }
            return done;
        } catch (RuntimeException e) {
            // the next pass tries again; a failing repository must not end the scheduler thread
            LOG.warn("Scheduler pass failed: {}", e.toString());
            return 0;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
