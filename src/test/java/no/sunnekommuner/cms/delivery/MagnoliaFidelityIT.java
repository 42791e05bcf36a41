package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableSet;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own cases for the areas where an independent replay of Magnolia 6.2 recordings found mismatches (issue 9,
 * item 9), on the recorded module ({@code magnolia-golden/golden}) with content of our own: Double filters with
 * integer literals, double-quoted String values, references under {@code lang=all}, the {@code version} read
 * parameter.
 */
class MagnoliaFidelityIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String ARTICLES = "/.rest/delivery/articles";
    static final String V2 = "/.rest/delivery/articles/v2";
    static final String PREVIEW_V2 = "/.rest/preview/articles/v2";
    static final String ADMIN = "fidelity-admin";
    static final String PASSWORD = "fidelity-admin-passord";

    @TempDir
    static Path temp;
    static TestServer server;
    static ContentService content;
    static String topicId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(temp.resolve("repo"), List.of(GoldenConformanceIT.GOLDEN), Map.of());
        server.runtime().users().create(ADMIN, "Admin", PASSWORD.toCharArray(),
                ImmutableSet.of(Role.ADMIN, Role.PUBLISHER, Role.EDITOR), "nb");
        content = server.runtime().content();
        topicId = content.create("topics", "/", ContentNode.builder("helse", "gold:topic")
                .property("name", "Helse").property("name_en", "Health").build(), "t").id();
        content.publish("topics", "/helse", "t");
        // the filter cases live in a folder of their own: other tests add articles
        content.create("articles", "/", ContentNode.builder("liste", "mgnl:folder").build(), "t");
        article("fire", "Foo bar", 4.5, 5L).id();
        article("tre", "Tre", 3.0, 3L);
        article("lav", "Lav", 0.25, 1L);
        article("bitte", "Bitte liten", 1.0E-7, 2L);
    }

    static ContentItem article(String name, String title, double score, long priority) {
        ContentItem item = content.create("articles", "/liste", ContentNode.builder(name, "gold:article")
                .property("title", title).property("title_en", title + " (en)").property("score", score)
                .property("priority", priority).property("topic", topicId)
                .child(ContentNode.builder("contact", "gold:contactPoint").property("person", "Kari " + name).build())
                .build(), "t");
        content.publish("articles", "/liste/" + name, "t");
        return item;
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

    static List<String> names(String query) throws Exception {
        HttpResponse<String> r = server.get(ARTICLES + "?" + query + "&@ancestor=/liste&limit=20&orderBy=score");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        json(r).path("results").forEach(n -> out.add(n.path("@name").asText()));
        return out;
    }

    @Test
    void doubleFiltersCompareNumbersAlsoWithIntegerLiterals() throws Exception {
        // Jackrabbit compared an integer literal with the Double's index terms as text: score[lt]=1 found nothing
        assertThat(names("score%5Blt%5D=1")).containsExactly("bitte", "lav");
        assertThat(names("score%5Bgt%5D=4")).containsExactly("fire");
        assertThat(names("score%5Bgte%5D=3")).containsExactly("tre", "fire");
        assertThat(names("score=3")).containsExactly("tre");
        assertThat(names("score%5Bin%5D=1~4")).containsExactly("tre");
        assertThat(names("score%5Blt%5D=1")).isEqualTo(names("score%5Blt%5D=1.0"));
        assertThat(names("score%5Bgt%5D=-1")).hasSize(4);
        assertThat(names("score%5Blt%5D=1e0")).containsExactly("bitte", "lav");
        // not a number: no match and no error, as Magnolia's
        assertThat(names("score%5Blt%5D=eins")).isEmpty();
    }

    @Test
    void doubleQuotedStringValueMatchesTheTextInsideTheQuotes() throws Exception {
        assertThat(names("title=%22Foo%20bar%22")).containsExactly("fire");
        assertThat(names("title=Foo%20bar")).containsExactly("fire");
        assertThat(names("title%5Blike%5D=%22Foo%25%22")).containsExactly("fire");
        assertThat(names("title%5Bne%5D=%22Foo%20bar%22")).containsExactly("bitte", "lav", "tre");
        // a quote inside a value, or only on one side, is part of the value
        assertThat(names("title=%22Foo%20bar")).isEmpty();
        assertThat(names("title=Foo%22%20bar%22")).isEmpty();
        // numbers in quotes are no numbers (FINDINGS §5: priority="5" finds nothing)
        assertThat(names("priority=%225%22")).isEmpty();
        assertThat(names("priority=5")).containsExactly("fire");
    }

    @Test
    void referencesAreResolvedUnderLangAllWithStoredNames() throws Exception {
        JsonNode all = json(server.get(V2 + "/liste/fire?lang=all"));
        JsonNode topic = all.path("topic");
        assertThat(topic.isObject()).as(all.toString()).isTrue();
        assertThat(topic.path("@path").asText()).isEqualTo("/helse");
        assertThat(topic.path("@id").asText()).isEqualTo(topicId);
        // lang=all shows stored names in the referenced node too
        assertThat(topic.path("name").asText()).isEqualTo("Helse");
        assertThat(topic.path("name_en").asText()).isEqualTo("Health");
        assertThat(all.path("title_en").asText()).isEqualTo("Foo bar (en)");
        // as for one language, where the referenced node is localised
        JsonNode en = json(server.get(V2 + "/liste/fire?lang=en"));
        assertThat(en.path("topic").path("name").asText()).isEqualTo("Health");
        assertThat(en.path("topic").has("name_en")).isFalse();
        // queries too
        JsonNode query = json(server.get(V2 + "?lang=all&@name=fire"));
        assertThat(query.path("results").get(0).path("topic").path("@id").asText()).isEqualTo(topicId);
    }

    @Test
    void versionParameterServesThatVersionOnPreviewAndIsRefusedOnPublicEndpoints() throws Exception {
        String auth = TestServer.basic(ADMIN, PASSWORD);
        ContentItem v = content.create("articles", "/", ContentNode.builder("versjonert", "gold:article")
                .property("title", "Første tittel").property("score", 1.5)
                .child(ContentNode.builder("contact", "gold:contactPoint").property("person", "Ola").build())
                .build(), "t");
        content.publish("articles", "/versjonert", "t");
        ContentItem edited = content.get("articles", "/versjonert").orElseThrow();
        content.patch("articles", "/versjonert", Map.of("title", "Andre tittel"), edited.revision(), "t");
        content.publish("articles", "/versjonert", "t");
        edited = content.get("articles", "/versjonert").orElseThrow();
        content.patch("articles", "/versjonert", Map.of("title", "Utkast tittel"), edited.revision(), "t");
        // every save makes a version too: the two publishes' versions, in the order they were made
        List<String> published = content.versions("articles", "/versjonert").stream()
                .filter(x -> x.action() == no.sunnekommuner.cms.content.model.VersionInfo.Action.PUBLISHED)
                .map(no.sunnekommuner.cms.content.model.VersionInfo::name)
                .sorted(java.util.Comparator.comparingInt(n -> Integer.parseInt(n.substring(n.indexOf('.') + 1))))
                .toList();
        assertThat(published).hasSize(2);

        JsonNode first = json(server.get(PREVIEW_V2 + "/versjonert?version=" + published.get(0), "Authorization",
                auth));
        assertThat(first.path("title").asText()).as(first.toString()).isEqualTo("Første tittel");
        assertThat(first.path("@path").asText()).isEqualTo("/versjonert");
        assertThat(first.path("@id").asText()).isEqualTo(v.id());
        assertThat(first.path("@nodeType").asText()).isEqualTo("gold:article");
        assertThat(first.path("@name").asText()).isEqualTo("versjonert");
        // the sub-model node of that version, with its item's path, as a read renders it (depth 1)
        assertThat(first.path("contact").path("@path").asText()).isEqualTo("/versjonert/contact");
        assertThat(first.path("contact").path("@nodeType").asText()).isEqualTo("gold:contactPoint");
        assertThat(first.path("contact").path("person").asText()).isEqualTo("Ola");
        assertThat(first.toString()).doesNotContain("cms:", "cms-versions");

        JsonNode second = json(server.get(PREVIEW_V2 + "/versjonert?version=" + published.get(1), "Authorization",
                auth));
        assertThat(second.path("title").asText()).isEqualTo("Andre tittel");
        JsonNode draft = json(server.get(PREVIEW_V2 + "/versjonert", "Authorization", auth));
        assertThat(draft.path("title").asText()).isEqualTo("Utkast tittel");

        HttpResponse<String> missing = server.get(PREVIEW_V2 + "/versjonert?version=1.97", "Authorization", auth);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("error").path("code").asText()).isEqualTo("versionNotFound");
        HttpResponse<String> malformed = server.get(PREVIEW_V2 + "/versjonert?version=..%2F..%2Fx", "Authorization",
                auth);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("error").path("message").asText()).contains("1.0");
        assertThat(server.get("/.rest/preview/articles/versjonert?version=1.0").statusCode()).as("anonymous")
                .isEqualTo(401);

        // public delivery: the published state only, never the history (content taken off stays off)
        HttpResponse<String> publicRead = server.get(V2 + "/versjonert?version=1.0");
        assertThat(publicRead.statusCode()).isEqualTo(400);
        assertThat(json(publicRead).path("error").path("code").asText()).isEqualTo("badRequest");
        assertThat(json(publicRead).path("error").path("message").asText()).contains("preview");
        assertThat(publicRead.body()).doesNotContain("Første tittel");
        assertThat(json(server.get(V2 + "/versjonert")).path("title").asText()).isEqualTo("Andre tittel");
    }
}
