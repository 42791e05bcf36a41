package no.sunnekommuner.cms.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static no.sunnekommuner.cms.testing.Accessibility.seriousViolations;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.testing.Chromium;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the editor looks and whom it serves: screenshots of every view under target/screenshots for people to look
 * at, an automated WCAG 2.1 AA check (axe-core inside Chromium) of each, and work by keyboard alone.
 */
class EditorLookIT {


    @RegisterExtension
    static final EditorInBrowser EDITOR = EditorInBrowser.withDemoContent();
    static TestServer server;
    static ContentService content;
    static Chromium chromium;

    @BeforeAll
    static void start() {
        server = EDITOR.server();
        content = server.runtime().content();
        chromium = EDITOR.chromium();
    }


    @Test
    void everyViewIsScreenshotAndPassesWcag21AaWithoutSeriousViolations() {
        Map<String, List<String>> violations = new java.util.LinkedHashMap<>();
        Page page = chromium.newPage(server.base());
        page.navigate("/login");
        assertThat(page.locator("vaadin-login-form")).isVisible();
        violations.put("login", seriousViolations(page));

        EditorPage editor = new EditorPage(page).signIn(TestServer.PUBLISHER, TestServer.PASSWORD);
        // one tile per app, the media app's and the task list's
        assertThat(page.locator(".tile")).hasCount(server.runtime().definitions().apps().size() + 2);
        Chromium.screenshot(page, "launcher");
        violations.put("launcher", seriousViolations(page));
        page.locator("#app-tasks").click();
        assertThat(page.locator("#tasks-view")).isVisible();
        Chromium.screenshot(page, "tasks");
        violations.put("tasks", seriousViolations(page));
        page.navigate("/");
        page.locator("#app-media").click();
        assertThat(page.locator("#media-upload")).isVisible();
        Chromium.screenshot(page, "media");
        violations.put("media", seriousViolations(page));

        for (AppDefinition app : server.runtime().definitions().apps().values()) {
            ContentTypeDefinition type = server.runtime().definitions().contentType(app.contentType()).orElseThrow();
            editor.openApp(app.name());
            assertThat(page.locator("#item-grid vaadin-grid-cell-content").first()).isVisible();
            Chromium.screenshot(page, app.name() + "-browser");
            violations.put(app.name() + " browser", seriousViolations(page));

            List<ContentItem> items = content.list(ContentQuery.all(type.name(), 0, 1)).items();
            if (items.isEmpty()) {
                page.locator("#add").click(); // the events app has no demo content: its empty form then
                assertThat(page.locator("#save")).isVisible();
            } else {
                editor.openItem(app.name(), items.get(0).path());
            }
            Chromium.screenshot(page, app.name() + "-detail");
            violations.put(app.name() + " detail", seriousViolations(page));
        }
        // the check itself sees a broken page: an input without a label is a critical violation
        page.evaluate("() => document.body.appendChild(Object.assign(document.createElement('input'), {id: 'x'}))");
        assertThat(seriousViolations(page)).anyMatch(v -> v.contains("label"));
        assertThat(violations.values().stream().flatMap(List::stream).toList())
                .as("serious or critical WCAG 2.1 AA violations per view: %s", violations).isEmpty();
        assertThat(Chromium.SCREENSHOTS.resolve("launcher.png")).exists();
        assertThat(Chromium.SCREENSHOTS.resolve("news-app-detail.png")).exists();
    }

    @Test
    void theEnglishUiIsScreenshotToo() {
        EditorPage editor = EDITOR.signedIn(TestServer.EDITOR);
        editor.select("ui-language", "English");
        assertThat(editor.page().locator("h1")).hasText("Apps");
        ContentItem member = content.list(ContentQuery.all("member", 0, 1)).items().get(0);
        editor.openItem("members-app", member.path());
        assertThat(editor.page().locator("#save")).hasText("Save");
        Chromium.screenshot(editor.page(), "members-app-detail-en");
        assertThat(seriousViolations(editor.page())).isEmpty();
        editor.select("ui-language", "Norsk"); // the language is remembered per user: leave the editor as found
        assertThat(editor.page().locator("#save")).hasText("Lagre");
    }

    @Test
    void anEditorCanSignInOpenAnAppAndAnItemWithTheKeyboardAlone() {
        Page page = chromium.newPage(server.base());
        page.navigate("/login");
        assertThat(page.locator("vaadin-login-form")).isVisible();
        page.locator("vaadin-login-form input[name=username]").focus();
        page.keyboard().type(TestServer.EDITOR);
        page.keyboard().press("Tab");
        page.keyboard().type(TestServer.PASSWORD);
        page.keyboard().press("Enter");
        assertThat(page.locator("#sign-out")).isVisible();

        // Tab until the news tile has the focus (visible focus ring from the stylesheet), then Enter
        for (int i = 0; i < 30 && !isFocused(page, "app-news-app"); i++) {
            page.keyboard().press("Tab");
        }
        assertThat(isFocused(page, "app-news-app")).as("the news tile is reachable by Tab").isTrue();
        String outline = (String) page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle + ' '"
                + " + getComputedStyle(document.activeElement).boxShadow");
        assertThat(outline).as("focus is visible").isNotEqualTo("none none");
        page.keyboard().press("Enter");
        assertThat(page.locator("#item-grid")).isVisible();

        // the add button by keyboard opens an empty form whose first field takes typing
        page.locator("#add").focus();
        page.keyboard().press("Enter");
        assertThat(page.locator("#save")).isVisible();
        page.locator("#title-nb input").focus();
        page.keyboard().type("Skrevet med tastaturet");
        assertThat(page.locator("#title-nb input")).hasValue("Skrevet med tastaturet");
    }

    static boolean isFocused(Page page, String id) {
        return (Boolean) page.evaluate("id => document.activeElement && document.activeElement.id === id", id);
    }
}
