package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One response reads at most {@code rest.maxRenderedNodes} nodes (here 20), whatever the depth or the page size:
 * beyond, it is refused whole with 400 {@code tooManyNodes} and Magnolia's error body, never cut short; within,
 * nothing changes. 30 published benefits, each with one sub-model child.
 */
class NodeBudgetIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final int ITEMS = 30;

    @TempDir
    static Path temp;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(temp.resolve("data"), List.of(TestRuntimes.LIGHT_MODULES),
                Map.of("rest.maxRenderedNodes", "20"));
        for (int i = 0; i < ITEMS; i++) {
            String name = "budsjett-" + i;
            server.runtime().content().create("benefits", "/", ContentNode.builder(name, "sk:benefit")
                    .property("title", "Fordel " + i).build(), "setup");
            server.runtime().content().publish("benefits", "/" + name, "setup");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String auth() {
        return TestServer.basic(TestServer.PUBLISHER, TestServer.PASSWORD);
    }

    private static void assertTooManyNodes(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = MAPPER.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("tooManyNodes");
        assertThat(error.path("message").asText()).contains("more than 20 nodes").contains("rest.maxRenderedNodes");
    }

    @Test
    void aQueryPageOverTheBudgetIsRefusedWholeAndASmallerPageIsServedWithTheRealTotal() throws Exception {
        assertTooManyNodes(server.get("/.rest/delivery/benefits/v1?limit=25"));
        HttpResponse<String> page = server.get("/.rest/delivery/benefits/v1?limit=5&offset=5");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode body = MAPPER.readTree(page.body());
        assertThat(body.path("results")).hasSize(5);
        // a full page: the total is counted, not Jackrabbit's size that stops at the limit
        assertThat(body.path("total").asLong()).isEqualTo(ITEMS);
    }

    @Test
    void childrenOfAFolderOverTheBudgetAreRefused() throws Exception {
        assertTooManyNodes(server.get("/.rest/delivery/benefits/v1/@nodes"));
        assertThat(server.get("/.rest/delivery/benefits/v1/budsjett-3").statusCode()).isEqualTo(200);
    }

    @Test
    void aDeepNodesApiReadOverTheBudgetIsRefusedAndAShallowOneServed() throws Exception {
        assertTooManyNodes(server.get("/.rest/nodes/v1/benefits/?depth=99", "Authorization", auth()));
        HttpResponse<String> shallow = server.get("/.rest/nodes/v1/benefits/?depth=0", "Authorization", auth());
        assertThat(shallow.statusCode()).as(shallow.body()).isEqualTo(200);
        assertThat(MAPPER.readTree(shallow.body()).path("path").asText()).isEqualTo("/");
    }
}
