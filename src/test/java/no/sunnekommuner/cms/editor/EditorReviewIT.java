package no.sunnekommuner.cms.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableSet;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.testing.MovableClock;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Review, schedules and history in Chromium, with a server whose clock the test moves (the scheduler runs every
 * 200 ms against it): submit, reject with a comment, fix and resubmit, approve for two minutes ahead, public only
 * after; an unpublish on a schedule; two versions compared in both languages; a restore. After each scenario an
 * admin's audit view, filtered to the item, lists every step with who made it and what was decided.
 */
class EditorReviewIT {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-12-02T08:00:00Z"));
    static final Actor AUTHOR = Actor.of(TestServer.EDITOR, List.of("editor"));
    static final String ADMIN = "sjef";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EditorInBrowser EDITOR = EditorInBrowser.withClock(CLOCK,
            Map.of("workflow.schedulerIntervalMillis", "200"));
    static TestServer server;
    static ContentService content;

    @BeforeAll
    static void start() {
        server = EDITOR.server();
        content = server.runtime().content();
        server.runtime().users().create(ADMIN, "Administrator", TestServer.PASSWORD.toCharArray(),
                ImmutableSet.of(Role.EDITOR, Role.PUBLISHER, Role.ADMIN), "nb");
    }

    /**
     * Opens the audit view as an admin, filtered to one item, and expects exactly these steps ("user action" or
     * "user action detail"), oldest first: the count shown and the order of the view's export; then, filtered by
     * each user and action, the rows of the grid with their details.
     */
    static void expectAudited(String path, String... steps) throws Exception {
        EditorPage admin = EDITOR.signedIn(ADMIN);
        Page page = admin.page();
        page.navigate("/audit");
        admin.fill("audit-item", path);
        page.locator("#audit-apply").click();
        assertThat(page.locator("#audit-count")).hasText(steps.length + " hendelser");
        APIResponse export = page.context().request().get(page.locator("#audit-export").getAttribute("href"));
        assertThat(export.status()).isEqualTo(200);
        List<String> exported = new ArrayList<>();
        for (String line : export.text().lines().toList()) {
            JsonNode entry = JSON.readTree(line);
            exported.add(entry.path("user").asText() + " " + entry.path("action").asText()
                    + (entry.has("detail") ? " " + entry.path("detail").asText() : ""));
        }
        assertThat(exported).as("the audit steps of " + path + ", oldest first").containsExactly(steps);

        // the grid itself: each (user, action) pair filtered has its rows and shows their details
        Map<String, List<String>> byUserAndAction = new LinkedHashMap<>();
        for (String step : steps) {
            String[] parts = step.split(" ", 3);
            byUserAndAction.computeIfAbsent(parts[0] + " " + parts[1], k -> new ArrayList<>())
                    .add(parts.length > 2 ? parts[2] : null);
        }
        Locator grid = page.locator("#audit-grid");
        // (no Pattern.quote: Playwright hands the pattern to JavaScript, which has no \Q…\E; names and wire
        // names are letters and hyphens)
        for (Map.Entry<String, List<String>> e : byUserAndAction.entrySet()) {
            String[] key = e.getKey().split(" ");
            admin.fill("audit-user", key[0]);
            admin.choose("audit-action", key[1]);
            page.locator("#audit-apply").click();
            assertThat(page.locator("#audit-count")).hasText(e.getValue().size() + " hendelser");
            assertThat(grid.locator("vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions()
                    .setHasText(Pattern.compile("^" + key[1] + "$")))).hasCount(e.getValue().size());
            assertThat(grid.locator("vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions()
                    .setHasText(Pattern.compile("^" + key[0] + "$")))).hasCount(e.getValue().size());
            for (String detail : e.getValue()) {
                if (detail != null) {
                    assertThat(grid).containsText(detail);
                }
            }
        }
    }

    static ContentNode.Builder article(String name, String title) {
        return ContentNode.builder(name, "sk:newsArticle").property("title", title)
                .property("publishDate", OffsetDateTime.parse("2026-10-01T09:00:00+02:00"));
    }

    int deliveryStatus(String path) throws Exception {
        return server.get("/.rest/delivery/news/v1" + path).statusCode();
    }

