package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.validation.ValidationException;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the website needs from the delivery API beyond Magnolia's answers (issue 14, item 4), on the project's
 * module with the demo content: option labels next to the stored codes, per-language slugs, references two
 * levels deep where the endpoint says so, and the cache headers a site forwards.
 */
class SiteApiIT {

    static TestServer cms;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("site-api-it");
        cms = TestServer.start(dir.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES), Map.of());
        new DemoContent(cms.runtime().content()).loadIfEmpty();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cms != null) {
            cms.close();
        }
    }

    static JsonNode get(String path) throws Exception {
        var r = cms.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void optionCodesCarryTheirLabelInTheResponseLanguage() throws Exception {
        JsonNode nb = get("/.rest/delivery/members/v1/asker?lang=nb");
        assertThat(nb.path("memberType").asText()).isEqualTo("kommune");
        assertThat(nb.path("memberType@label").asText()).isEqualTo("Kommune");
        assertThat(nb.path("decidingBody@label").asText()).isEqualTo("Kommunestyret");
        JsonNode en = get("/.rest/delivery/members/v1/asker?lang=en");
        assertThat(en.path("memberType").asText()).as("the stored code stays as it is").isEqualTo("kommune");
        assertThat(en.path("memberType@label").asText()).isEqualTo("Municipality");
        assertThat(en.path("decidingBody@label").asText()).isEqualTo("Municipal council");
        // in lists too, and in referenced nodes (a theme group's members); not for properties without options
        JsonNode groups = get("/.rest/delivery/themegroups/v1?lang=en&limit=20");
        JsonNode group = groups.path("results").get(0);
        assertThat(group.path("audience@label").asText()).isIn("All members", "Municipalities",
                "County municipalities");
        assertThat(group.path("members").get(0).path("memberType@label").asText()).isIn("Municipality",
                "County municipality");
        assertThat(group.has("name@label")).isFalse();
        // lang=all has no one language: codes only
        assertThat(get("/.rest/delivery/members/v1/asker?lang=all").has("memberType@label")).isFalse();
    }

    @Test
    void itemsGetAnEnglishSlugFromTheirEnglishTitleKeptWhenTheTitleChanges() throws Exception {
        JsonNode en = get("/.rest/delivery/news/v1/2024/arskonferansen-2024?lang=en");
        assertThat(en.path("@name").asText()).as("@name stays Magnolia's node name").isEqualTo("arskonferansen-2024");
        String slug = en.path("urlSlug").asText();
        assertThat(slug).isEqualTo("annual-conference-brought-the-whole-network-together");
        // a site finds the item by its slug in the language, within the folder
        JsonNode found = get("/.rest/delivery/news/v1?lang=en&urlSlug_en=" + slug + "&@ancestor=/2024");
        assertThat(found.path("results")).hasSize(1);
        assertThat(found.path("results").get(0).path("@path").asText()).isEqualTo("/2024/arskonferansen-2024");
        assertThat(get("/.rest/delivery/themegroups/v1/planlegging-for-helse?lang=en").path("urlSlug").asText())
                .isEqualTo("health-in-planning");

        // stable: a new English title does not move the page
        ContentService content = cms.runtime().content();
        ContentItem item = content.get("news", "/2024/arskonferansen-2024").orElseThrow();
        content.patch("news", item.path(), Map.of("title_en", "A renamed conference"), item.revision(),
                TestServer.PUBLISHER);
        content.publish("news", item.path(), TestServer.PUBLISHER);
        assertThat(get("/.rest/delivery/news/v1/2024/arskonferansen-2024?lang=en").path("urlSlug").asText())
                .isEqualTo(slug);
    }

    @Test
    void aSlugIsAsciiAndUniqueInItsFolder() throws Exception {
        ContentService content = cms.runtime().content();
        ContentNode twin = ContentNode.builder("tvilling", "sk:newsArticle")
                .property("title", "Tvilling").property("title_en", "Tromsø has joined the network")
                .property("publishDate", OffsetDateTime.now()).build();
        // the same English title as the demo's /2024/tromso-ny-medlem in the same folder: the next free number
        ContentItem sameFolder = content.create("news", "/2024", twin, TestServer.PUBLISHER);
        assertThat(sameFolder.node().text("urlSlug_en")).isEqualTo("tromso-has-joined-the-network-2");
        // in another folder the slug itself is free
        ContentItem other = content.create("news", "/2025", twin, TestServer.PUBLISHER);
        assertThat(other.node().text("urlSlug_en")).isEqualTo("tromso-has-joined-the-network");
        // a slug typed on an existing item is kept as typed: refused when another item of the folder has it
        try {
            content.patch("news", sameFolder.path(), Map.of("urlSlug_en", "tromso-has-joined-the-network"),
                    sameFolder.revision(), TestServer.PUBLISHER);
            throw new AssertionError("a second item with the slug of another in its folder was stored");
        } catch (ValidationException e) {
            assertThat(e.violations()).anySatisfy(v -> {
                assertThat(v.field()).isEqualTo("urlSlug_en");
                assertThat(v.rule()).isEqualTo("slug.unique");
            });
        }
        // and one that is not lower-case ASCII is refused too
        try {
            content.patch("news", other.path(), Map.of("urlSlug_en", "Tromsø ØST"), other.revision(),
                    TestServer.PUBLISHER);
            throw new AssertionError("a slug with spaces and non-ASCII letters was stored");
        } catch (ValidationException e) {
            assertThat(e.violations()).anySatisfy(v -> assertThat(v.rule()).isEqualTo("slug.format"));
        }
        content.delete("news", sameFolder.path(), TestServer.PUBLISHER);
        content.delete("news", other.path(), TestServer.PUBLISHER);
    }

    @Test
    void themeGroupsResolveTheirMembersReferencesTooWithinTheNodeBudget() throws Exception {
        // themegroups_v1 says referenceDepth: 2, so a member inside a theme group has its own references resolved
        // (its logo asset); news_v1 keeps Magnolia's default 1: a member inside an article keeps its stored value
        JsonNode group = get("/.rest/delivery/themegroups/v1/planlegging-for-helse?lang=nb");
        JsonNode member = group.path("members").get(0);
        assertThat(member.path("@name").isTextual()).isTrue();
        assertThat(member.path("memberType").asText()).isNotEmpty();
        assertThat(member.has("members")).isFalse();
    }

    @Test
    void listsAndItemsSendLastModifiedAndETagAndRevalidateByTheETag() throws Exception {
        HttpResponse<String> item = cms.get("/.rest/delivery/news/v1/2024/tromso-ny-medlem?lang=nb");
        String lastModified = item.headers().firstValue("Last-Modified").orElseThrow();
        OffsetDateTime stored = OffsetDateTime.parse(JSON.readTree(item.body()).path("mgnl:lastModified").asText());
        assertThat(ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                .isEqualTo(stored.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(lastModified).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(item.headers().firstValue("ETag")).isPresent();
        assertThat(item.headers().firstValue("Cache-Control")).hasValue("public, max-age=0, must-revalidate");

        HttpResponse<String> list = cms.get("/.rest/delivery/news/v1?lang=nb&limit=50");
        ZonedDateTime listChanged = ZonedDateTime.parse(list.headers().firstValue("Last-Modified").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME);
        for (JsonNode n : JSON.readTree(list.body()).path("results")) {
            assertThat(OffsetDateTime.parse(n.path("mgnl:lastModified").asText()).toInstant())
                    .as("the list's Last-Modified is its newest item's").isBefore(listChanged.toInstant()
                            .plusSeconds(1));
        }
        HttpResponse<String> again = cms.get("/.rest/delivery/news/v1?lang=nb&limit=50", "If-None-Match",
                list.headers().firstValue("ETag").orElseThrow());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().firstValue("Last-Modified")).isEqualTo(list.headers().firstValue("Last-Modified"));
        // If-Modified-Since alone never gets 304: a list can lose an item without any of its nodes changing
        assertThat(cms.get("/.rest/delivery/news/v1?lang=nb&limit=50", "If-Modified-Since",
                list.headers().firstValue("Last-Modified").orElseThrow()).statusCode()).isEqualTo(200);
    }
}
