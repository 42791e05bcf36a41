package no.sunnekommuner.cms.content.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.audit.AuditEntry;
import no.sunnekommuner.cms.content.audit.AuditFilter;
import no.sunnekommuner.cms.content.events.ContentEvent;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.MovableClock;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step of review and schedules is an audit line with who did it and what was decided, in the order made, at
 * the time of the workflow clock: submit, reject with its reason, resubmit, approve for later, the scheduler's
 * publish (in the name of the publisher who planned it), a planned unpublish, its cancellation, the scheduler's
 * unpublish, and an approval for now (approve, then publish).
 */
class WorkflowAuditIT {

    static final Actor EDITOR = Actor.of("redaktor", List.of("editor"));
    static final Actor PUBLISHER = Actor.of("publisher", List.of("editor", "publisher"));
    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    @TempDir
    Path dir;
    final MovableClock clock = new MovableClock(T0);
    final List<ContentEvent> events = new ArrayList<>();
    CmsRuntime runtime;
    ContentService content;

    @BeforeEach
    void start() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("repo"));
        runtime = CmsRuntime.start(TestRuntimes.settings(dir.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES))
                .with("workflow.schedulerIntervalMillis", "3600000"), clock); // the test runs the passes itself
        content = runtime.content();
        content.addEventListener(events::add);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    static ContentNode article(String name) {
        return ContentNode.builder(name, "sk:newsArticle").property("title", "Sak " + name)
                .property("publishDate", OffsetDateTime.parse("2026-10-01T09:00:00+02:00")).build();
    }

    /** The audit lines of one item, oldest first, as "user action detail". */
    List<String> steps(String path) {
        List<String> out = new ArrayList<>();
        for (AuditEntry e : runtime.audit().query(new AuditFilter(null, path, null, null, null), 100)) {
            out.add(0, e.user() + " " + e.action() + (e.detail() == null ? "" : " " + e.detail()));
        }
        return out;
    }

    @Test
    void eachReviewAndScheduleStepIsAuditedInOrderWithActorAndDetail() {
        String path = content.create("news", "/", article("planlagt"), EDITOR).path();
        content.submitForReview("news", path, "Kan dette ut?", EDITOR);
        clock.advance(Duration.ofSeconds(5));
        content.reject("news", path, "Mangler bilde", PUBLISHER);
        content.submitForReview("news", path, " ", EDITOR);
        content.approve("news", path, T0.plusSeconds(60), PUBLISHER);
        clock.advance(Duration.ofSeconds(55));
        assertThat(content.runDueSchedules(clock.instant())).isEqualTo(1);
        content.schedule("news", path, null, T0.plusSeconds(3600), PUBLISHER);
        content.schedule("news", path, null, null, PUBLISHER); // cancelled
        content.schedule("news", path, null, T0.plusSeconds(7200), PUBLISHER);
        clock.advance(Duration.ofHours(2));
        assertThat(content.runDueSchedules(clock.instant())).isEqualTo(1);

        assertThat(steps(path)).containsExactly(
                "redaktor create",
                "redaktor review-submit Kan dette ut?",
                "publisher review-reject Mangler bilde",
                "redaktor review-submit",
                "publisher review-approve publish at 2026-12-02T08:01:00Z",
                "publisher publish scheduled",
                "publisher schedule unpublish at 2026-12-02T09:00:00Z",
                "publisher schedule-cancel",
                "publisher schedule unpublish at 2026-12-02T10:00:00Z",
                "publisher unpublish scheduled");
        List<AuditEntry> newestFirst = runtime.audit().query(new AuditFilter(null, path, null, null, null), 100);
        assertThat(newestFirst.get(0).time()).as("the workflow clock, not the wall clock")
                .isEqualTo(T0.plus(Duration.ofHours(2)).plusSeconds(60));
        assertThat(newestFirst.get(4).time()).as("the scheduled publish, when it ran").isEqualTo(T0.plusSeconds(60));
        assertThat(newestFirst.get(7).time()).as("the rejection").isEqualTo(T0.plusSeconds(5));

        // the events behind the lines: the scheduler acts as a system actor, a person's decisions are theirs
        ContentEvent scheduledPublish = events.stream().filter(e -> e.kind() == ContentEvent.Kind.PUBLISH)
                .findFirst().orElseThrow();
        assertThat(scheduledPublish.actor().system()).isTrue();
        assertThat(scheduledPublish.wasPublished()).isTrue();
        ContentEvent reject = events.stream().filter(e -> e.kind() == ContentEvent.Kind.REVIEW_REJECT)
                .findFirst().orElseThrow();
        assertThat(reject.actor().system()).isFalse();
        assertThat(reject.id()).isEqualTo(content.get("news", path).orElseThrow().id());
        ContentEvent unpublish = events.get(events.size() - 1);
        assertThat(unpublish.kind()).isEqualTo(ContentEvent.Kind.UNPUBLISH);
        assertThat(unpublish.wasPublished()).as("webhooks announce it").isTrue();
    }

    @Test
    void anApprovalForNowIsAnApprovalThenAPublishByThePublisher() {
        String path = content.create("news", "/", article("straks"), EDITOR).path();
        content.submitForReview("news", path, "Haster", EDITOR);
        content.approve("news", path, null, PUBLISHER);
        assertThat(steps(path)).containsExactly(
                "redaktor create",
                "redaktor review-submit Haster",
                "publisher review-approve publish now",
                "publisher publish approved");
        assertThat(content.getPublished("news", path)).isPresent();
        assertThat(events.get(events.size() - 1).actor()).isEqualTo(PUBLISHER);
    }
}
