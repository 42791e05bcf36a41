package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our four delivery endpoints over HTTP with the demo content: publication, preview, languages, caching, docs. */
class DeliveryApiIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String NEWS = "/.rest/delivery/news/v1";
    static final String DRAFT_WORD = "hemmeligutkast";

    @TempDir
    static Path temp;
    static TestServer server;
    static ContentService content;
    static String draftId;
    static String draftGroupId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(temp.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES), Map.of());
        content = server.runtime().content();
        assertThat(new DemoContent(content).loadIfEmpty()).isGreaterThan(30);
        // a draft that is never published, with a word found nowhere else
        ContentItem draft = content.create("news", "/2026", ContentNode.builder("utkast", "sk:newsArticle")
                .property("title", "Utkast " + DRAFT_WORD).property("title_en", "Draft " + DRAFT_WORD)
                .property("publishDate", OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build(), "t");
        draftId = draft.id();
        // a draft theme group referenced by a published article
        ContentItem group = content.create("themegroups", "/", ContentNode.builder("hemmelig-gruppe",
                "sk:themeGroup").property("name", "Hemmelig gruppe " + DRAFT_WORD).build(), "t");
        draftGroupId = group.id();
        content.create("news", "/2026", ContentNode.builder("med-utkastgruppe", "sk:newsArticle")
                .property("title", "Sak med gruppe").property("title_en", "Article with group")
                .property("publishDate", OffsetDateTime.parse("2026-10-01T10:00:00+02:00"))
                .property("themeGroups", List.of(group.id())).build(), "t");
        content.publish("news", "/2026/med-utkastgruppe", "t");
        // a published article whose draft was edited afterwards
        ContentItem edited = content.get("news", "/2025/tolv-nye-medlemmer").orElseThrow();
        content.patch("news", edited.path(), Map.of("title", "Endret tittel " + DRAFT_WORD), edited.revision(), "t");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return MAPPER.readTree(r.body());
    }

    static List<String> paths(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("results").forEach(n -> out.add(n.path("@path").asText()));
        return out;
    }

    @Test
    void draftsAreNeverPublic() throws Exception {
        HttpResponse<String> list = server.get(NEWS + "?limit=100");
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode page = json(list);
        assertThat(paths(page)).doesNotContain("/2026/utkast", "/2026/rapport-levekar", "/2026/konferanse-2026-bilde")
                .contains("/2025/tolv-nye-medlemmer");
        assertThat(page.path("total").asInt()).isEqualTo(paths(page).size());
        assertThat(list.body()).doesNotContain(DRAFT_WORD);
        // by path, by id, among children, by full-text search, through a reference, in every language
        assertThat(server.get(NEWS + "/2026/utkast").statusCode()).isEqualTo(404);
        assertThat(server.get(NEWS + "/2026/rapport-levekar?lang=en").statusCode()).isEqualTo(404);
        assertThat(json(server.get(NEWS + "?jcr:uuid=" + draftId)).path("total").asInt()).isZero();
        assertThat(server.get(NEWS + "/2026@nodes").body()).doesNotContain("\"/2026/utkast\"", "rapport-levekar", DRAFT_WORD)
                .contains("med-utkastgruppe");
        assertThat(json(server.get(NEWS + "?q=" + DRAFT_WORD)).path("total").asInt()).isZero();
        assertThat(server.get(NEWS + "?lang=all&limit=100").body()).doesNotContain(DRAFT_WORD);
        JsonNode withGroup = json(server.get(NEWS + "/2026/med-utkastgruppe"));
        assertThat(withGroup.path("themeGroups").get(0).asText()).as("unpublished target stays an id")
                .isEqualTo(draftGroupId);
        assertThat(server.get("/.rest/delivery/themegroups/v1/hemmelig-gruppe").statusCode()).isEqualTo(404);
        // the published snapshot, not the edited draft
        JsonNode published = json(server.get(NEWS + "/2025/tolv-nye-medlemmer"));
        assertThat(published.path("title").asText()).isEqualTo("Tolv nye medlemmer på tre år");
    }

    @Test
    void previewShowsDraftsToSignedInEditorsOnly() throws Exception {
        String path = "/.rest/preview/news/v1/2026/utkast";
        HttpResponse<String> anonymous = server.get(path);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        // a Bearer challenge: a Basic one would make browsers ask for and cache a password (cross-site writes)
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sunne-kommuner\"");
        assertThat(json(anonymous).path("error").path("code").asText()).isEqualTo("unauthorized");
        assertThat(server.get(path, "Authorization", TestServer.basic(TestServer.EDITOR, "wrong-password"))
                .statusCode()).isEqualTo(401);
        HttpResponse<String> editor = server.get(path + "?lang=en", "Authorization",
                TestServer.basic(TestServer.EDITOR, TestServer.PASSWORD));
        assertThat(editor.statusCode()).isEqualTo(200);
        assertThat(json(editor).path("title").asText()).isEqualTo("Draft " + DRAFT_WORD);
        assertThat(editor.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v)
                .contains("no-store"));
        assertThat(json(server.get("/.rest/preview/news/v1/2025/tolv-nye-medlemmer", "Authorization",
                TestServer.basic(TestServer.PUBLISHER, TestServer.PASSWORD))).path("title").asText())
                .isEqualTo("Endret tittel " + DRAFT_WORD);
    }

    @Test
    void languagesFollowMagnoliasRules() throws Exception {
        HttpResponse<String> en = server.get(NEWS + "/2025/tolv-nye-medlemmer?lang=en");
        assertThat(json(en).path("title").asText()).isEqualTo("Twelve new members in three years");
        assertThat(json(en).has("title_en")).isFalse();
        assertThat(en.headers().firstValue("Content-Language")).hasValue("en");
        HttpResponse<String> nb = server.get(NEWS + "/2025/tolv-nye-medlemmer");
        assertThat(json(nb).path("title").asText()).isEqualTo("Tolv nye medlemmer på tre år");
        assertThat(nb.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Accept-Language"));
        HttpResponse<String> header = server.get(NEWS + "/2025/tolv-nye-medlemmer", "Accept-Language", "en-GB,en;q=0.8");
        assertThat(json(header).path("title").asText()).isEqualTo("Twelve new members in three years");
        // a member without an English name falls back to Norwegian
        assertThat(json(server.get("/.rest/delivery/members/v1/asker?lang=en")).path("name").asText())
                .isEqualTo("Asker");
        assertThat(json(server.get("/.rest/delivery/members/v1/nordland?lang=en")).path("name").asText())
                .isEqualTo("Nordland County Municipality");
        JsonNode all = json(server.get(NEWS + "/2025/tolv-nye-medlemmer?lang=all"));
        assertThat(all.has("title_en")).isTrue();
        assertThat(server.get(NEWS + "?lang=xx").statusCode()).isEqualTo(400);
        // references are resolved and localised too
        JsonNode groups = json(server.get("/.rest/delivery/themegroups/v1/fylkeskommunalt-forum?lang=en"));
        assertThat(groups.path("leader").path("name").asText()).isEqualTo("Nordland County Municipality");
        assertThat(groups.path("members")).hasSize(4);
        JsonNode article = json(server.get(NEWS + "/2025/fylkeskommunalt-forum-startet?lang=en"));
        assertThat(article.path("themeGroups").get(0).path("name").asText()).isEqualTo("County forum");
    }

    @Test
    void queriesFilterSortAndPage() throws Exception {
        JsonNode sorted = json(server.get(NEWS + "?orderBy=publishDate%20desc&limit=3&lang=en"));
        assertThat(sorted.path("limit").asInt()).isEqualTo(3);
        List<String> dates = new ArrayList<>();
        sorted.path("results").forEach(n -> dates.add(n.path("publishDate").asText()));
        assertThat(dates).hasSize(3).isSortedAccordingTo((a, b) -> OffsetDateTime.parse(b).compareTo(
                OffsetDateTime.parse(a)));
        assertThat(json(server.get("/.rest/delivery/members/v1?memberType=fylkeskommune")).path("total").asInt())
                .isEqualTo(4);
        assertThat(json(server.get("/.rest/delivery/members/v1?number=5037")).path("results").get(0)
                .path("@name").asText()).isEqualTo("levanger");
        assertThat(json(server.get("/.rest/delivery/members/v1?population%5Bgt%5D=100000&limit=50")).path("total")
                .asInt()).isEqualTo(5);
        assertThat(json(server.get(NEWS + "?publishDate%5Bin%5D=2025-01-01~2025-12-31")).path("total").asInt())
                .isEqualTo(3);
        assertThat(json(server.get("/.rest/delivery/benefits/v1?orderBy=sortOrder&limit=2")).path("results").get(1)
                .path("sortOrder").asInt()).isEqualTo(2);
        assertThat(json(server.get(NEWS + "?q=" + URLEncoder.encode("tolv", StandardCharsets.UTF_8)))
                .path("total").asInt()).isEqualTo(1);
    }

    @Test
    void etagsGive304UntilSomethingIsPublished() throws Exception {
        String url = "/.rest/delivery/benefits/v1?orderBy=sortOrder&lang=en";
        HttpResponse<String> first = server.get(url);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=0, must-revalidate");
        HttpResponse<String> again = server.get(url, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        ContentItem benefit = content.get("benefits", "/kompetanse").orElseThrow();
        content.patch("benefits", benefit.path(), Map.of("title_en", "Building skills"), benefit.revision(), "t");
        assertThat(server.get(url, "If-None-Match", etag).statusCode()).as("a draft edit changes nothing public")
                .isEqualTo(304);
        content.publish("benefits", benefit.path(), "t");
        HttpResponse<String> changed = server.get(url, "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("Building skills");
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        content.unpublish("benefits", benefit.path(), "t");
        assertThat(server.get(url).body()).doesNotContain("Building skills");
    }

    @Test
    void corsFollowsTheSetting() throws Exception {
        HttpResponse<String> r = server.get(NEWS + "?limit=1", "Origin", "https://www.example.org");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        HttpResponse<String> preflight = server.send("OPTIONS", NEWS, null, "Origin", "https://www.example.org",
                "Access-Control-Request-Method", "GET");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(v ->
                assertThat(v).contains("GET"));
    }

    @Test
    void openApiDocumentIsValidOpenApi3() throws Exception {
        HttpResponse<String> r = server.get("/.rest/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body(), null, null);
        assertThat(parsed.getMessages()).as("OpenAPI validation messages").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys(NEWS, NEWS + "/{path}", NEWS + "/{path}@nodes",
                "/.rest/delivery/members/v1", "/.rest/delivery/benefits/v1", "/.rest/delivery/themegroups/v1");
        assertThat(parsed.getOpenAPI().getComponents().getSchemas().get("DeliveryNewsV1").getProperties())
                .containsKeys("title", "publishDate", "themeGroups", "@id");
    }

    @Test
    void atomFeedsListPublishedNewsPerLanguage() throws Exception {
        for (String lang : List.of("nb", "en")) {
            HttpResponse<String> r = server.get("/.rest/feeds/delivery/news/v1?lang=" + lang);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("application/atom+xml"));
            SyndFeed feed = new SyndFeedInput().build(new StringReader(r.body()));
            assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
            assertThat(r.body()).contains("xml:lang=\"" + lang + "\"");
            List<String> titles = feed.getEntries().stream().map(SyndEntry::getTitle).toList();
            assertThat(titles).hasSize(json(server.get(NEWS + "?limit=100")).path("total").asInt());
            assertThat(r.body()).doesNotContain(DRAFT_WORD);
            assertThat(feed.getEntries()).allSatisfy(e -> {
                assertThat(e.getUri()).startsWith("urn:uuid:");
                assertThat(e.getUpdatedDate()).isNotNull();
            });
            assertThat(titles).contains(lang.equals("en") ? "Twelve new members in three years"
                    : "Tolv nye medlemmer på tre år");
        }
        // a type without the global date property still has a feed (undated entries), not a 404
        assertThat(server.get("/.rest/feeds/delivery/members/v1?lang=nb").statusCode()).isEqualTo(200);
    }
}
