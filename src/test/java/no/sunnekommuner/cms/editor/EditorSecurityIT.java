package no.sunnekommuner.cms.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableSet;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.OffsetDateTime;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.security.ApiToken;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.testing.Chromium;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Security of the editor in Chromium: a browser session's REST rights follow the account as stored now (a demoted
 * or deleted user loses them at once), API tokens are created, shown once and revoked in the users view, and an
 * over-long password gets a clear message at sign-in.
 */
class EditorSecurityIT {

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

    static void article(String name) {
        server.runtime().content().create("news", "/", ContentNode.builder(name, "sk:newsArticle")
                .property("title", name).property("publishDate", OffsetDateTime.parse("2026-11-01T10:00:00+01:00"))
                .build(), "t");
    }

    @Test
    void aBrowserSessionLosesItsRestRightsTheMomentTheAccountIsDemotedOrDeleted() {
        server.runtime().users().create("sesjon", "Sesjon", TestServer.PASSWORD.toCharArray(),
                ImmutableSet.of(Role.EDITOR, Role.PUBLISHER), "nb");
        article("sesjon-en");
        article("sesjon-to");
        EditorPage editor = EDITOR.anonymous().signIn("sesjon", TestServer.PASSWORD);
        // the browser's own cookies: the session the editor's sign-in established
        APIRequestContext rest = editor.page().context().request();
        assertThat(rest.get("/.rest/nodes/v1/news/sesjon-en").status()).isEqualTo(200);
        assertThat(rest.get("/.rest/preview/news/v1/sesjon-en").status()).isEqualTo(200);
        assertThat(rest.delete("/.rest/nodes/v1/news/sesjon-en").status()).isEqualTo(200);

        server.runtime().users().update("sesjon", null, ImmutableSet.of(Role.EDITOR), null);
        APIResponse demoted = rest.delete("/.rest/nodes/v1/news/sesjon-to");
        assertThat(demoted.status()).as("demoted to editor: no delete").isEqualTo(403);
        assertThat(server.runtime().content().get("news", "/sesjon-to")).isPresent();
        assertThat(rest.get("/.rest/nodes/v1/news/sesjon-to").status()).isEqualTo(200);

        server.runtime().users().delete("sesjon");
        APIResponse deleted = rest.get("/.rest/nodes/v1/news/sesjon-to");
        assertThat(deleted.status()).as("deleted account: the session is refused").isEqualTo(401);
        assertThat(deleted.text()).contains("\"unauthorized\"");
        assertThat(rest.get("/.rest/preview/news/v1/sesjon-to").status()).isEqualTo(401);
        editor.page().navigate("/apps/news-app");
        assertThat(editor.page().locator("vaadin-login-form")).isVisible();
    }

    @Test
    void anAdminCreatesAnApiTokenSeesItOnceAndRevokesIt() throws Exception {
        article("token-sak");
        EditorPage admin = EDITOR.signedIn(ADMIN);
        Page page = admin.page();
        page.navigate("/users");
        assertThat(page.locator("#token-grid")).isVisible();
        page.locator("#add-token").click();
        admin.fill("token-name", "nettstedet");
        page.locator("#token-create").click();
        Locator secretField = admin.input("token-secret");
        assertThat(secretField).hasValue(java.util.regex.Pattern.compile("^skt_[A-Za-z0-9_-]{43}$"));
        String secret = secretField.inputValue();
        Chromium.screenshot(page, "users-token-created");
        assertThat(no.sunnekommuner.cms.testing.Accessibility.seriousViolations(page)).as("WCAG 2.1 AA, the token shown once").isEmpty();
        assertThat(server.get("/.rest/preview/news/v1/token-sak", "Authorization", "Bearer " + secret)
                .statusCode()).isEqualTo(200);
        page.locator("#token-done").click();
        assertThat(page.locator("#token-dialog")).hasCount(0);
        assertThat(page.locator("#token-grid")).containsText("nettstedet");
        assertThat(page.locator("#token-grid")).containsText(secret.substring(0, 10));
        page.reload();
        assertThat(page.locator("#token-grid")).containsText("nettstedet");
        assertThat(page.content()).doesNotContain(secret); // shown once, never again
        ApiToken token = server.runtime().tokens().list().stream().filter(t -> t.name().equals("nettstedet"))
                .findFirst().orElseThrow();
        assertThat(token.lastUsed()).isNotNull();
        assertThat(page.locator("#token-grid")).not().containsText("aldri");
        Chromium.screenshot(page, "users-tokens");
        assertThat(no.sunnekommuner.cms.testing.Accessibility.seriousViolations(page)).as("WCAG 2.1 AA, users and tokens").isEmpty();

        page.locator("#revoke-token-" + token.id()).click();
        admin.confirm();
        admin.expectNotification("trukket tilbake");
        // the grid keeps pooled row elements: the visible cells tell what is listed
        assertThat(page.locator("#token-grid vaadin-grid-cell-content:visible")
                .filter(new Locator.FilterOptions().setHasText("nettstedet"))).hasCount(0);
        assertThat(server.get("/.rest/preview/news/v1/token-sak", "Authorization", "Bearer " + secret)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aPasswordLongerThanAnyPasswordHereGetsAClearMessageAndTheFormStaysUsable() {
        EditorPage editor = EDITOR.anonymous();
        editor.page().navigate("/login");
        editor.typeLogin(TestServer.EDITOR, "p".repeat(100));
        assertThat(editor.page().getByText("Passordet er for langt")).isVisible();
        assertThat(editor.page().locator("vaadin-login-form vaadin-button[slot=submit]")).not()
                .hasAttribute("disabled", "");
        editor.typeLogin(TestServer.EDITOR, TestServer.PASSWORD);
        assertThat(editor.page().locator("#sign-out")).isVisible();
    }
}
