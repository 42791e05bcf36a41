package no.sunnekommuner.cms.definition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.validation.ValidationException;
import no.sunnekommuner.cms.content.validation.Violation;
import no.sunnekommuner.cms.definition.load.LightModuleLoader;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The content type a newcomer writes ({@code src/test/resources/light-modules/newcomer}, YAML only) behaves as its
 * YAML says on save and in delivery: the registry resolves a field of every type, a regexp on a Long refuses 99
 * with the YAML's message, e-mail and web-address rules apply to fields whose names say nothing, a field named
 * {@code downloadUrl} gets no rule of its own, the feed is ordered by {@code startDate}.
 */
class NewcomerModuleIT {

    static final Path MODULES = TestRuntimes.TEST_LIGHT_MODULES;
    static final String USER = "t";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Path.of("target/it-data/newcomer-" + System.nanoTime()),
                List.of(TestRuntimes.LIGHT_MODULES, MODULES), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static ContentNode.Builder workshop(String name) {
        return ContentNode.builder(name, "ws:workshop").property("name", name);
    }

    static List<String> rules(Runnable r) {
        try {
            r.run();
        } catch (ValidationException e) {
            return e.violations().stream().map(v -> v.field() + ":" + v.rule()).toList();
        }
        return List.of();
    }

    @Test
    void everyRegistryTypeIsResolvedWithoutProblems() {
        DefinitionRegistry registry = new LightModuleLoader().load(List.of(TestRuntimes.LIGHT_MODULES, MODULES));
        assertThat(registry.problems()).isEmpty();
        AppDefinition app = registry.app("workshops-app").orElseThrow();
        assertThat(app.fields().values().stream().map(FieldDefinition::fieldType).distinct())
                .containsExactlyInAnyOrder(FieldType.values());
        assertThat(app.field("abstract").orElseThrow().rows()).isEqualTo(5);
        assertThat(app.field("abstract").orElseThrow().maxLength()).isEqualTo(400);
        assertThat(app.field("startDate").orElseThrow().time()).isTrue();
        assertThat(app.roles()).containsExactly("publisher");
        assertThat(registry.feed("delivery/workshops").dateProperty()).isEqualTo("startDate");
        assertThat(registry.contentType("workshop").orElseThrow().rules()).extracting(RuleBinding::rule)
                .containsExactly("unique");
    }

    @Test
    void onSaveTheYamlValidatorsApplyWhateverThePropertyIsCalled() {
        ContentService content = server.runtime().content();
        ValidationException refused = null;
        try {
            content.create("workshops", "/", workshop("small").property("seats", 99L).property("reachUs", "nobody")
                    .property("moreInfo", "www.example.org").property("downloadUrl", "see the programme")
                    .child(ContentNode.builder("host", "ws:host").property("contact", "no-address").build())
                    .build(), USER);
        } catch (ValidationException e) {
            refused = e;
        }
        assertThat(refused).isNotNull();
        assertThat(refused.violations()).extracting(v -> v.field() + ":" + v.rule()).containsExactlyInAnyOrder(
                "seats:regexpValidator", "reachUs:emailValidator", "moreInfo:regexpValidator",
                "host.contact:emailValidator");
        Violation seats = refused.violations().stream().filter(v -> v.field().equals("seats")).findFirst()
                .orElseThrow();
        assertThat(seats.messageKey()).isEqualTo("workshops-app.seats.validation");
        assertThat(server.runtime().definitions().message("en", seats.messageKey()))
                .hasValue("A workshop has at least 100 seats");

        assertThat(rules(() -> content.create("workshops", "/", workshop("big").property("seats", 150L)
                .property("reachUs", "kurs@example.org").property("moreInfo", "https://example.org/kurs")
                .property("downloadUrl", "see the programme").build(), USER))).isEmpty();
        // the unique rule bound in standalone/content-rules.yaml
        assertThat(rules(() -> content.create("workshops", "/", workshop("twin").property("reachUs",
                "kurs@example.org").build(), USER))).containsExactly("reachUs:unique");
    }

    @Test
    void deliveryAndTheFeedFollowTheYaml() throws Exception {
        ContentService content = server.runtime().content();
        content.create("workshops", "/", workshop("late").property("abstract", "Late one")
                .property("startDate", OffsetDateTime.parse("2027-03-01T10:00:00+01:00")).build(), USER);
        content.create("workshops", "/", workshop("early").property("abstract", "Early one")
                .property("startDate", OffsetDateTime.parse("2026-01-10T10:00:00+01:00")).build(), USER);
        content.create("workshops", "/", workshop("middle").property("abstract", "Middle one")
                .property("startDate", OffsetDateTime.parse("2026-06-10T10:00:00+02:00")).build(), USER);
        for (String name : List.of("late", "early", "middle")) {
            content.publish("workshops", "/" + name, USER);
        }
        JsonNode list = JSON.readTree(server.get("/.rest/delivery/workshops?orderBy=startDate").body());
        assertThat(list.path("results").findValuesAsText("@name")).containsSubsequence("early", "middle", "late");

        var r = server.get("/.rest/feeds/delivery/workshops?lang=en");
        assertThat(r.statusCode()).isEqualTo(200);
        List<SyndEntry> entries = new SyndFeedInput().build(new StringReader(r.body())).getEntries();
        // newest start first, the summary from the endpoint's summaryProperty
        assertThat(entries).extracting(SyndEntry::getTitle).containsSubsequence("late", "middle", "early");
        assertThat(r.body()).contains("Late one");
    }
}
