package no.sunnekommuner.cms.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.spi.NodeReads;
import no.sunnekommuner.cms.content.spi.StoredNode;
import no.sunnekommuner.cms.content.validation.ValidationMode;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes read by identifier (reference targets) are kept across responses until content changes: a later response
 * gets the same node without reading it again, and after any write, in any workspace, reads it afresh.
 */
class ReferencedNodesIT {

    @TempDir
    Path data;

    @Test
    void aReferencedNodeIsKeptUntilContentChanges() throws Exception {
        try (CmsRuntime runtime = TestRuntimes.start(data)) {
            ContentService content = runtime.content();
            String id = content.create("members", "/", ContentNode.builder("solvik", "sk:member")
                    .property("name", "Solvik kommune").property("memberType", "kommune").property("number", "4640")
                    .build(), "setup").id();
            content.publish("members", "/solvik", "setup");
            JcrNodeReader reader = new JcrNodeReader(runtime.repository(), ZoneOffset.UTC);

            StoredNode first = byId(reader, id);
            assertThat(name(first)).isEqualTo("Solvik kommune");
            assertThat(byId(reader, id)).as("kept for the next response").isSameAs(first);

            content.patch("members", "/solvik", Map.of("name", "Solvik kommune (ny)"), -1, "setup");
            content.publish("members", "/solvik", "setup");
            StoredNode changed = byId(reader, id);
            assertThat(changed).isNotSameAs(first);
            assertThat(name(changed)).isEqualTo("Solvik kommune (ny)");

            // a write elsewhere empties it too (one generation for all workspaces, as the hit lists)
            content.create("news", "/", ContentNode.builder("sak", "sk:newsArticle").property("title", "Sak")
                    .property("publishDate", java.time.OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build(),
                    "setup", ValidationMode.IMPORT);
            assertThat(byId(reader, id)).isNotSameAs(changed).isEqualTo(changed);

            content.delete("members", "/solvik", "setup");
            try (NodeReads reads = reader.open(100)) {
                assertThat(reads.nodeById("members-published", id)).as("gone with its item").isEmpty();
            }
        }
    }

    private static StoredNode byId(JcrNodeReader reader, String id) {
        try (NodeReads reads = reader.open(100)) {
            return reads.nodeById("members-published", id).orElseThrow();
        }
    }

    private static String name(StoredNode node) {
        return node.properties().stream().filter(p -> p.name().equals("name")).findFirst().orElseThrow().value();
    }
}
