package no.sunnekommuner.cms.website;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static no.sunnekommuner.cms.testing.Accessibility.seriousViolations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.testing.Chromium;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public website in real Chromium, run as a SECOND PROCESS that is given nothing but the CMS's base URL (no
 * repository, no light modules, no data folder): everything it shows came through the public delivery API.
 */
class WebsiteIT {

    static final String ARTICLE = "/2024/arskonferansen-2024";
    /** The same article's English address: its slug (urlSlug_en, made from the English title). */
    static final String ARTICLE_EN = "/2024/annual-conference-brought-the-whole-network-together";
    static final String GROUP_EN = "/health-in-planning";

    static Path dir;
    static TestServer cms;
    static Process siteProcess;
    static String site;
    static Chromium chromium;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("website-it");
        cms = TestServer.start(dir.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES), Map.of());
        new DemoContent(cms.runtime().content()).loadIfEmpty();
        Path nothing = dir.resolve("nothing-here");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), no.sunnekommuner.cms.server.SiteMain.class.getName()).redirectErrorStream(true);
        pb.environment().put("SK_SITE_API_BASE_URL", cms.base());
        pb.environment().put("SK_SITE_PORT", "0");
        pb.environment().put("SK_SITE_HOST", "127.0.0.1");
        pb.environment().put("SK_DATA_DIR", nothing.toString());
        pb.environment().put("SK_LIGHT_MODULES_DIRS", nothing.toString());
        siteProcess = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(siteProcess::destroyForcibly));
        BufferedReader out = new BufferedReader(new InputStreamReader(siteProcess.getInputStream(),
                StandardCharsets.UTF_8));
        Pattern announced = Pattern.compile("Website: (http://localhost:\\d+)/");
        StringBuilder log = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            log.append(line).append('\n');
            Matcher m = announced.matcher(line);
            if (m.find()) {
                site = m.group(1);
                break;
            }
        }
        assertThat(site).as("the site process announced its address; output:\n%s", log).isNotNull();
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "site-output");
        drain.setDaemon(true);
        drain.start();
        assertThat(Files.exists(nothing)).as("the site process never creates a repository").isFalse();
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
            if (siteProcess != null) {
                siteProcess.destroy();
                siteProcess.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (cms != null) {
                cms.close();
            }
        }
    }

    @AfterEach
    void closePages() {
        chromium.closeContexts();
    }

    @Test
    void aVisitorWalksTheSiteInBothLanguagesWithJavaScriptOff() throws Exception {
        Page page = chromium.newPage(site, "nb-NO", false);
        page.navigate("/");
        assertThat(page.locator("html")).hasAttribute("lang", "nb");
        assertThat(page.locator("h1")).hasText("Sunne kommuner");
        assertThat(page.locator("#featured-h")).isVisible();
        assertThat(page.locator("#latest-h ~ .cards article")).not().hasCount(0);
        assertThat(page.locator("script")).hasCount(0);
        assertThat(page.locator("link[rel=alternate][hreflang=en]")).hasAttribute("href", site + "/en/");

        // the feed is linked and is an Atom feed of the news
        String feed = page.locator("link[type='application/atom+xml']").getAttribute("href");
        HttpResponse<String> atom = HTTP.send(HttpRequest.newBuilder(URI.create(feed)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(atom.statusCode()).isEqualTo(200);
        assertThat(atom.body()).contains("<feed").contains("Årskonferansen samlet hele nettverket");

        // an article, from the news list, in Norwegian, then the same article in English
        page.locator(".main-nav a", new Page.LocatorOptions().setHasText("Nyheter")).click();
        assertThat(page).hasURL(site + "/nyheter");
        page.locator("a", new Page.LocatorOptions().setHasText("Årskonferansen samlet hele nettverket")).click();
        assertThat(page).hasURL(site + "/nyheter" + ARTICLE);
        assertThat(page.locator("h1")).hasText("Årskonferansen samlet hele nettverket");
        assertThat(page.locator("time").first()).hasText("12. juni 2024");
        assertThat(page.locator("#tg-h + ul a")).hasText("Planlegging for helse");
        page.locator(".lang-switch").click();
        assertThat(page).hasURL(site + "/en/news" + ARTICLE_EN);
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page.locator("h1")).hasText("Annual conference brought the whole network together");
        assertThat(page.locator("time").first()).hasText("12 June 2024");
        // the English page links the theme group by its English slug, and switches back to the same article
        assertThat(page.locator("#tg-h + ul a")).hasAttribute("href", "/en/theme-groups" + GROUP_EN);
        page.locator(".lang-switch").click();
        assertThat(page).hasURL(site + "/nyheter" + ARTICLE);
        page.navigate("/en/news" + ARTICLE);
        // the old English address (the node name) leads to the slug
        assertThat(page).hasURL(site + "/en/news" + ARTICLE_EN);

        // the members list filtered by county, by the form (no script), then a member page in both languages
        page.navigate("/medlemmer");
        List<String> akershus = names(api("/.rest/delivery/members/v1?county=32&orderBy=name%20asc"));
        assertThat(akershus).isNotEmpty();
        page.locator("#county").selectOption("32");
        page.locator(".filters button").click();
        assertThat(page).hasURL(Pattern.compile(".*/medlemmer\\?.*county=32.*"));
        assertThat(page.locator(".member-list .member-card > a")).hasText(akershus.toArray(String[]::new));
        assertThat(page.locator(".member-card .meta").first()).containsText("Akershus");
        page.locator(".member-card a", new Page.LocatorOptions().setHasText("Asker")).click();
        assertThat(page).hasURL(site + "/medlemmer/asker");
        assertThat(page.locator(".facts")).containsText("Kommune");
        assertThat(page.locator(".facts")).containsText("1. mars 2011");
        assertThat(page.locator(".facts")).containsText("Vedtatt 15. februar 2011 av kommunestyret");
        assertThat(page.locator("#coord-h + p")).containsText("Ingrid Solberg");
        assertThat(page.locator("#pol-h + p")).containsText("Per Haugland");
        assertThat(page.locator("#tg-h ~ ul a").first()).hasText("Planlegging for helse");
        page.locator(".lang-switch").click();
        assertThat(page).hasURL(site + "/en/members/asker");
        assertThat(page.locator("#pol-h + p")).containsText("Mayor");
        assertThat(page.locator(".facts")).containsText("Adopted on 15 February 2011 by the municipal council");
        // the type's label is the one the API sends next to the code (memberType@label, the module's bundle)
        assertThat(page.locator(".facts dd").first()).hasText("Municipality");

        // the growth page: the statement computed from memberSince, and the chart's figures in a table
        page.navigate("/vekst");
        JsonNode members = api("/.rest/delivery/members/v1?limit=500");
        OffsetDateTime threeYearsAgo = OffsetDateTime.now().minusYears(3);
        long recent = 0;
        int firstYear = 9999;
        for (JsonNode m : members.path("results")) {
            OffsetDateTime since = OffsetDateTime.parse(m.path("memberSince").asText());
            recent += since.isAfter(threeYearsAgo) ? 1 : 0;
            firstYear = Math.min(firstYear, since.getYear());
        }
        String statement = page.locator("p.stat").textContent();
        assertThat(statement).matches(recent == 1 ? "Ett nytt medlem .*" : recent + " nye medlemmer .*");
        assertThat(statement).contains("nå " + members.path("total").asInt() + " medlemmer");
        assertThat(page.locator("svg[role=img] title")).hasText("Medlemmer ved utgangen av hvert år");
        assertThat(page.locator("table.data tbody tr")).hasCount(OffsetDateTime.now().getYear() - firstYear + 1);
        assertThat(page.locator("table.data tbody tr").last().locator("td").last())
                .hasText(String.valueOf(members.path("total").asInt()));
        page.locator(".lang-switch").click();
        assertThat(page).hasURL(site + "/en/growth");
        assertThat(page.locator("table.data caption")).hasText("Members per year");
    }

    @Test
    void everyPageTemplatePassesWcag21AaInBothLanguagesAndIsScreenshot() {
        Map<String, String[]> pages = new LinkedHashMap<>();
        pages.put("front", new String[] {"/", "/en/"});
        pages.put("news", new String[] {"/nyheter", "/en/news"});
        pages.put("news-filtered", new String[] {"/nyheter?theme=planlegging-for-helse",
                "/en/news?theme=planlegging-for-helse"});
        pages.put("article", new String[] {"/nyheter" + ARTICLE, "/en/news" + ARTICLE_EN});
        pages.put("why", new String[] {"/hvorfor-medlemskap", "/en/why-membership"});
        pages.put("members", new String[] {"/medlemmer?county=32", "/en/members?county=32"});
        pages.put("member", new String[] {"/medlemmer/asker", "/en/members/asker"});
        pages.put("themegroups", new String[] {"/temagrupper", "/en/theme-groups"});
        pages.put("themegroup", new String[] {"/temagrupper/planlegging-for-helse",
                "/en/theme-groups" + GROUP_EN});
        pages.put("growth", new String[] {"/vekst", "/en/growth"});
        pages.put("map", new String[] {"/kart", "/en/map"});
        pages.put("accessibility", new String[] {"/tilgjengelighet", "/en/accessibility"});
        pages.put("apply", new String[] {"/bli-medlem", "/en/become-member"});
        pages.put("404", new String[] {"/finnes-ikke", "/en/no-such-page"});
        Page page = chromium.newPage(site, "nb-NO", true);
        Map<String, List<String>> violations = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : pages.entrySet()) {
            for (int i = 0; i < 2; i++) {
                String lang = i == 0 ? "nb" : "en";
                var response = page.navigate(e.getValue()[i]);
                assertThat(response.status()).as(e.getValue()[i]).isEqualTo(e.getKey().equals("404") ? 404 : 200);
                assertThat(page.locator("html")).hasAttribute("lang", lang);
                assertThat(page.locator("link[rel=canonical]")).hasAttribute("href",
                        site + e.getValue()[i].replaceAll("\\?.*", "").replace("/finnes-ikke", "/")
                                .replace("/en/no-such-page", "/en/"));
                Chromium.screenshot(page, "site/" + e.getKey() + "-" + lang);
                List<String> found = seriousViolations(page);
                if (!found.isEmpty()) {
                    violations.put(e.getValue()[i], found);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void aPublishIsOnTheSiteAtTheNextRequestAndAnUnpublishedItemIsThe404Page() throws Exception {
        ContentService content = cms.runtime().content();
        String path = "/2024/tromso-ny-medlem";
        assertThat(site("/nyheter" + path).body()).contains("Tromsø er nytt medlem");

        ContentItem item = content.get("news", path).orElseThrow();
        content.patch("news", path, Map.of("title", "Tromsø ønskes velkommen"), item.revision(),
                TestServer.PUBLISHER);
        assertThat(site("/nyheter" + path).body()).as("a draft is never public").contains("Tromsø er nytt medlem");
        content.publish("news", path, TestServer.PUBLISHER);
        HttpResponse<String> published = site("/nyheter" + path);
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.body()).contains("Tromsø ønskes velkommen").doesNotContain("Tromsø er nytt medlem");
        assertThat(site("/nyheter").body()).contains("Tromsø ønskes velkommen");

        content.unpublish("news", path, TestServer.PUBLISHER);
        HttpResponse<String> gone = site("/nyheter" + path);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("Siden finnes ikke").doesNotContain("Tromsø ønskes velkommen");
        HttpResponse<String> goneEn = site("/en/news" + path);
        assertThat(goneEn.statusCode()).isEqualTo(404);
        assertThat(goneEn.body()).contains("<html lang=\"en\"").contains("Page not found");
        assertThat(site("/nyheter").body()).doesNotContain("Tromsø ønskes velkommen");
    }

    @Test
    void sitemapRobotsCanonicalAndOpenGraphNameThePublicPages() throws Exception {
        HttpResponse<String> robots = site("/robots.txt");
        assertThat(robots.body()).contains("Sitemap: " + site + "/sitemap.xml");
        String sitemap = site("/sitemap.xml").body();
        // lastmod is the day of the last change (mgnl:lastModified, in Oslo), for items and the lists showing them
        String changed = OffsetDateTime.parse(api("/.rest/delivery/news/v1" + ARTICLE).path("mgnl:lastModified")
                .asText()).atZoneSameInstant(java.time.ZoneId.of("Europe/Oslo")).toLocalDate().toString();
        assertThat(sitemap).contains("<loc>" + site + "/nyheter" + ARTICLE + "</loc><lastmod>" + changed + "</lastmod>")
                .containsPattern("<loc>" + Pattern.quote(site) + "/medlemmer</loc><lastmod>\\d{4}-\\d{2}-\\d{2}</lastmod>")
                .containsPattern("<loc>" + Pattern.quote(site) + "/en/</loc><lastmod>\\d{4}-\\d{2}-\\d{2}</lastmod>")
                .contains("<loc>" + site + "/en/news" + ARTICLE_EN + "</loc>")
                .contains("<loc>" + site + "/en/members/asker</loc>")
                .contains("hreflang=\"en\" href=\"" + site + "/en/theme-groups" + GROUP_EN + "\"")
                .doesNotContain("<loc>" + site + "/en/news" + ARTICLE + "</loc>");
        for (JsonNode m : api("/.rest/delivery/members/v1?limit=500").path("results")) {
            assertThat(sitemap).contains("<loc>" + site + "/medlemmer" + m.path("@path").asText() + "</loc>");
        }
        // pages other than articles are Open Graph "website"s (the template's default)
        assertThat(site("/en/").body()).contains("<meta property=\"og:type\" content=\"website\">");
        String article = site("/en/news" + ARTICLE_EN).body();
        assertThat(article).contains("<link rel=\"canonical\" href=\"" + site + "/en/news" + ARTICLE_EN + "\">")
                .contains("<meta property=\"og:url\" content=\"" + site + "/en/news" + ARTICLE_EN + "\">")
                .contains("<meta property=\"og:type\" content=\"article\">")
                .contains("<meta property=\"og:title\" content=\"Annual conference brought the whole network together\">")
                .contains("<link rel=\"alternate\" hreflang=\"nb\" href=\"" + site + "/nyheter" + ARTICLE + "\">");
    }

    @Test
    void hostileAddressesAndParametersGetTheSitesOwnPagesNeverAnError() throws Exception {
        for (String path : List.of("/nyheter/..%2F..%2F.rest%2Fnodes%2Fv1%2Fusers", "/medlemmer/%3Cscript%3E",
                "/temagrupper/a/b/c/d", "/en/members/..")) {
            // Jetty refuses encoded slashes itself (400); the rest are the site's 404 page
            assertThat(site(path).statusCode()).as(path).isIn(400, 404);
        }
        HttpResponse<String> odd = site("/medlemmer?county=%3Cb%3E&type=x&q=%22%3Cscript%3Ealert(1)%3C/script%3E");
        assertThat(odd.statusCode()).isEqualTo(200);
        assertThat(odd.body()).doesNotContain("<script>");
        assertThat(site("/nyheter?page=-5&theme=%00").statusCode()).isEqualTo(200);
        assertThat(site("/").headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'none'").doesNotContain("script-src");
    }

    /**
     * The media library on the site: an article's picture with its alt text and a srcset of renditions whose
     * links answer images of the stated width, og:image absolute, thumbnails on the cards, a member's logo with the
     * asset's alt text, all loaded by the browser from the CMS's origin, the only one the site's policy allows.
     */
    @Test
    void picturesComeFromTheMediaLibraryWithRenditionsAltTextsAndTheCmsAsTheirOnlyOrigin() throws Exception {
        String csp = site("/").headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("img-src " + cms.base() + ";").doesNotContain("https:").doesNotContain("data:");
        Page page = chromium.newPage(site, "nb-NO", true);
        page.navigate("/nyheter" + ARTICLE);
        var img = page.locator("article figure.picture img");
        assertThat(img).hasAttribute("alt", "Stiliserte deltakere lytter til et foredrag på årskonferansen");
        String srcset = img.getAttribute("srcset");
        assertThat(img.getAttribute("sizes")).isNotBlank();
        assertThat(img.getAttribute("src")).startsWith(cms.base() + "/.imaging/mte/");
        assertThat(page.locator("article figure.picture figcaption")).hasText("Illustrasjon: Sunne kommuner");
        Matcher candidate = Pattern.compile("(\\S+) (\\d+)w").matcher(srcset);
        int candidates = 0;
        while (candidate.find()) {
            assertThat(candidate.group(1)).startsWith(cms.base() + "/.imaging/");
            assertThat(decodedWidth(candidate.group(1))).as(candidate.group(1))
                    .isEqualTo(Integer.parseInt(candidate.group(2)));
            candidates++;
        }
        assertThat(candidates).as(srcset).isEqualTo(2);
        page.waitForFunction("() => document.querySelector('figure.picture img').complete");
        assertThat(((Number) page.evaluate("() => document.querySelector('figure.picture img').naturalWidth"))
                .intValue()).as("the browser loaded it despite the policy").isPositive();
        String ogImage = page.locator("meta[property='og:image']").getAttribute("content");
        assertThat(ogImage).startsWith(cms.base() + "/.imaging/mte/").contains("/16x9/");
        assertThat(decodedWidth(ogImage)).isEqualTo(1280);
        page.navigate("/en/news" + ARTICLE);
        assertThat(page.locator("article figure.picture img")).hasAttribute("alt",
                "Stylised participants listening to a talk at the annual conference");

        page.navigate("/nyheter");
        assertThat(page.locator(".card.with-picture img.thumb")).not().hasCount(0);
        assertThat(page.locator(".card img.thumb").first()).hasAttribute("alt", "");
        assertThat(decodedWidth(page.locator(".card img.thumb").first().getAttribute("src"))).isEqualTo(240);

        // a member's logo: the asset's alt text (members have no override), fitted in the logo variation
        page.navigate("/medlemmer/asker");
        var logo = page.locator(".member-head img.logo");
        assertThat(logo).hasAttribute("alt", "Logo for Asker");
        assertThat(decodedWidth(logo.getAttribute("src"))).isLessThanOrEqualTo(320);
        page.navigate("/en/members/asker");
        assertThat(page.locator(".member-head img.logo")).hasAttribute("alt", "Logo of Asker");
        Chromium.screenshot(page, "site/member-logo-en");
    }

    private static int decodedWidth(String url) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(url).startsWith("image/");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.body()));
        assertThat(image).as(url).isNotNull();
        return image.getWidth();
    }

    @Test
    void pagesCarryTheirOwnETagAndTheApisLastModifiedAndAnswer304ToAMatchingIfNoneMatch() throws Exception {
        HttpResponse<String> first = site("/nyheter" + ARTICLE);
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        // the API's own validators never reach the browser: the page's ETag is of the page's bytes
        String apiEtag = cms.get("/.rest/delivery/news/v1" + ARTICLE + "?lang=nb").headers().firstValue("ETag")
                .orElseThrow();
        assertThat(etag).isNotEqualTo(apiEtag);
        // the default delivery.cacheControl (max-age=0) is forwarded: every view revalidates, a publish shows at once
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=0, must-revalidate");
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        OffsetDateTime changed = OffsetDateTime.parse(api("/.rest/delivery/news/v1" + ARTICLE)
                .path("mgnl:lastModified").asText());
        assertThat(java.time.ZonedDateTime.parse(lastModified, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant()).as("no older than the article").isAfterOrEqualTo(changed.toInstant()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(site + "/nyheter" + ARTICLE))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);

        // a change of the content is a new page: the old ETag no longer matches
        ContentService content = cms.runtime().content();
        ContentItem item = content.get("news", ARTICLE).orElseThrow();
        content.patch("news", ARTICLE, Map.of("author", "Redaksjonen i Sunne kommuner"), item.revision(),
                TestServer.PUBLISHER);
        content.publish("news", ARTICLE, TestServer.PUBLISHER);
        HttpResponse<String> changedPage = HTTP.send(HttpRequest.newBuilder(URI.create(site + "/nyheter" + ARTICLE))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(changedPage.statusCode()).isEqualTo(200);
        assertThat(changedPage.body()).contains("Redaksjonen i Sunne kommuner");
        assertThat(changedPage.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        // the form page holds what a visitor typed: never shared
        assertThat(site("/bli-medlem").headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void anEditorsPreviewLinkShowsTheDraftOnTheSiteNeverCachedAndAnExpiredOneSaysSo() throws Exception {
        ContentService content = cms.runtime().content();
        ContentItem draft = content.create("news", "/2026", no.sunnekommuner.cms.content.model.ContentNode
                .builder("utkast-til-nettsiden", "sk:newsArticle").property("title", "Et utkast ingen har sett")
                .property("title_en", "A draft nobody has seen").property("lead", "Bare for redaktøren.")
                .property("publishDate", OffsetDateTime.now()).build(), TestServer.PUBLISHER);
        String path = "/nyheter/2026/utkast-til-nettsiden";
        assertThat(site(path).statusCode()).as("a draft is not public").isEqualTo(404);

        // the link the editor's "Forhåndsvis" opens (the module's standalone/preview.yaml), on this site
        String token = cms.runtime().previews().token(draft);
        String link = cms.runtime().previews().url("news-app", "nb", draft, token).orElseThrow();
        String onSite = link.substring(link.indexOf("/nyheter"));
        assertThat(onSite).startsWith(path + "?preview=");
        HttpResponse<String> shown = site(onSite);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("Et utkast ingen har sett").contains("Forhåndsvisning")
                .contains("<meta name=\"robots\" content=\"noindex, nofollow\">");
        assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(shown.headers().firstValue("X-Robots-Tag")).hasValue("noindex, nofollow");
        assertThat(shown.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(shown.headers().firstValue("ETag")).isEmpty();
        // the token is only on the language switch (the same item); canonical, alternates and menus never have it
        List<String> withToken = new ArrayList<>();
        Matcher links = Pattern.compile("(href|content)=\"([^\"]*)\"").matcher(shown.body());
        while (links.find()) {
            if (links.group(2).contains(token) || links.group(2).contains("preview=")) {
                withToken.add(links.group(2));
            }
        }
        assertThat(withToken).hasSize(1).allMatch(h -> h.startsWith("/en/news/2026/utkast-til-nettsiden?preview="));
        assertThat(site(path).statusCode()).as("the preview never fills the public cache").isEqualTo(404);

        // in the browser, both languages (JavaScript on only for axe-core; the page has no script of its own)
        Page page = chromium.newPage(site, "nb-NO", true);
        page.navigate(onSite);
        assertThat(page.locator(".preview-banner")).containsText("Forhåndsvisning");
        assertThat(page.locator("h1")).hasText("Et utkast ingen har sett");
        Chromium.screenshot(page, "site/preview-nb");
        assertThat(seriousViolations(page)).as("WCAG 2.1 AA, preview").isEmpty();
        page.locator(".lang-switch").click();
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page.locator("h1")).hasText("A draft nobody has seen");
        assertThat(page.locator(".preview-banner")).containsText("Preview");
        Chromium.screenshot(page, "site/preview-en");

        // an expired token (the CMS's own key, an hour old) is a clear page in the visitor's language, not a 404
        byte[] key = Files.readAllBytes(dir.resolve("repo").resolve("preview.key"));
        String expired = new no.sunnekommuner.cms.content.preview.PreviewTokens(key, java.time.Clock.fixed(
                java.time.Instant.now().minusSeconds(3600), java.time.ZoneOffset.UTC), java.time.Duration.ofMinutes(30))
                .issue("news", draft.id());
        for (String lang : List.of("nb", "en")) {
            String prefix = lang.equals("nb") ? "/nyheter" : "/en/news";
            var response = page.navigate(prefix + "/2026/utkast-til-nettsiden?preview=" + expired);
            assertThat(response.status()).isEqualTo(403);
            assertThat(page.locator("h1")).hasText(lang.equals("nb") ? "Forhåndsvisningen er utløpt"
                    : "The preview has expired");
            assertThat(page.locator("main")).not().containsText(lang.equals("nb") ? "Et utkast" : "A draft");
            assertThat(page.locator(".preview-banner")).hasCount(0);
            Chromium.screenshot(page, "site/preview-expired-" + lang);
            assertThat(seriousViolations(page)).as("WCAG 2.1 AA, expired preview").isEmpty();
        }
        // a token of another item opens nothing
        ContentItem other = content.get("news", ARTICLE).orElseThrow();
        HttpResponse<String> wrong = site(path + "?preview=" + cms.runtime().previews().token(other));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("Forhåndsvisningen gjelder en annen side").doesNotContain("Et utkast");
        content.delete("news", draft.path(), TestServer.PUBLISHER);
    }

    private static HttpResponse<String> site(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(site + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode api(String path) throws Exception {
        return JSON.readTree(cms.get(path).body());
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("results").forEach(n -> names.add(n.path("name").asText()));
        return names;
    }

}
