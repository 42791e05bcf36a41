package no.sunnekommuner.cms.content.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.MoreFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.history.VersionComparison;
import no.sunnekommuner.cms.content.history.VersionComparison.Segment;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ItemBadge;
import no.sunnekommuner.cms.content.model.PublicationStatus;
import no.sunnekommuner.cms.content.model.VersionInfo;
import no.sunnekommuner.cms.content.model.WorkflowState;
import no.sunnekommuner.cms.content.validation.ValidationMode;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.server.Settings;
import no.sunnekommuner.cms.testing.MovableClock;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Review, schedules and history through the content service on a real repository, with a clock the test moves. */
class WorkflowIT {

    static final Actor EDITOR = Actor.of("redaktor", List.of("editor"));
    static final Actor PUBLISHER = Actor.of("publisher", List.of("editor", "publisher"));
    static final Actor OTHER_PUBLISHER = Actor.of("sekretariatet", List.of("editor", "publisher"));
    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    @TempDir
    Path dir;
    final MovableClock clock = new MovableClock(T0);
    CmsRuntime runtime;
    ContentService content;

    void start(List<Path> modules, String... settings) throws Exception {
        Settings s = TestRuntimes.settings(dir.resolve("repo"), modules)
                .with("workflow.schedulerIntervalMillis", "3600000"); // the test runs the passes itself
        for (int i = 0; i < settings.length; i += 2) {
            s = s.with(settings[i], settings[i + 1]);
        }
        Files.createDirectories(dir.resolve("repo"));
        runtime = CmsRuntime.start(s, clock);
        content = runtime.content();
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    static ContentNode.Builder article(String name, String title) {
        return ContentNode.builder(name, "sk:newsArticle").property("title", title)
                .property("publishDate", OffsetDateTime.parse("2026-10-01T09:00:00+02:00"));
    }

    @Test
    void rejectedFixedResubmittedAndApprovedForLaterIsPublishedOnceAtThatTime() throws Exception {
        start(List.of(TestRuntimes.LIGHT_MODULES));
        ContentItem item = content.create("news", "/", article("konferanse", "Konferansen").build(), EDITOR);
        content.submitForReview("news", item.path(), "Kan dette ut?", EDITOR);
        ContentItem inReview = content.get("news", item.path()).orElseThrow();
        assertThat(inReview.workflow().review()).isEqualTo(WorkflowState.Review.IN_REVIEW);
        assertThat(inReview.workflow().requestedBy()).isEqualTo("redaktor");
        assertThat(inReview.workflow().comment()).isEqualTo("Kan dette ut?");
        assertThat(ItemBadge.of(inReview)).isEqualTo(ItemBadge.IN_REVIEW);
        assertThat(inReview.revision()).as("reviewing is not editing").isEqualTo(item.revision());
        assertThat(content.tasks(PUBLISHER)).extracting(ContentItem::path).containsExactly(item.path());
        assertThat(content.tasks(EDITOR)).as("an editor reviews nothing").isEmpty();
        assertThatThrownBy(() -> content.approve("news", item.path(), null, EDITOR))
                .isInstanceOf(AccessDeniedException.class);

        assertThatThrownBy(() -> content.reject("news", item.path(), " ", PUBLISHER))
                .as("a rejection says why").isInstanceOf(RuntimeException.class);
        content.reject("news", item.path(), "Mangler ingress", PUBLISHER);
        assertThat(content.tasks(EDITOR)).as("the author sees the rejection").singleElement()
                .satisfies(i -> assertThat(i.workflow().decision()).isEqualTo("Mangler ingress"));
        assertThat(content.tasks(PUBLISHER)).isEmpty();

        ContentItem current = content.get("news", item.path()).orElseThrow();
        content.update("news", item.path(), current.node().toBuilder().property("lead", "Ingress").build(),
                current.revision(), EDITOR);
        content.submitForReview("news", item.path(), "Fikset", EDITOR);
        Instant at = T0.plus(Duration.ofMinutes(2));
        ContentItem approved = content.approve("news", item.path(), at, PUBLISHER);
        assertThat(approved.workflow().review()).isEqualTo(WorkflowState.Review.NONE);
        assertThat(approved.workflow().publishAt()).isEqualTo(at);
        assertThat(ItemBadge.of(approved)).isEqualTo(ItemBadge.SCHEDULED);
        assertThat(content.getPublished("news", item.path())).isEmpty();

        clock.advance(Duration.ofSeconds(119));
        assertThat(content.runDueSchedules(clock.instant())).isZero();
        assertThat(content.getPublished("news", item.path())).as("not before its time").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(content.runDueSchedules(clock.instant())).isEqualTo(1);
        assertThat(content.getPublished("news", item.path()).orElseThrow().node().property("lead"))
                .isEqualTo("Ingress");
        assertThat(content.runDueSchedules(clock.instant().plusSeconds(60))).as("never twice").isZero();
        assertThat(content.versions("news", item.path())).filteredOn(v -> v.action() == VersionInfo.Action.PUBLISHED)
                .singleElement().satisfies(v -> assertThat(v.createdBy()).isEqualTo("publisher"));
        ContentItem after = content.get("news", item.path()).orElseThrow();
        assertThat(after.workflow().scheduled()).isFalse();
        assertThat(ItemBadge.of(after)).isEqualTo(ItemBadge.PUBLISHED);
    }

    @Test
    void scheduledUnpublishWithdrawsAtItsTimeAndACancelledOneNever() throws Exception {
        start(List.of(TestRuntimes.LIGHT_MODULES));
        ContentItem a = content.create("news", "/", article("kortvarig", "Kortvarig").build(), EDITOR);
        ContentItem b = content.create("news", "/", article("avlyst", "Avlyst").build(), EDITOR);
        content.publish("news", a.path(), PUBLISHER);
        content.publish("news", b.path(), PUBLISHER);
        assertThatThrownBy(() -> content.schedule("news", a.path(), null, T0.plusSeconds(60), EDITOR))
                .as("an editor cannot plan a publication").isInstanceOf(AccessDeniedException.class);
        content.schedule("news", a.path(), null, T0.plusSeconds(3600), PUBLISHER);
        content.schedule("news", b.path(), null, T0.plusSeconds(3600), PUBLISHER);
        content.schedule("news", b.path(), null, null, PUBLISHER); // cancelled
        assertThat(content.get("news", b.path()).orElseThrow().workflow().isEmpty()).isTrue();

        assertThat(content.runDueSchedules(T0.plusSeconds(3599))).isZero();
        assertThat(content.getPublished("news", a.path())).isPresent();
        assertThat(content.runDueSchedules(T0.plusSeconds(3600))).isEqualTo(1);
        assertThat(content.getPublished("news", a.path())).isEmpty();
        assertThat(content.get("news", a.path()).orElseThrow().status()).isEqualTo(PublicationStatus.DRAFT);
        assertThat(content.getPublished("news", b.path())).as("the cancelled schedule did nothing").isPresent();
    }

    @Test
    void aScheduledPublishOfADraftThatNoLongerValidatesIsNotDoneAndSaysWhy() throws Exception {
        start(List.of(TestRuntimes.LIGHT_MODULES));
        // an import may point at a theme group that is not there; a publish must not show such a draft
        ContentItem item = content.create("news", "/", article("brutt", "Brutt referanse")
                .property("themeGroups", List.of("00000000-0000-0000-0000-000000000001")).build(),
                Actor.system("import"), ValidationMode.IMPORT);
        content.schedule("news", item.path(), T0.plusSeconds(60), null, PUBLISHER);
        assertThat(content.runDueSchedules(T0.plusSeconds(60))).isZero();
        assertThat(content.getPublished("news", item.path())).isEmpty();
        WorkflowState state = content.get("news", item.path()).orElseThrow().workflow();
        assertThat(state.problem()).contains("themeGroups");
        assertThat(state.publishAt()).as("reported once, not retried every pass").isNull();
    }

    @Test
    void whereTheAppRequiresReviewOnlyAnotherPublishersApprovalPublishes() throws Exception {
        Path modules = dir.resolve("modules");
        MoreFiles.createParentDirectories(modules.resolve("x"));
        copy(TestRuntimes.LIGHT_MODULES.resolve("sunne-kommuner"), modules.resolve("sunne-kommuner"));
        Path rules = modules.resolve("sunne-kommuner/standalone/content-rules.yaml");
        Files.writeString(rules, Files.readString(rules).replaceAll("(?m)^apps:\\n(  .*\\n)*", "")
                + "\napps:\n  news-app:\n    reviewRequired: true\n");
        start(List.of(modules));
        assertThat(runtime.definitions().reviewRequired("news")).isTrue();
        assertThat(runtime.definitions().reviewRequired("members")).isFalse();

        ContentItem item = content.create("news", "/", article("vurderes", "Vurderes").build(), PUBLISHER);
        assertThatThrownBy(() -> content.publish("news", item.path(), PUBLISHER))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.kind()).isEqualTo(AccessDeniedException.Kind.REVIEW_REQUIRED));
        assertThatThrownBy(() -> content.schedule("news", item.path(), T0.plusSeconds(60), null, PUBLISHER))
                .isInstanceOf(AccessDeniedException.class);
        content.submitForReview("news", item.path(), null, PUBLISHER);
        assertThatThrownBy(() -> content.approve("news", item.path(), null, PUBLISHER))
                .as("nobody approves their own submission").isInstanceOf(AccessDeniedException.class);
        content.approve("news", item.path(), null, OTHER_PUBLISHER);
        assertThat(content.getPublished("news", item.path())).isPresent();

