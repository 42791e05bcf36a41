package no.sunnekommuner.cms.content.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.VersionInfo;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.MovableClock;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules are stored on the items: a publish due while the server was stopped runs once when it starts (also
 * when it starts at the scheduled minute itself), never again after further restarts, and the running scheduler
 * publishes at the time by itself.
 */
class ScheduledPublishRestartIT {

    static final Actor PUBLISHER = Actor.of("publisher", List.of("editor", "publisher"));
    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    @TempDir
    Path dir;

    CmsRuntime start(MovableClock clock, long intervalMillis) throws Exception {
        Files.createDirectories(dir.resolve("repo"));
        return CmsRuntime.start(TestRuntimes.settings(dir.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES))
                .with("workflow.schedulerIntervalMillis", Long.toString(intervalMillis)), clock);
    }

    static ContentNode article(String name) {
        return ContentNode.builder(name, "sk:newsArticle").property("title", "Sak " + name)
                .property("publishDate", OffsetDateTime.parse("2026-10-01T09:00:00+02:00")).build();
    }

    static long publishedVersions(CmsRuntime runtime, String path) {
        return runtime.content().versions("news", path).stream()
                .filter(v -> v.action() == VersionInfo.Action.PUBLISHED).count();
    }

    @Test
    void aPublishDueWhileStoppedRunsOnceAtStartAndNeverAgain() throws Exception {
        MovableClock clock = new MovableClock(T0);
        Instant due = T0.plus(Duration.ofMinutes(2));
        try (CmsRuntime runtime = start(clock, 3_600_000)) {
            ContentItem onTheMinute = runtime.content().create("news", "/", article("paa-minuttet"), PUBLISHER);
            ContentItem missed = runtime.content().create("news", "/", article("gikk-glipp"), PUBLISHER);
            runtime.content().schedule("news", onTheMinute.path(), due, null, PUBLISHER);
            runtime.content().schedule("news", missed.path(), T0.plusSeconds(30), null, PUBLISHER);
            assertThat(runtime.content().getPublished("news", onTheMinute.path())).isEmpty();
        }
        // stopped until the scheduled minute: both are due when the server starts
        clock.set(due);
        try (CmsRuntime runtime = start(clock, 3_600_000)) {
            assertThat(runtime.content().getPublished("news", "/paa-minuttet")).isPresent();
            assertThat(runtime.content().getPublished("news", "/gikk-glipp")).isPresent();
            assertThat(publishedVersions(runtime, "/paa-minuttet")).isEqualTo(1);
            assertThat(runtime.content().get("news", "/paa-minuttet").orElseThrow().workflow().scheduled())
                    .isFalse();
            // a second pass in the same minute finds nothing
            assertThat(runtime.scheduler().runDue()).isZero();
        }
        clock.advance(Duration.ofMinutes(10));
        try (CmsRuntime runtime = start(clock, 3_600_000)) {
            assertThat(publishedVersions(runtime, "/paa-minuttet")).as("never twice").isEqualTo(1);
            assertThat(publishedVersions(runtime, "/gikk-glipp")).isEqualTo(1);
        }
    }

    @Test
    void theRunningSchedulerPublishesAtTheTimeByItself() throws Exception {
        MovableClock clock = new MovableClock(T0);
        try (CmsRuntime runtime = start(clock, 100)) {
            ContentItem item = runtime.content().create("news", "/", article("av-seg-selv"), PUBLISHER);
            runtime.content().schedule("news", item.path(), T0.plus(Duration.ofMinutes(2)), null, PUBLISHER);
            Thread.sleep(500); // several passes before the time
            assertThat(runtime.content().getPublished("news", item.path())).isEmpty();
            clock.advance(Duration.ofMinutes(2));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (runtime.content().getPublished("news", item.path()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(runtime.content().getPublished("news", item.path())).isPresent();
            Thread.sleep(300);
            assertThat(publishedVersions(runtime, item.path())).isEqualTo(1);
        }
    }
}
