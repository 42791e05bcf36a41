package no.sunnekommuner.cms.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.google.common.collect.ImmutableSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.testing.Chromium;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signing in and out of the editor in Chromium: nothing is reachable without it, wrong passwords are refused. */
class EditorSignInIT {

    static final String ADMIN = "sjef";

    @RegisterExtension
    static final EditorInBrowser EDITOR = EditorInBrowser.empty();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = EDITOR.server();
        server.runtime().users().create(ADMIN, "Administrator", TestServer.PASSWORD.toCharArray(),
                ImmutableSet.of(Role.EDITOR, Role.PUBLISHER, Role.ADMIN), "nb");
    }

    @Test
    void anAppAddressLeadsToTheSignInFormFirst() throws Exception {
        Page page = EDITOR.anonymous().page();
        page.navigate("/apps/news-app");
        assertThat(page.locator("vaadin-login-form")).isVisible();
        assertThat(page.locator("#item-grid")).hasCount(0);
        assertThat(page.locator("#sign-out")).hasCount(0);
        Chromium.screenshot(page, "login");
        var css = server.get("/styles/editor.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessage() {
        EditorPage editor = EDITOR.anonymous();
        editor.page().navigate("/login");
        editor.typeLogin(TestServer.EDITOR, "not-the-password");
        assertThat(editor.page().locator("vaadin-login-form")).hasAttribute("error", "");
        assertThat(editor.page().getByText("Innloggingen mislyktes")).isVisible();
        editor.page().navigate("/");
        assertThat(editor.page().locator("#sign-out")).hasCount(0);
        assertThat(editor.page().locator("vaadin-login-form")).isVisible();
    }

    @Test
    void anEditorSignsInSwitchesToEnglishSignsOutAndTheLanguageIsRemembered() {
        EditorPage editor = EDITOR.anonymous();
        editor.signIn(TestServer.EDITOR, TestServer.PASSWORD);
        Page page = editor.page();
        assertThat(page.locator("h1")).hasText("Apper");
        for (String app : List.of("news-app", "benefits-app", "members-app", "themegroups-app")) {
            assertThat(page.locator("#app-" + app)).isVisible();
        }
        assertThat(page.locator("html")).hasAttribute("lang", "nb");

        editor.select("ui-language", "English");
        assertThat(page.locator("h1")).hasText("Apps");
        assertThat(page.locator("html")).hasAttribute("lang", "en");

        page.locator("#sign-out").click();
        assertThat(page.locator("vaadin-login-form")).isVisible();
        page.navigate("/apps/news-app");
        assertThat(page.locator("vaadin-login-form")).isVisible();
        assertThat(page).hasURL(Pattern.compile(".*/login$|.*/apps/news-app$"));
        assertThat(page.locator("#item-grid")).hasCount(0);

        editor.signIn(TestServer.EDITOR, TestServer.PASSWORD);
        assertThat(page.locator("h1")).hasText("Apps");
    }

    @Test
    void anAdminAddsAnEditorWhoCanThenSignInAndOnlyAdminsSeeTheUsers() {
        EditorPage admin = EDITOR.signedIn(ADMIN);
        Page page = admin.page();
        page.locator("#nav-users").click();
        assertThat(page.locator("#user-grid")).containsText(TestServer.PUBLISHER);
        page.locator("#add-user").click();
        admin.fill("user-username", "kari.nordmann").fill("user-display-name", "Kari Nordmann")
                .fill("user-password", "kort");
        page.locator("#user-save").click();
        admin.expectNotification("Minst 10 tegn");
        assertThat(server.runtime().users().find("kari.nordmann")).isEmpty();
        admin.fill("user-password", "et-langt-passord");
        page.locator("#user-save").click();
        admin.expectNotification("Brukeren er lagret");
        assertThat(page.locator("#user-save")).isHidden();
        assertThat(page.locator("#user-grid")).containsText("Kari Nordmann");
        assertThat(server.runtime().users().find("kari.nordmann").orElseThrow().roles())
                .containsExactly(Role.EDITOR);

        EditorPage kari = EDITOR.anonymous().signIn("kari.nordmann", "et-langt-passord");
        assertThat(kari.page().locator("#nav-users")).hasCount(0);
        kari.page().navigate("/users");
        assertThat(kari.page().locator("#user-grid")).hasCount(0);
        assertThat(kari.page().locator("h1")).hasText("Apper");

        // roles changed by the admin apply at the user's next step, without signing in again
        page.locator("[id='edit-user-kari.nordmann']").click();
        page.locator("#user-roles vaadin-checkbox").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Publisist")).click();
        page.locator("#user-save").click();
        assertThat(page.locator("#user-save")).isHidden(); // the dialog closes once the roles are stored
        ContentItem item = server.runtime().content().create("news", "/", ContentNode.builder("rolletest",
                "sk:newsArticle").property("title", "Rolletest")
                .property("publishDate", OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build(), "t");
        kari.openItem("news-app", item.path());
        assertThat(kari.page().locator("#publish")).isVisible();
    }
}