        // approved for later, then changed: the schedule does not publish what nobody approved
        ContentItem later = content.create("news", "/", article("senere", "Senere").build(), EDITOR);
        content.submitForReview("news", later.path(), null, EDITOR);
        content.approve("news", later.path(), T0.plusSeconds(600), PUBLISHER);
        ContentItem approved = content.get("news", later.path()).orElseThrow();
        content.update("news", later.path(), approved.node().toBuilder().property("lead", "Ikke godkjent").build(),
                approved.revision(), EDITOR);
        assertThat(content.runDueSchedules(T0.plusSeconds(600))).isZero();
        assertThat(content.getPublished("news", later.path())).isEmpty();
        assertThat(content.get("news", later.path()).orElseThrow().workflow().problem())
                .contains("changed after the approval");
        // keeping the approved time while planning an unpublish is allowed; another publish time is not
        ContentItem third = content.create("news", "/", article("tredje", "Tredje").build(), EDITOR);
        content.submitForReview("news", third.path(), null, EDITOR);
        content.approve("news", third.path(), T0.plusSeconds(600), PUBLISHER);
        content.schedule("news", third.path(), T0.plusSeconds(600), T0.plusSeconds(7200), PUBLISHER);
        assertThatThrownBy(() -> content.schedule("news", third.path(), T0.plusSeconds(60), null, PUBLISHER))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(content.runDueSchedules(T0.plusSeconds(600))).isEqualTo(1);
        assertThat(content.getPublished("news", third.path())).isPresent();
        // other apps publish as before
        ContentItem member = content.create("benefits", "/", ContentNode.builder("fordel", "sk:benefit")
                .property("title", "Fordel").build(), PUBLISHER);
        content.publish("benefits", member.path(), PUBLISHER);
    }

    @Test
    void everySaveIsAVersionTheOldestUnpublishedGoFirstAndTwoVersionsCompareWordByWord() throws Exception {
        start(List.of(TestRuntimes.LIGHT_MODULES), "content.versionsPerItem", "3");
        ContentItem item = content.create("news", "/", article("historikk", "Gamle tittelen")
                .property("title_en", "The old title")
                .property("body", "<p>Elever som <b>går</b> til skolen.</p>").build(), EDITOR);
        content.publish("news", item.path(), PUBLISHER); // 1.1, kept whatever comes later
        for (int i = 0; i < 4; i++) {
            ContentItem current = content.get("news", item.path()).orElseThrow();
            content.update("news", item.path(), current.node().toBuilder().property("lead", "Ingress " + i)
                    .build(), current.revision(), EDITOR);
        }
        List<VersionInfo> versions = content.versions("news", item.path());
        assertThat(versions).extracting(VersionInfo::name).containsExactly("1.1", "1.4", "1.5");
        assertThat(versions.get(0).action()).isEqualTo(VersionInfo.Action.PUBLISHED);
        assertThat(versions.get(2).createdBy()).isEqualTo("redaktor");

        ContentItem current = content.get("news", item.path()).orElseThrow();
        content.update("news", item.path(), current.node().toBuilder().property("title", "Nye tittelen")
                .property("title_en", "The new title")
                .property("body", "<p>Elever som <i>sykler</i> til skolen.</p>").build(), current.revision(), EDITOR);
        List<VersionComparison.FieldChange> changes = content.compareVersions("news", item.path(), "1.1", "1.6");
        assertThat(changes).extracting(c -> c.property() + "/" + c.language())
                .containsExactly("title/nb", "title/en", "lead/nb", "body/nb");
        assertThat(changes.get(0).segments()).containsExactly(new Segment(Segment.Kind.REMOVED, "Gamle"),
                new Segment(Segment.Kind.ADDED, "Nye"), new Segment(Segment.Kind.SAME, " tittelen"));
        assertThat(changes.get(1).segments()).contains(new Segment(Segment.Kind.REMOVED, "old"),
                new Segment(Segment.Kind.ADDED, "new"));
        assertThat(changes.get(3).segments()).as("rich text compared as the text a reader sees")
                .containsExactly(new Segment(Segment.Kind.SAME, "Elever som "),
                        new Segment(Segment.Kind.REMOVED, "går"), new Segment(Segment.Kind.ADDED, "sykler"),
                        new Segment(Segment.Kind.SAME, " til skolen."));

        ContentItem restored = content.restore("news", item.path(), "1.1", EDITOR);
        assertThat(restored.node().property("title")).isEqualTo("Gamle tittelen");
        assertThat(restored.status()).as("a restore is a new draft").isEqualTo(PublicationStatus.MODIFIED);
        assertThat(content.versions("news", item.path()).get(2).action()).isEqualTo(VersionInfo.Action.RESTORED);
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
