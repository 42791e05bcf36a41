package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.load.LightModuleLoader;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The website's endpoint options of {@code standalone/content-rules.yaml} (intended differences from Magnolia,
 * which ignores that file): a default order for lists without {@code orderBy}, and {@code mgnl:lastModified} on
 * every item without the editors' user names.
 */
class EndpointOptionsIT {

    static TestServer cms;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("endpoint-options-it");
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

    static List<String> paths(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("results").forEach(n -> out.add(n.path("@path").asText()));
        return out;
    }

    @Test
    void aListWithoutOrderByIsInTheEndpointsDefaultOrderAndAnExplicitOrderStillWins() throws Exception {
        JsonNode byDefault = get("/.rest/delivery/news/v1?limit=50");
        assertThat(paths(byDefault)).hasSizeGreaterThan(2)
                .isEqualTo(paths(get("/.rest/delivery/news/v1?limit=50&orderBy=publishDate%20desc")));
        List<OffsetDateTime> dates = new ArrayList<>();
        byDefault.path("results").forEach(n -> dates.add(OffsetDateTime.parse(n.path("publishDate").asText())));
        assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        List<String> reversed = new ArrayList<>(paths(byDefault));
        java.util.Collections.reverse(reversed);
        assertThat(paths(get("/.rest/delivery/news/v1?limit=50&orderBy=publishDate%20asc"))).isEqualTo(reversed);
    }

    @Test
    void itemsCarryTheirLastChangeButNoUserNames() throws Exception {
        for (String endpoint : List.of("news", "members", "themegroups", "benefits")) {
            JsonNode list = get("/.rest/delivery/" + endpoint + "/v1?limit=5");
            assertThat(list.path("results")).isNotEmpty();
            for (JsonNode item : list.path("results")) {
                assertThat(item.path("mgnl:lastModified").asText()).as(endpoint)
                        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2})");
                assertThat(item.has("mgnl:lastModifiedBy") || item.has("mgnl:createdBy")
                        || item.has("mgnl:created")).as(endpoint).isFalse();
            }
        }
        JsonNode member = get("/.rest/delivery/members/v1/asker");
        assertThat(member.has("mgnl:lastModified")).isTrue();
        assertThat(member.path("coordinator").has("mgnl:lastModifiedBy")).isFalse();
    }

    @Test
    void anOrderByAPropertyTheTypeLacksIsADefinitionProblem(@TempDir Path dir) throws Exception {
        Path module = dir.resolve("ordered");
        Files.createDirectories(module.resolve("contentTypes"));
        Files.createDirectories(module.resolve("restEndpoints/delivery"));
        Files.createDirectories(module.resolve("standalone"));
        Files.writeString(module.resolve("contentTypes/note.yaml"),
                "datasource:\n  workspace: notes\nmodel:\n  properties:\n    - name: title\n    - name: day\n      type: Date\n");
        Files.writeString(module.resolve("restEndpoints/delivery/notes_v1.yaml"),
                "$type: jcrDeliveryEndpoint_v2\nworkspace: notes\n");
        Files.writeString(module.resolve("standalone/content-rules.yaml"),
                "endpoints:\n  delivery/notes/v1:\n    defaultOrderBy: dya desc\n    lastModified: true\n");
        DefinitionRegistry registry = new LightModuleLoader().load(List.of(dir));
        assertThat(registry.problems()).extracting(p -> p.key() + ": " + p.message())
                .anySatisfy(m -> assertThat(m).contains("defaultOrderBy").contains("'dya'").contains("day"));
        String path = registry.endpoints().keySet().iterator().next();
        assertThat(registry.endpointOptions(path).defaultOrder()).isEmpty();
        assertThat(registry.endpointOptions(path).lastModified()).isTrue();
    }
}
