package no.sunnekommuner.cms.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableSet;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.audit.AuditFilter;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.testing.Chromium;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The editorial workflow's admin side in Chromium: the audit view shows each step made in the browser (sign-in,
 * failed sign-in, save, publish, an account change) with who, what and the address, filtered by user, item and
 * action, and exports JSON Lines; the webhooks view lists the target and a failed delivery; "Forhåndsvis" of an
 * app with a website template opens the website's page in both languages with a token that reads the draft.
 */
class EditorAuditIT {

    static final String ADMIN = "sjef";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EditorInBrowser EDITOR = EditorInBrowser.withSettings(Map.of(
            "lightModules.dirs", moduleWithPreview().toString(),
            "webhooks.file", webhooksFile().toString(),
            "webhooks.retry.initialMillis", "60000",
            "site.baseUrl", "https://www.sunnekommuner.example"));
    static TestServer server;

    /** A copy of the project's module with a website preview template for the news app. */
    static Path moduleWithPreview() {
        try {
            Path root = Files.createTempDirectory("preview-modules");
            Path source = TestRuntimes.LIGHT_MODULES.resolve("sunne-kommuner");
            Path target = root.resolve("sunne-kommuner");
            try (var files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            Files.writeString(target.resolve("standalone/preview.yaml"), """
                    apps:
                      news-app:
                        previewUrl:
                          nb: "{site}/nyheter{path}?preview={token}"
                          en: "{site}/en/news{path}?preview={token}"
                    """);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One target on a loopback port where nothing listens: its deliveries fail and show as such. */
    static Path webhooksFile() {
        try {
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Path file = Files.createTempFile("webhooks", ".yaml");
            Files.writeString(file, """
                    targets:
                      nettstedet:
                        url: http://127.0.0.1:%d/hook
                        secret: a-secret-of-the-website-hook
                    """.formatted(port));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() {
        server = EDITOR.server();
        server.runtime().users().create(ADMIN, "Administrator", TestServer.PASSWORD.toCharArray(),
                ImmutableSet.of(Role.EDITOR, Role.PUBLISHER, Role.ADMIN), "nb");
        server.runtime().content().create("news", "/", ContentNode.builder("revisjon", "sk:newsArticle")
                .property("title", "Sak til revisjon").property("title_en", "Audited story")
                .property("publishDate", OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build(), "oppsett");
    }

    @Test
    void theAuditViewShowsEachStepWithWhoWhatAndWhere() throws Exception {
        // a failed sign-in from another browser
        EditorPage stranger = EDITOR.anonymous();
        stranger.page().navigate("/login");
        stranger.typeLogin(ADMIN, "not-the-password-1");
        assertThat(stranger.page().locator("vaadin-login-form")).isVisible();

        EditorPage admin = EDITOR.signedIn(ADMIN).openItem("news-app", "/revisjon");
        admin.fill("title-nb", "Sak til revisjon, rettet");
        admin.save();
        admin.expectNotification("Lagret");
        admin.page().locator("#publish").click();
        admin.expectStatus("Publisert");
        Page page = admin.page();
        page.navigate("/users");
        page.locator("#add-user").click();
        admin.fill("user-username", "ny-redaktor");
        admin.fill("user-password", "et-langt-passord-1");
        page.locator("#user-save").click();
        admin.expectNotification("lagret");

        page.navigate("/audit");
        Locator grid = page.locator("#audit-grid");
        assertThat(grid).isVisible();
        assertThat(grid).containsText("sign-in-failed");
        assertThat(grid).containsText("user-create");
        assertThat(grid).containsText("ny-redaktor");
        assertThat(grid).containsText("127.0.0.1");

        admin.fill("audit-item", "/revisjon");
        page.locator("#audit-apply").click();
        assertThat(page.locator("#audit-count")).hasText("3 hendelser");
        for (String action : List.of("create", "save", "publish")) {
            assertThat(grid.locator("vaadin-grid-cell-content:visible")
                    .filter(new Locator.FilterOptions().setHasText(java.util.regex.Pattern.compile("^" + action + "$"))))
                    .hasCount(1);
        }
        assertThat(grid).containsText(ADMIN);
        assertThat(grid).containsText("oppsett");
        Chromium.screenshot(page, "audit-filtered");
        assertThat(no.sunnekommuner.cms.testing.Accessibility.seriousViolations(page)).as("WCAG 2.1 AA, audit log")
                .isEmpty();

        admin.fill("audit-item", "");
        admin.fill("audit-user", ADMIN);
        admin.choose("audit-action", "sign-in");
        page.locator("#audit-apply").click();
        assertThat(page.locator("#audit-count")).hasText("1 hendelser");

        // the export: every matching line as JSON Lines
        String href = page.locator("#audit-export").getAttribute("href");
        APIResponse export = page.context().request().get(href);
        assertThat(export.status()).isEqualTo(200);
        List<String> lines = export.text().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.get(0));
        assertThat(line.path("action").asText()).isEqualTo("sign-in");
        assertThat(line.path("user").asText()).isEqualTo(ADMIN);
        assertThat(line.path("address").asText()).isEqualTo("127.0.0.1");
        assertThat(server.runtime().audit().verify()).isTrue();
        assertThat(server.runtime().audit().query(new AuditFilter(ADMIN, "/revisjon", "publish", null, null), 10))
                .hasSize(1);

        // the webhook of that publish failed (nothing listens) and is shown as such
        page.navigate("/webhooks");
        assertThat(page.locator("#webhook-targets")).containsText("nettstedet");
        assertThat(page.locator("#webhook-deliveries")).containsText("prøves igjen");
        assertThat(page.locator("#webhook-deliveries")).containsText("news:/revisjon");
        Chromium.screenshot(page, "webhooks");
        assertThat(no.sunnekommuner.cms.testing.Accessibility.seriousViolations(page)).as("WCAG 2.1 AA, webhooks")
                .isEmpty();
    }

    @Test
    void theAuditAndWebhookViewsAreForAdminsOnly() {
        EditorPage publisher = EDITOR.signedIn(TestServer.PUBLISHER);
        publisher.page().navigate("/audit");
        assertThat(publisher.page().locator("#audit-grid")).hasCount(0);
        assertThat(publisher.page().locator("#nav-audit")).hasCount(0);
        publisher.page().navigate("/webhooks");
        assertThat(publisher.page().locator("#webhook-targets")).hasCount(0);
    }

    @Test
    void previewOpensTheWebsitePageInBothLanguagesWithATokenForTheDraft() throws Exception {
        server.runtime().content().create("news", "/", ContentNode.builder("forhandsvis", "sk:newsArticle")
                .property("title", "Utkast på nettstedet").property("title_en", "Draft on the website")
                .property("publishDate", OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build(), "oppsett");
        EditorPage editor = EDITOR.signedIn(TestServer.EDITOR).openItem("news-app", "/forhandsvis");
        editor.page().locator("#preview").click();
        Locator nb = editor.page().locator("#preview-link-nb");
        Locator en = editor.page().locator("#preview-link-en");
        assertThat(nb).isVisible();
        assertThat(en).isVisible();
        String nbUrl = nb.getAttribute("href");
        String enUrl = en.getAttribute("href");
        assertThat(nbUrl).startsWith("https://www.sunnekommuner.example/nyheter/forhandsvis?preview=");
        assertThat(enUrl).startsWith("https://www.sunnekommuner.example/en/news/forhandsvis?preview=");
        assertThat(nb.getAttribute("target")).isEqualTo("_blank");
        Chromium.screenshot(editor.page(), "preview-dialog");
        assertThat(no.sunnekommuner.cms.testing.Accessibility.seriousViolations(editor.page()))
                .as("WCAG 2.1 AA, preview dialog").isEmpty();

        // what the website does with the token: read the draft from the preview API, without credentials
        String token = URLDecoder.decode(nbUrl.substring(nbUrl.indexOf("preview=") + 8), StandardCharsets.UTF_8);
        var draft = server.get("/.rest/preview/news/v1/forhandsvis?lang=en", "X-Preview-Token", token);
        assertThat(draft.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(draft.body()).path("title").asText()).isEqualTo("Draft on the website");
        assertThat(server.get("/.rest/preview/news/v1/revisjon", "X-Preview-Token", token).statusCode())
                .isEqualTo(403);
        assertThat(server.get("/.rest/delivery/news/v1/forhandsvis").statusCode()).isEqualTo(404);
    }
}
