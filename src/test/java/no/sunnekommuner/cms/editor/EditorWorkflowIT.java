package no.sunnekommuner.cms.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.model.PublicationStatus;
import no.sunnekommuner.cms.testing.Chromium;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Editors' work in Chromium against a real server with the demo content and the YAML-only events module: writing,
 * validating, publishing, versions, conflicts, and what an editor may not do.
 */
class EditorWorkflowIT {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final EditorInBrowser EDITOR = EditorInBrowser.withDemoContent();
    static TestServer server;
    static ContentService content;

    @BeforeAll
    static void start() {
        server = EDITOR.server();
        content = server.runtime().content();
    }

    EditorPage signedIn(String user) {
        return EDITOR.signedIn(user);
    }

    /** A draft news article: its name, Norwegian title and a publication date; the test adds the rest. */
    static ContentNode.Builder article(String name, String title) {
        return ContentNode.builder(name, "sk:newsArticle").property("title", title)
                .property("publishDate", OffsetDateTime.parse("2026-10-01T09:00:00+02:00"));
    }

    JsonNode delivery(String path) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isIn(200, 404);
        return response.statusCode() == 404 ? null : MAPPER.readTree(response.body());
    }

    @Test
    void anEditorWritesABilingualArticleAndAPublisherPublishesIt() throws Exception {
        EditorPage editor = signedIn(TestServer.EDITOR).newItem("news-app");
        Page page = editor.page();
        // the Norwegian title (required) is forgotten at first
        editor.fill("title-en", "Walking school routes in Sunnfjord")
                .fill("lead-en", "Pupils who walk arrive awake.")
                .fill("lead-nb", "Elever som går, kommer våkne.")
                .writeRichText("body-en", "Walking to school is *safe* again.")
                .fill("publishDate", "24.11.2026")
                .choose("themeGroups", "Planlegging for helse")
                .save();
        assertThat(editor.error("title-nb")).containsText("må fylles ut");
        editor.expectNotification("Noen felt må rettes");
        // nothing the editor typed is lost by the failed save, and nothing was stored
        assertThat(editor.input("title-en")).hasValue("Walking school routes in Sunnfjord");
        assertThat(editor.input("lead-nb")).hasValue("Elever som går, kommer våkne.");
        assertThat(page.locator("#themeGroups")).containsText("Planlegging for helse");

        editor.fill("title-nb", "Trygge skoleveier i Sunnfjord").save();
        editor.expectNotification("Lagret.");
        String path = editor.savedPath();
        ContentItem stored = content.get("news", path).orElseThrow();
        assertThat(stored.status()).isEqualTo(PublicationStatus.DRAFT);
        assertThat(stored.node().property("title_en")).isEqualTo("Walking school routes in Sunnfjord");
        assertThat(stored.node().property("themeGroups").toString()).contains("c28f9fa6-9518-560e-a5ca-0e67e0279b74");
        assertThat(stored.node().property("body_en")).isEqualTo("<p>Walking to school is <b>safe</b> again.</p>");
        editor.expectStatus("Utkast");
        // an editor may write but not publish: no publish, unpublish or delete here or in the browser
        assertThat(page.locator("#publish")).isHidden();
        assertThat(page.locator("#unpublish")).isHidden();
        assertThat(page.locator("#delete")).isHidden();
        assertThat(delivery("/.rest/delivery/news/v1" + path + "?lang=en")).isNull();
        editor.openApp("news-app");
        assertThat(page.locator("#bulk-publish")).isHidden();
        assertThat(page.locator("#bulk-delete")).isHidden();

        EditorPage publisher = signedIn(TestServer.PUBLISHER).openItem("news-app", path);
        assertThat(publisher.input("title-nb")).hasValue("Trygge skoleveier i Sunnfjord");
        publisher.page().locator("#publish").click();
        publisher.expectStatus("Publisert");
        assertThat(content.get("news", path).orElseThrow().status()).isEqualTo(PublicationStatus.PUBLISHED);

        JsonNode published = delivery("/.rest/delivery/news/v1" + path + "?lang=en");
        assertThat(published).isNotNull();
        assertThat(published.path("title").asText()).isEqualTo("Walking school routes in Sunnfjord");
        assertThat(published.path("lead").asText()).isEqualTo("Pupils who walk arrive awake.");
        assertThat(published.path("body").asText()).contains("<b>safe</b>");
        assertThat(published.path("themeGroups").get(0).path("name").asText()).isEqualTo("Health in planning");
        JsonNode list = delivery("/.rest/delivery/news/v1?lang=en&q=Sunnfjord");
        assertThat(list.path("results").findValuesAsText("@path")).contains(path);
    }

    @Test
    void formattedTextKeepsItsFormattingButNeverScripts() {
        ContentItem item = content.create("news", "/", article("formatert", "Formatert sak")
                .property("body", "<h2>Mål</h2><ul><li>Én</li><li>To</li></ul>").build(), "t");
        EditorPage editor = signedIn(TestServer.EDITOR).openItem("news-app", item.path());
        Locator area = editor.page().locator("#body-nb .rich-text-area");
        assertThat(area.locator("h2")).hasText("Mål");
        assertThat(area.locator("li")).hasCount(2);
        // what a paste from a hostile page could put in the editable area
        area.evaluate("a => { a.innerHTML += '<p onclick=\"alert(1)\">Limt inn<script>alert(2)</script>"
                + "<img src=x onerror=alert(3)></p>'; a.dispatchEvent(new Event('input')); a.blur(); }");
        editor.save();
        editor.expectNotification("Lagret.");
        String body = content.get("news", item.path()).orElseThrow().node().property("body").toString();
        assertThat(body).contains("<h2>Mål</h2>", "<li>Én</li>", "Limt inn")
                .doesNotContain("onclick", "script", "onerror", "alert");
    }

    @Test
    void theMemberFormRefusesANumberOfTheWrongFormAndADuplicate() {
        EditorPage editor = signedIn(TestServer.EDITOR).newItem("members-app");
        editor.fill("name-nb", "Prøvekommune").choose("memberType", "Kommune").fill("number", "123").save();
        assertThat(editor.error("number")).containsText("4 sifre");
        assertThat(editor.input("name-nb")).hasValue("Prøvekommune");

        editor.fill("number", "3203").save(); // Asker's number, already a member in the demo content
        assertThat(editor.error("number")).containsText("3203");
        assertThat(content.list(new ContentQuery("member", null, null, null, true,
                0, 100)).items()).noneMatch(i -> "Prøvekommune".equals(i.node().property("name")));

        editor.fill("number", "3299").save();
        editor.expectNotification("Lagret.");
        ContentItem saved = content.get("members", editor.savedPath()).orElseThrow();
        assertThat(saved.node().property("number")).isEqualTo("3299");
        assertThat(saved.node().property("county")).isEqualTo("32"); // derived by the content service
    }

    @Test
    void aPublisherSeesVersionsAndRestoresOne() {
        ContentItem item = content.create("news", "/", article("versjonert", "Første tittel")
                .property("title_en", "First title").build(), "t");
        content.publish("news", item.path(), "t"); // version 1.0

        EditorPage publisher = signedIn(TestServer.PUBLISHER).openItem("news-app", item.path());
        publisher.fill("title-nb", "Andre tittel").save();
        publisher.expectNotification("Lagret.");
        publisher.expectStatus("Endret etter publisering");
        assertThat(content.get("news", item.path()).orElseThrow().node().property("title")).isEqualTo("Andre tittel");

        Page page = publisher.page();
        page.locator("#versions").click();
        Locator dialog = page.locator("vaadin-dialog-overlay");
        assertThat(dialog).containsText("1.0");
        page.locator("#restore-1-0").click();
        assertThat(publisher.input("title-nb")).hasValue("Første tittel");
        assertThat(content.get("news", item.path()).orElseThrow().node().property("title")).isEqualTo("Første tittel");
        // the public snapshot was never touched by the draft edits
        assertThat(content.getPublished("news", item.path()).orElseThrow().node().property("title"))
                .isEqualTo("Første tittel");
    }

    @Test
    void theSecondOfTwoEditorsSavingTheSameItemGetsAConflictNotASilentOverwrite() {
        ContentItem item = content.create("news", "/", article("samtidig", "Felles sak").build(), "t");
        EditorPage first = signedIn(TestServer.EDITOR).openItem("news-app", item.path());
        EditorPage second = signedIn(TestServer.PUBLISHER).openItem("news-app", item.path());

        first.fill("title-nb", "Felles sak – første redaktør").save();
        first.expectNotification("Lagret.");
        second.fill("lead-nb", "Ingress fra andre redaktør").save();
        Page page = second.page();
        assertThat(page.locator("vaadin-confirm-dialog-overlay")).containsText("Noen andre har lagret");
        // nothing was overwritten
        ContentItem stored = content.get("news", item.path()).orElseThrow();
        assertThat(stored.node().property("title")).isEqualTo("Felles sak – første redaktør");
        assertThat(stored.node().property("lead")).isNull();
        // keep editing: the typed text is still there
        assertThat(page.locator("vaadin-button[slot=cancel-button]:visible")).hasText("Fortsett å redigere");
        second.cancel();
        assertThat(second.input("lead-nb")).hasValue("Ingress fra andre redaktør");
        // or reload: the other editor's version appears
        second.save();
        assertThat(page.locator("vaadin-button[slot=confirm-button]:visible")).hasText("Last inn på nytt");
        second.confirm();
        assertThat(second.input("title-nb")).hasValue("Felles sak – første redaktør");
        assertThat(second.input("lead-nb")).hasValue("");
    }

    @Test
    void previewShowsTheDraftAndDuplicateMakesAnUnpublishedCopy() throws Exception {
        ContentItem item = content.create("news", "/", article("forhandsvist", "Utkast til forhåndsvisning")
                .property("title_en", "Draft to preview").build(), "t");
        EditorPage editor = signedIn(TestServer.PUBLISHER).openItem("news-app", item.path());
        Page page = editor.page();
        // the news app has a website preview (the module's standalone/preview.yaml): the site's page with a token
        page.locator("#preview").click();
        assertThat(page.locator("#preview-link-nb")).hasAttribute("href", java.util.regex.Pattern.compile(
                ".*/nyheter" + item.path() + "\\?preview=.+"));
        assertThat(page.locator("#preview-link-en")).hasAttribute("href", java.util.regex.Pattern.compile(
                ".*/en/news" + item.path() + "\\?preview=.+"));
        page.keyboard().press("Escape");
        assertThat(server.get("/.rest/delivery/news/v1" + item.path()).statusCode()).isEqualTo(404);

        page.locator("#duplicate").click();
        editor.expectNotification("Kopi laget");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*path=(%2F|/)forhandsvist-kopi$"));
        String copy = editor.savedPath();
        assertThat(copy).isEqualTo(item.path() + "-kopi");
        ContentItem duplicated = content.get("news", copy).orElseThrow();
        assertThat(duplicated.node().property("title")).isEqualTo("Utkast til forhåndsvisning");
        assertThat(duplicated.id()).isNotEqualTo(item.id());
        assertThat(duplicated.status()).isEqualTo(PublicationStatus.DRAFT);

        // an app without a website template shows the draft's JSON from the preview twin of its endpoint, with
        // the editor's own session
        ContentItem benefit = content.create("benefits", "/", ContentNode.builder("forhandsvist-fordel",
                "sk:benefit").property("title", "Fordel til forhåndsvisning").build(), "t");
        Page benefits = signedIn(TestServer.PUBLISHER).openItem("benefits-app", benefit.path()).page();
        Page json = benefits.context().waitForPage(() -> benefits.locator("#preview").click());
        json.waitForLoadState();
        assertThat(json.url()).contains("/.rest/preview/benefits/v1" + benefit.path());
        assertThat(json.content()).contains("Fordel til forhåndsvisning");
    }

    @Test
    void aPublisherFindsDraftsBySearchAndStatusAndPublishesThemTogether() {
        List<ContentItem> drafts = new java.util.ArrayList<>();
        for (String name : List.of("bulk-en", "bulk-to")) {
            drafts.add(content.create("news", "/", article(name, "Samlepublisering " + name).build(), "t"));
        }
        EditorPage publisher = signedIn(TestServer.PUBLISHER).openApp("news-app");
        Page page = publisher.page();
        publisher.select("status-filter", "Utkast");
        publisher.input("search").fill("samlepublisering");
        // the grid keeps a pool of row elements: only the visible cells are the rows shown
        Locator cells = page.locator("#item-grid vaadin-grid-cell-content:visible");
        assertThat(cells.filter(new Locator.FilterOptions().setHasText("Samlepublisering"))).hasCount(2);
        assertThat(cells.filter(new Locator.FilterOptions().setHasText("Tromsø er nytt medlem")))
                .hasCount(0); // any other article is filtered out
        assertThat(page.locator("#bulk-publish")).isDisabled();
        publisher.selectRow("Samlepublisering bulk-en");
        publisher.selectRow("Samlepublisering bulk-to");
        assertThat(page.locator("#bulk-publish")).isEnabled();
        page.locator("#bulk-publish").click();
        publisher.expectNotification("2 publisert");
        for (ContentItem draft : drafts) {
            assertThat(content.get("news", draft.path()).orElseThrow().status()).isEqualTo(PublicationStatus.PUBLISHED);
        }
    }

    @Test
    void clickingThroughFormattedTextChangesNothing() {
        ContentItem item = content.create("news", "/", article("bar-tekst", "Bar tekst")
                .property("body", "Tekst uten avsnitt &amp; med tegn").build(), "t");
        EditorPage editor = signedIn(TestServer.EDITOR).openItem("news-app", item.path());
        Page page = editor.page();
        page.locator("#body-nb .rich-text-area").click();
        page.keyboard().press("End");
        page.keyboard().press("Tab");
        page.locator("#back").click();
        // no question about unsaved changes: the browser's own way of writing the same text is no change
        assertThat(page.locator("#item-grid")).isVisible();
        assertThat(page.locator("vaadin-confirm-dialog-overlay")).hasCount(0);
    }

    @Test
    void leavingWithUnsavedChangesAsksFirst() {
        ContentItem benefit = content.list(ContentQuery.all("benefit", 0, 1)).items().get(0);
        EditorPage editor = signedIn(TestServer.EDITOR).openItem("benefits-app", benefit.path());
        Page page = editor.page();
        String title = editor.input("title-nb").inputValue();
        editor.fill("title-nb", title + " (endret)");
        page.locator("#back").click();
        assertThat(page.locator("vaadin-confirm-dialog-overlay")).isVisible();
        editor.cancel(); // stay: the change is still there
        assertThat(editor.input("title-nb")).hasValue(title + " (endret)");
        page.locator("#back").click();
        editor.confirm(); // discard: back in the browser, nothing stored
        assertThat(page.locator("#item-grid")).isVisible();
        assertThat(content.get("benefits", benefit.path()).orElseThrow().node().property("title")).isEqualTo(title);
    }

    @Test
    void aThemeGroupStillReferencedCannotBeDeleted() {
        ContentItem group = content.getById("themegroups", "c28f9fa6-9518-560e-a5ca-0e67e0279b74").orElseThrow();
        EditorPage publisher = signedIn(TestServer.PUBLISHER).openItem("themegroups-app", group.path());
        Page page = publisher.page();
        page.locator("#delete").click();
        publisher.confirm();
        publisher.expectNotification("brukes");
        assertThat(content.get("themegroups", group.path())).isPresent();
    }

    @Test
    void theYamlOnlyEventsAppWorksLikeTheOthers() {
        EditorPage editor = signedIn(TestServer.EDITOR);
        assertThat(editor.page().locator("#app-events-app")).isVisible();
        editor.page().locator("#app-events-app").click();
        assertThat(editor.page().locator("#item-grid")).isVisible();
        editor.page().locator("#add").click();
        editor.fill("title-nb", "Nettverkssamling i Bodø").fill("title-en", "Network meeting in Bodø")
                .fill("startDate", "15.04.2027").fill("capacity", "120").choose("organizer", "Bodø").save();
        editor.expectNotification("Lagret.");
        ContentItem event = content.get("events", editor.savedPath()).orElseThrow();
        assertThat(event.node().property("title_en")).isEqualTo("Network meeting in Bodø");
        assertThat(event.node().property("capacity")).isEqualTo(120L);
        assertThat(event.node().property("organizer")).isNotNull();
        editor.openApp("events-app");
        assertThat(editor.page().locator("#item-grid")).containsText("Nettverkssamling i Bodø");
    }

    @Test
    void theNewcomersFormIsWhatItsYamlSays() {
        // src/test/resources/light-modules/newcomer: the app is for publishers only (declared; enforced elsewhere)
        EditorPage editor = signedIn(TestServer.PUBLISHER).newItem("workshops-app");
        // rows: 5 on a textField makes a five-row text area, in every content language
        Locator area = editor.page().locator("vaadin-text-area#abstract-nb");
        assertThat(area).isVisible();
        assertThat(area.evaluate("e => e.minRows")).isEqualTo(5);
        assertThat(area.evaluate("e => e.maxlength")).isEqualTo(400);
        assertThat(editor.page().locator("vaadin-text-area#abstract-en")).isVisible();
        // dateField with time: true is a date-time picker; radioButtonGroupField a radio group; staticField text
        assertThat(editor.page().locator("vaadin-date-time-picker#startDate")).isVisible();
        assertThat(editor.page().locator("vaadin-radio-group#format")).isVisible();
        assertThat(editor.page().locator("#notice")).containsText("Verksteder kunngjøres for alle medlemmer.");
        assertThat(editor.page().locator("#internalCode")).hasCount(0);
        // the e-mail validator makes reachUs an e-mail field, whatever its name
        assertThat(editor.page().locator("vaadin-email-field#reachUs")).isVisible();

        editor.fill("name-nb", "Verksted for nye").fill("seats", "99").fill("reachUs", "nobody").save();
        assertThat(editor.error("seats")).containsText("Et verksted har minst 100 plasser");
        assertThat(editor.error("reachUs")).isVisible();
        assertThat(content.list(new ContentQuery("workshop", null, null, null, true, 0, 100)).items())
                .noneMatch(i -> "Verksted for nye".equals(i.node().property("name")));

        editor.fill("seats", "120").fill("reachUs", "verksted@example.org").save();
        editor.expectNotification("Lagret.");
        ContentItem saved = content.get("workshops", editor.savedPath()).orElseThrow();
        assertThat(saved.node().property("seats")).isEqualTo(120L);
        assertThat(saved.node().property("reachUs")).isEqualTo("verksted@example.org");
    }
}
