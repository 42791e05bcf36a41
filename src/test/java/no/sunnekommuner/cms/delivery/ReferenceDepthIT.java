package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Magnolia's endpoint key {@code referenceDepth} (issue 14: references two levels deep where the endpoint says
 * so): with 2, the nodes a reference resolves to have their own references resolved by the same endpoint's
 * {@code references}; a reference back to a node being rendered (a cycle) stays its identifier
 * ({@code referenceRepeat: false}, Magnolia's default); every node read counts against {@code rest.maxRenderedNodes}.
 * The endpoint with the default (1) answers as before. A module of its own: people who name their friends.
 */
class ReferenceDepthIT {

    static TestServer cms;
    static final ObjectMapper JSON = new ObjectMapper();
    static final int BUDGET = 5;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("reference-depth-it");
        Path module = dir.resolve("modules/people");
        Files.createDirectories(module.resolve("contentTypes"));
        Files.createDirectories(module.resolve("restEndpoints/delivery"));
        Files.writeString(module.resolve("contentTypes/person.yaml"), """
                datasource:
                  workspace: people
                  namespaces:
                    pp: https://example.org/people
                  autoCreate: true
                model:
                  nodeType: pp:person
                  properties:
                    - name: name
                    - name: friends
                      type: reference:person
                      multiple: true
                """);
        String references = """
                references:
                  - name: friends
                    propertyName: friends
                    referenceResolver:
                      $type: jcrReferenceResolver
                      targetWorkspace: people
                      depthInReferencedNode: 0
                """;
        Files.writeString(module.resolve("restEndpoints/delivery/people_v1.yaml"), """
                $type: jcrDeliveryEndpoint_v2
                workspace: people
                nodeTypes: [pp:person]
                referenceDepth: 2
                """ + references);
        Files.writeString(module.resolve("restEndpoints/delivery/flat_v1.yaml"), """
                $type: jcrDeliveryEndpoint_v2
                workspace: people
                nodeTypes: [pp:person]
                """ + references);
        cms = TestServer.start(dir.resolve("data"), List.of(dir.resolve("modules")),
                Map.of("rest.maxRenderedNodes", String.valueOf(BUDGET)));
        // a chain d -> e -> f, a cycle g <-> h, and a triangle a, b, c each naming the other two
        for (String name : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
            create(name);
        }
        friends("d", "e");
        friends("e", "f");
        friends("g", "h");
        friends("h", "g");
        friends("a", "b", "c");
        friends("b", "a", "c");
        friends("c", "a", "b");
        for (String name : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
            cms.runtime().content().publish("people", "/" + name, TestServer.PUBLISHER);
        }
    }

    static void create(String name) {
        cms.runtime().content().create("people", "/", ContentNode.builder(name, "pp:person")
                .property("name", name.toUpperCase()).build(), TestServer.PUBLISHER);
    }

    static void friends(String name, String... others) {
        ContentService content = cms.runtime().content();
        ImmutableList<String> ids = java.util.Arrays.stream(others)
                .map(o -> content.get("people", "/" + o).orElseThrow().id()).collect(ImmutableList.toImmutableList());
        ContentItem item = content.get("people", "/" + name).orElseThrow();
        content.patch("people", "/" + name, Map.of("friends", ids), item.revision(), TestServer.PUBLISHER);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cms != null) {
            cms.close();
        }
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = cms.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void twoLevelsResolveTheReferencesOfTheReferencedNodesAndNoFurther() throws Exception {
        JsonNode deep = get("/.rest/delivery/people/v1/d");
        JsonNode e = deep.path("friends").get(0);
        assertThat(e.path("@name").asText()).isEqualTo("e");
        JsonNode f = e.path("friends").get(0);
        assertThat(f.path("@name").asText()).as("the second level is resolved").isEqualTo("f");
        assertThat(f.has("friends")).isFalse();

        JsonNode flat = get("/.rest/delivery/flat/v1/d");
        assertThat(flat.path("friends").get(0).path("@name").asText()).isEqualTo("e");
        assertThat(flat.path("friends").get(0).path("friends").get(0).isTextual())
                .as("Magnolia's default referenceDepth 1: the second level stays the identifier").isTrue();
        assertThat(flat.path("friends").get(0).path("friends").get(0).asText())
                .isEqualTo(cms.runtime().content().get("people", "/f").orElseThrow().id());
    }

    @Test
    void aReferenceBackToANodeBeingRenderedStaysItsIdentifier() throws Exception {
        JsonNode g = get("/.rest/delivery/people/v1/g");
        JsonNode h = g.path("friends").get(0);
        assertThat(h.path("@name").asText()).isEqualTo("h");
        assertThat(h.path("friends").get(0).isTextual()).isTrue();
        assertThat(h.path("friends").get(0).asText()).isEqualTo(g.path("@id").asText());
    }

    @Test
    void theSecondLevelCountsAgainstTheNodeBudgetAndIsRefusedWholeBeyondIt() throws Exception {
        // a, b, c name each other: one level reads 3 nodes, two levels 7, more than the budget of 5
        assertThat(get("/.rest/delivery/flat/v1/a").path("friends")).hasSize(2);
        HttpResponse<String> refused = cms.get("/.rest/delivery/people/v1/a");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("tooManyNodes");
    }
}