    /** Waits (a few seconds at most) until the public delivery answers this status for the item. */
    void awaitDelivery(String path, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (deliveryStatus(path) != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(deliveryStatus(path)).isEqualTo(status);
    }

    /** Types a day and a time (Norwegian time) into a date-time picker, as by hand. */
    static void typeDateTime(Page page, String pickerId, Instant when) {
        Locator day = page.locator("#" + pickerId + " vaadin-date-picker input");
        day.fill(DAY.format(when.atZone(OSLO)));
        day.press("Enter");
        Locator time = page.locator("#" + pickerId + " vaadin-time-picker input");
        time.fill(TIME.format(when.atZone(OSLO)));
        time.press("Enter");
        time.press("Tab");
    }

    @Test
    void rejectedFixedResubmittedAndApprovedForTwoMinutesAheadIsPublicOnlyAfter() throws Exception {
        ContentItem item = content.create("news", "/", article("helsekonferansen", "Helsekonferansen 2027")
                .build(), AUTHOR);
        String path = item.path();

        EditorPage editor = EDITOR.signedIn(TestServer.EDITOR).openItem("news-app", path);
        Page ep = editor.page();
        assertThat(ep.locator("#approve")).hasCount(0); // an editor never approves
        ep.locator("#workflow-details").click(); // nothing pending yet: the panel is closed
        editor.fill("review-comment", "Klar for publisering?");
        ep.locator("#submit-review").click();
        editor.expectNotification("Sendt til godkjenning.");
        editor.expectStatus("Til godkjenning");

        EditorPage publisher = EDITOR.signedIn(TestServer.PUBLISHER);
        Page pp = publisher.page();
        pp.navigate("/");
        assertThat(pp.locator("#task-count")).hasText("1 venter");
        pp.locator("#app-tasks").click();
        Locator tasks = pp.locator("#task-grid");
        assertThat(tasks).containsText("Helsekonferansen 2027");
        assertThat(tasks).containsText("Klar for publisering?");
        assertThat(tasks).containsText(TestServer.EDITOR);
        pp.locator("#task-grid vaadin-grid-cell-content").filter(new Locator.FilterOptions()
                .setHasText("Helsekonferansen 2027")).first().click();
        assertThat(pp.locator("#wf-in-review")).containsText("Klar for publisering?");
        publisher.fill("review-decision", "Mangler ingress");
        pp.locator("#reject").click();
        publisher.expectNotification("Sendt tilbake til forfatteren.");

        // the author sees the rejection in the same list, fixes the article and submits it again
        ep.navigate("/");
        assertThat(ep.locator("#task-count")).hasText("1 venter");
        ep.locator("#app-tasks").click();
        assertThat(ep.locator("#task-grid")).containsText("Mangler ingress");
        editor.openItem("news-app", path);
        assertThat(ep.locator("#wf-rejection")).containsText("Mangler ingress");
        editor.fill("lead-nb", "Påmeldingen er åpen.").save();
        editor.expectNotification("Lagret.");
        editor.fill("review-comment", "Ingress lagt til").page().locator("#submit-review").click();
        editor.expectNotification("Sendt til godkjenning.");

        // approved for two minutes ahead of the server's clock
        publisher.openItem("news-app", path);
        Instant at = CLOCK.instant().plus(Duration.ofMinutes(2));
        typeDateTime(pp, "approve-at", at);
        pp.locator("#approve").click();
        publisher.expectNotification("Godkjent.");
        publisher.expectStatus("Planlagt");
        assertThat(pp.locator("#wf-publish-at")).containsText(DAY.format(at.atZone(OSLO)) + " "
                + TIME.format(at.atZone(OSLO)));
        publisher.openApp("news-app");
        assertThat(pp.locator("#item-grid")).containsText("↑ " + DAY.format(at.atZone(OSLO)));

        assertThat(deliveryStatus(path)).isEqualTo(404);
        CLOCK.advance(Duration.ofSeconds(119));
        Thread.sleep(800); // several scheduler passes
        assertThat(deliveryStatus(path)).as("not public before its time").isEqualTo(404);
        CLOCK.advance(Duration.ofSeconds(1));
        awaitDelivery(path, 200);
        assertThat(server.get("/.rest/delivery/news/v1" + path).body()).contains("Påmeldingen er åpen.");
        publisher.openItem("news-app", path);
        publisher.expectStatus("Publisert");

        expectAudited(path,
                "redaktor create",
                "redaktor review-submit Klar for publisering?",
                "publisher review-reject Mangler ingress",
                "redaktor save",
                "redaktor review-submit Ingress lagt til",
                "publisher review-approve publish at " + at.truncatedTo(ChronoUnit.MINUTES),
                "publisher publish scheduled"); // the scheduler publishes in the name of who approved
    }

    @Test
    void aPublisherSchedulesAnUnpublishAndTheItemLeavesThePublicAtThatTime() throws Exception {
        ContentItem item = content.create("news", "/", article("tidsbegrenset", "Tidsbegrenset tilbud").build(),
                AUTHOR);
        content.publish("news", item.path(), "t");
        EditorPage publisher = EDITOR.signedIn(TestServer.PUBLISHER).openItem("news-app", item.path());
        Page pp = publisher.page();
        assertThat(pp.locator("#schedule-note")).containsText("Publiseringsdatoen i skjemaet");
        pp.locator("#workflow-details").click(); // nothing pending yet: the panel is closed
        Instant at = CLOCK.instant().plus(Duration.ofHours(1));
        typeDateTime(pp, "schedule-unpublish-at", at);
        pp.locator("#schedule").click();
        publisher.expectNotification("Planlagt.");
        assertThat(pp.locator("#wf-unpublish-at")).containsText(TIME.format(at.atZone(OSLO)));
        awaitDelivery(item.path(), 200);
        CLOCK.advance(Duration.ofMinutes(59));
        Thread.sleep(800);
        assertThat(deliveryStatus(item.path())).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(1));
        awaitDelivery(item.path(), 404);

        expectAudited(item.path(),
                "redaktor create",
                "t publish",
                "publisher schedule unpublish at " + at.truncatedTo(ChronoUnit.MINUTES),
                "publisher unpublish scheduled");
    }

