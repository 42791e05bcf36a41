package no.sunnekommuner.cms.website;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static no.sunnekommuner.cms.testing.Accessibility.seriousViolations;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.applications.DeclarationCheck;
import no.sunnekommuner.cms.content.applications.MembershipApplications;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.testing.Chromium;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The website's "Bli medlem" form in real Chromium with JavaScript off, against a CMS over HTTP: a valid
 * application reaches the editor's applications app and becomes a draft member when a publisher accepts it; every
 * refusal is a clear message in the visitor's language; the 11th application from one address in an hour is
 * refused. Also the news list's pager.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplicationFormIT {

    static final String SECRET = "form-it-secret-0123456789abcdef";
    static final int MAX_KB = 64;
    static Path dir;
    static TestServer cms;
    static SiteServer siteServer;
    static String site;
    static Chromium chromium;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Requests the site sent to the CMS's intake so far (all from 127.0.0.1: they share one hourly limit). */
    static int intakeCalls;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("apply-form-it");
        cms = TestServer.start(dir.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES), Map.of(
                "applications.intakeSecret", SECRET, "applications.maxDeclarationKilobytes", String.valueOf(MAX_KB)));
        new DemoContent(cms.runtime().content()).loadIfEmpty();
        siteServer = new SiteServer(new SiteServer.Options("127.0.0.1", 0, "", URI.create(cms.base()),
                Duration.ZERO, 100, SECRET, MAX_KB * 1024L));
        siteServer.start();
        site = siteServer.baseUrl();
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
            if (siteServer != null) {
                siteServer.close();
            }
        } finally {
            if (cms != null) {
                cms.close();
            }
        }
    }

    /** Screenshots of every open page when a test failed (target/screenshots/failures/). */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final org.junit.jupiter.api.extension.AfterTestExecutionCallback FAILURES = context -> {
        if (context.getExecutionException().isPresent() && chromium != null) {
            chromium.screenshotAll("ApplicationFormIT-" + context.getRequiredTestMethod().getName());
        }
    };

    @AfterEach
    void closePages() {
        chromium.closeContexts();
    }

    static byte[] pdf(int size) {
        byte[] head = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[Math.max(size, head.length + tail.length)];
        Arrays.fill(out, (byte) ' ');
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, out.length - tail.length, tail.length);
        return out;
    }

    /** Fills the form as a visitor does; {@code file} null leaves the upload empty. */
    static void fill(Page page, String type, String number, String name, String date, FilePayload file,
            boolean consent) {
        page.locator("input[name=memberType][value=" + type + "]").check();
        page.locator("#number").fill(number);
        page.locator("#name").fill(name);
        page.locator("#contactName").fill("Kari Nordmann");
        page.locator("#contactEmail").fill("kari@example.no");
        page.locator("#decidingBody").selectOption(type.equals("kommune") ? "kommunestyre" : "fylkesting");
        if (date != null) {
            page.locator("#decisionDate").fill(date);
        }
        if (file != null) {
            page.locator("#declaration").setInputFiles(file);
        }
        if (consent) {
            page.locator("#consent").check();
        }
    }

    static List<ContentItem> applicationsNamed(String name) {
        return cms.runtime().content().children("applications", "/").stream()
                .filter(i -> name.equals(i.node().text("name"))).toList();
    }

    @Test
    @Order(1)
    void aValidApplicationReachesTheEditorsAppAndBecomesADraftMemberWhenAccepted() throws Exception {
        Page page = chromium.newPage(site, "nb-NO", false);
        page.navigate("/");
        page.locator("#front-apply").click();
        assertThat(page).hasURL(site + "/bli-medlem");
        assertThat(page.locator("h1")).hasText("Bli medlem");
        assertThat(page.locator("script")).hasCount(0);
        fill(page, "kommune", "3236", "Jevnaker kommune", "2026-10-15",
                new FilePayload("vedtak.pdf", "application/pdf", pdf(3000)), true);
        page.locator("#apply-submit").click();
        intakeCalls++;
        assertThat(page.locator("#apply-received")).containsText("Takk for søknaden");
        assertThat(page).hasURL(site + "/bli-medlem?received");
        Chromium.screenshot(page, "site/apply-received-nb");

        List<ContentItem> stored = applicationsNamed("Jevnaker kommune");
        assertThat(stored).hasSize(1);
        ContentNode application = stored.get(0).node();
        assertThat(application.text("applicationStatus")).isEqualTo("pending");
        assertThat(application.text("county")).isEqualTo("32");
        assertThat(application.text("consentText")).startsWith("Vi samtykker");
        assertThat(application.text("declarationFileName")).isEqualTo("vedtak.pdf");

        // the publisher sees it in the applications app and accepts it: the member is a draft
        Page editor = chromium.newPage(cms.base());
        editor.navigate("/login");
        editor.locator("vaadin-login-form input[name=username]").fill(TestServer.PUBLISHER);
        editor.locator("vaadin-login-form input[name=password]").fill(TestServer.PASSWORD);
        editor.locator("vaadin-login-form vaadin-button[slot=submit]").click();
        assertThat(editor.locator("#sign-out")).isVisible();
        editor.navigate("/apps/applications-app");
        assertThat(editor.locator("#item-grid")).isVisible();
        assertThat(editor.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("Jevnaker kommune"))
                .first()).isVisible();
        Chromium.screenshot(editor, "editor/applications-app");
        editor.navigate("/apps/applications-app/item?path=" + stored.get(0).path());
        assertThat(editor.locator("#accept-application")).isVisible();
        assertThat(editor.locator("#publish")).isHidden();
        assertThat(editor.locator("#application-declaration")).isVisible();
        Chromium.screenshot(editor, "editor/application-detail");
        editor.locator("#accept-application").click();
        assertThat(editor).hasURL(Pattern.compile(".*/apps/members-app/item\\?path=%2Fjevnaker-kommune|.*/apps/"
                + "members-app/item\\?path=/jevnaker-kommune"));
        ContentItem member = cms.runtime().content().get("members", "/jevnaker-kommune").orElseThrow();
        assertThat(member.status().stored()).isEqualTo("draft");
        assertThat(member.node().text("number")).isEqualTo("3236");
        assertThat(member.node().text("county")).isEqualTo("32");
        assertThat(member.node().text("politicalDeclarationDate")).startsWith("2026-10-15");
        assertThat(member.node().text("memberSince")).isNotNull();
        assertThat(cms.runtime().content().get("applications", stored.get(0).path()).orElseThrow().node()
                .text("applicationStatus")).isEqualTo("accepted");
        // still a draft: the public site does not show it
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(site + "/medlemmer/jevnaker-kommune")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void everyRefusalIsAClearMessageInTheVisitorsLanguage() {
        int before = cms.runtime().content().children("applications", "/").size();
        Map<String, List<String>> violations = new LinkedHashMap<>();

        // English: a number that is no Norwegian municipality (the CMS checks it against SSB's list); this page
        // runs JavaScript only for axe-core (the site sends none), the Norwegian one below has it off
        Page en = chromium.newPage(site, "en-GB", true);
        en.navigate("/en/become-member");
        assertThat(en.locator("html")).hasAttribute("lang", "en");
        fill(en, "kommune", "9901", "Nowhere kommune", "2026-10-15",
                new FilePayload("decision.pdf", "application/pdf", pdf(1000)), true);
        en.locator("#apply-submit").click();
        intakeCalls++;
        assertThat(en.locator("#apply-errors")).containsText("This number does not exist");
        assertThat(en.locator("#number")).hasAttribute("aria-invalid", "true");
        assertThat(en.locator("#number")).hasValue("9901");
        assertThat(en.locator("#name")).hasValue("Nowhere kommune");
        Chromium.screenshot(en, "site/apply-refused-en");
        violations.put("en refused", seriousViolations(en));

        // English: a file over the size limit
        en.navigate("/en/become-member");
        fill(en, "kommune", "3236", "Large kommune", "2026-10-15",
                new FilePayload("decision.pdf", "application/pdf", pdf(MAX_KB * 1024 + 5000)), true);
        en.locator("#apply-submit").click();
        assertThat(en.locator("#declaration-error")).hasText("The file is too large. The decision may be at most 64 KB.");

        // Norwegian: no decision date
        Page nb = chromium.newPage(site, "nb-NO", false);
        nb.navigate("/bli-medlem");
        fill(nb, "kommune", "3236", "Udatert kommune", null,
                new FilePayload("vedtak.pdf", "application/pdf", pdf(1000)), true);
        nb.locator("#apply-submit").click();
        assertThat(nb.locator("#decisionDate-error")).hasText("Skriv datoen for vedtaket.");
        assertThat(nb.locator("#apply-errors a[href='#decisionDate']")).isVisible();
        Chromium.screenshot(nb, "site/apply-refused-nb");

        // Norwegian: a file that is no PDF, whatever its name says
        nb.navigate("/bli-medlem");
        fill(nb, "kommune", "3236", "Bilde kommune", "2026-10-15", new FilePayload("vedtak.pdf",
                "application/pdf", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}), true);
        nb.locator("#apply-submit").click();
        assertThat(nb.locator("#declaration-error")).hasText("Filen er ikke en PDF. Last opp vedtaket som PDF-fil.");

        // Norwegian: the honeypot filled in (as a bot fills every field)
        nb.navigate("/bli-medlem");
        fill(nb, "kommune", "3236", "Robot kommune", "2026-10-15",
                new FilePayload("vedtak.pdf", "application/pdf", pdf(1000)), true);
        nb.locator("#homepage").fill("http://spam.example", new Locator.FillOptions().setForce(true));
        nb.locator("#apply-submit").click();
        assertThat(nb.locator("#error-form")).containsText("et skjult felt var fylt ut");

        // no consent
        nb.navigate("/bli-medlem");
        fill(nb, "kommune", "3236", "Uten samtykke kommune", "2026-10-15",
                new FilePayload("vedtak.pdf", "application/pdf", pdf(1000)), false);
        nb.locator("#apply-submit").click();
        assertThat(nb.locator("#consent-error")).hasText("Du må samtykke for at vi kan behandle søknaden.");

        assertThat(cms.runtime().content().children("applications", "/")).hasSize(before);
        // the refused form with its error summary, field messages and aria-invalid, in both languages
        Page axe = chromium.newPage(site, "nb-NO", true);
        axe.navigate("/bli-medlem");
        fill(axe, "fylkeskommune", "3", "Fylke", null, null, false);
        axe.locator("#apply-submit").click();
        assertThat(axe.locator("#apply-errors li")).hasCount(3);
        violations.put("nb refused", seriousViolations(axe));
        assertThat(violations).allSatisfy((k, v) -> assertThat(v).as(k).isEmpty());
    }

    @Test
    @Order(3)
    void theEleventhApplicationFromOneAddressInAnHourIsRefused() throws Exception {
        int accepted = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 11; i++) {
            last = postForm("Gjentatt kommune " + i);
            if (last.statusCode() != 303) {
                break;
            }
            assertThat(last.headers().firstValue("Location")).hasValue("/bli-medlem?received");
            accepted++;
        }
        assertThat(last.statusCode()).as(last.body()).isEqualTo(429);
        assertThat(accepted + intakeCalls).as("the request refused is the 11th this address sent").isEqualTo(10);
        assertThat(last.body()).contains("Det er sendt for mange søknader fra din adresse den siste timen.");
        assertThat(applicationsNamed("Gjentatt kommune " + accepted)).isEmpty();
    }

    /** The form posted as a browser posts it (multipart, no JavaScript). */
    static HttpResponse<String> postForm(String name) throws Exception {
        String boundary = "----sk" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("memberType", "kommune");
        fields.put("number", "3207");
        fields.put("name", name);
        fields.put("contactName", "Per");
        fields.put("contactEmail", "per@example.no");
        fields.put("decidingBody", "kommunestyre");
        fields.put("decisionDate", "15.10.2026");
        fields.put("homepage", "");
        fields.put("consent", "yes");
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"declaration\"; filename=\"v.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(pdf(800));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(site + "/bli-medlem"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(4)
    void theNewsListPagesTenArticlesAtATimeNewestFirst() throws Exception {
        ContentService content = cms.runtime().content();
        for (int i = 1; i <= 12; i++) {
            String name = "pager-" + i;
            content.create("news", "/", ContentNode.builder(name, "sk:newsArticle")
                    .property("title", "Sidevisning " + i).property("title_en", "Paging " + i)
                    .property("publishDate", java.time.OffsetDateTime.parse(String.format("2030-01-%02dT10:00:00Z", i)))
                    .build(), TestServer.PUBLISHER);
            content.publish("news", "/" + name, TestServer.PUBLISHER);
        }
        int total = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cms.get(
                "/.rest/delivery/news/v1?limit=1").body()).path("total").asInt();
        assertThat(total).isGreaterThan(12);
        int pages = (total + 9) / 10;
        Page page = chromium.newPage(site, "nb-NO", false);
        page.navigate("/nyheter");
        Locator titles = page.locator("main article.card h3");
        assertThat(titles).hasCount(10);
        assertThat(titles.first()).hasText("Sidevisning 12");
        assertThat(page.locator(".pager")).containsText("Side 1 av " + pages);
        assertThat(page.locator(".pager a[rel=prev]")).hasCount(0);
        List<String> first = new ArrayList<>(titles.allTextContents());
        page.locator(".pager a[rel=next]").click();
        assertThat(page).hasURL(site + "/nyheter?page=2");
        assertThat(page.locator(".pager")).containsText("Side 2 av " + pages);
        assertThat(titles.first()).hasText("Sidevisning 2");
        List<String> second = titles.allTextContents();
        assertThat(second).doesNotContainAnyElementsOf(first);
        Chromium.screenshot(page, "site/news-page2-nb");
        page.locator(".pager a[rel=prev]").click();
        assertThat(page).hasURL(site + "/nyheter?page=1");
        assertThat(titles.first()).hasText("Sidevisning 12");
        page.navigate("/en/news?page=2");
        assertThat(page.locator(".pager")).containsText("2");
        assertThat(titles.first()).hasText("Paging 2");
        Chromium.screenshot(page, "site/news-page2-en");
        page.navigate("/nyheter?page=" + pages);
        assertThat(page.locator(".pager a[rel=next]")).hasCount(0);
        assertThat(titles).hasCount(total - (pages - 1) * 10);
    }
}