    @Test
    void twoVersionsCompareWordByWordInBothLanguagesAndOneIsRestored() throws Exception {
        ContentItem item = content.create("news", "/", article("sammenlignet", "Gamle tittelen")
                .property("title_en", "The old title").build(), AUTHOR);
        EditorPage editor = EDITOR.signedIn(TestServer.EDITOR).openItem("news-app", item.path());
        editor.fill("title-nb", "Nye tittelen").fill("title-en", "The new title").save();
        editor.expectNotification("Lagret.");
        Page page = editor.page();
        page.locator("#versions").click();
        Locator dialog = page.locator("vaadin-dialog-overlay");
        assertThat(dialog).containsText("lagret");
        page.locator("#compare-versions").click();
        Locator diff = page.locator("#version-diff");
        assertThat(diff.locator("del").filter(new Locator.FilterOptions().setHasText("Gamle"))).hasCount(1);
        assertThat(diff.locator("ins").filter(new Locator.FilterOptions().setHasText("Nye"))).hasCount(1);
        assertThat(diff.locator("del").filter(new Locator.FilterOptions().setHasText("old"))).hasCount(1);
        assertThat(diff.locator("ins").filter(new Locator.FilterOptions().setHasText("new"))).hasCount(1);
        assertThat(diff).containsText("(nb)");
        assertThat(diff).containsText("(en)");

        page.locator("#restore-1-0").click();
        assertThat(editor.input("title-nb")).hasValue("Gamle tittelen");
        assertThat(editor.input("title-en")).hasValue("The old title");
        assertThat(content.get("news", item.path()).orElseThrow().node().property("title"))
                .isEqualTo("Gamle tittelen");
        assertThat(content.versions("news", item.path())).hasSize(3);

        expectAudited(item.path(), "redaktor create", "redaktor save", "redaktor restore 1.0");
    }

    @Test
    void anEditorSubmitsSeveralSelectedItemsWithOneComment() {
        ContentItem a = content.create("news", "/", article("flere-en", "Flere saker en").build(), AUTHOR);
        ContentItem b = content.create("news", "/", article("flere-to", "Flere saker to").build(), AUTHOR);
        EditorPage editor = EDITOR.signedIn(TestServer.EDITOR).openApp("news-app");
        editor.selectRow("Flere saker en").selectRow("Flere saker to");
        Page page = editor.page();
        page.locator("#bulk-submit").click();
        editor.fill("bulk-review-comment", "Begge før jul");
        page.locator("#bulk-submit-send").click();
        editor.expectNotification("Sendt til godkjenning.");
        assertThat(page.locator("#item-grid")).containsText("Til godkjenning");
        Actor publisher = Actor.of(TestServer.PUBLISHER, List.of("editor", "publisher"));
        assertThat(content.tasks(publisher)).extracting(ContentItem::path).contains(a.path(), b.path());
        assertThat(content.get("news", b.path()).orElseThrow().workflow().comment()).isEqualTo("Begge før jul");
        // leave no task for the other tests of this class
        content.approve("news", a.path(), null, publisher);
        content.approve("news", b.path(), null, publisher);
    }
}
