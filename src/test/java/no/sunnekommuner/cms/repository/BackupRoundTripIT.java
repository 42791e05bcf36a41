package no.sunnekommuner.cms.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableSet;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.jcr.Binary;
import javax.jcr.Node;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import no.sunnekommuner.cms.content.bootstrap.SystemViewImporter;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.RepositorySnapshot;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore: every workspace (drafts, published, versions, users) of the demo content is exported as
 * system view XML and imported into an empty repository; every node and property (types, values, identifiers,
 * binaries, child order) is equal afterwards. An exported content file is in Magnolia's bootstrap format. (The
 * golden content's round trip is in GoldenConformanceIT, which seeds it already.)
 */
class BackupRoundTripIT {

    @TempDir
    Path temp;

    @Test
    void demoContentRoundTripKeepsEveryNodeAndProperty() throws Exception {
        Path export = temp.resolve("export");
        Map<String, String> before;
        try (CmsRuntime runtime = TestRuntimes.start(temp.resolve("source"), List.of(TestRuntimes.LIGHT_MODULES))) {
            runtime.users().create(TestServer.EDITOR, "Redaktør", TestServer.PASSWORD.toCharArray(),
                    ImmutableSet.of(Role.EDITOR), "nb");
            new DemoContent(runtime.content()).loadIfEmpty();
            // a binary larger than the data store's inline limit (stored as a data store record)
            byte[] bytes = new byte[50_000];
            new java.util.Random(7).nextBytes(bytes);
            runtime.repository().withSession("default", s -> {
                Node holder = s.getRootNode().addNode("binaries", "nt:unstructured");
                Binary binary = s.getValueFactory().createBinary(new java.io.ByteArrayInputStream(bytes));
                holder.setProperty("data", binary);
                s.save();
                return null;
            });
            before = RepositorySnapshot.of(runtime.repository());
            RepositoryBackup.Summary summary = new RepositoryBackup(runtime.repository()).export(export);
            assertThat(summary.nodes()).isGreaterThan(50);
        }
        assertThat(before.keySet()).anyMatch(k -> k.startsWith("cms-versions:/news/"));
        assertThat(before.keySet()).anyMatch(k -> k.startsWith("news-published:/"));
        assertThat(before.keySet()).anyMatch(k -> k.startsWith("users:/"));
        assertThat(Files.readString(export.resolve(RepositoryBackup.MANIFEST))).contains("\"news-published\"");

        // Magnolia's bootstrap format: one sv:node per file, named <workspace>.<node>.xml, identifiers as jcr:uuid
        Path newsFile = export.resolve("news/news.2024.xml");
        assertThat(newsFile).exists();
        String xml = Files.readString(newsFile, StandardCharsets.UTF_8);
        assertThat(xml).contains("<sv:node ").contains("sv:name=\"2024\"")
                .contains("xmlns:sv=\"http://www.jcp.org/jcr/sv/1.0\"")
                .contains("<sv:property sv:name=\"jcr:primaryType\" sv:type=\"Name\"><sv:value>mgnl:folder</sv:value>")
                .contains("<sv:property sv:name=\"jcr:uuid\" sv:type=\"String\">");

        Path target = temp.resolve("target");
        try (CmsRuntime restored = TestRuntimes.start(target, List.of(TestRuntimes.LIGHT_MODULES))) {
            new RepositoryBackup(restored.repository()).importFrom(export);
            RepositorySnapshot.assertSame(RepositorySnapshot.of(restored.repository()), before);
            // the restored content serves: users sign in, published items are public, versions are listed
            assertThat(restored.users().verify(TestServer.EDITOR, TestServer.PASSWORD.toCharArray()))
                    .isPresent();
            assertThat(restored.content().getPublished("news", "/2024/arskonferansen-2024")).isPresent();
            assertThat(restored.content().versions("news", "/2024/arskonferansen-2024")).isNotEmpty();
            // a second import is refused: it restores into empty workspaces only
            assertThatThrownBy(() -> new RepositoryBackup(restored.repository()).importFrom(export))
                    .hasMessageContaining("not empty");
        }

        // the exported file loads in the Magnolia bootstrap importer of the nodes API (system view, uuids kept)
        try (CmsRuntime other = TestRuntimes.start(temp.resolve("other"), List.of(TestRuntimes.LIGHT_MODULES));
                InputStream in = Files.newInputStream(newsFile)) {
            new SystemViewImporter(other.content(), no.sunnekommuner.cms.content.bootstrap.ImportLimits.DEFAULTS).importXml("news", "/", in, "import");
            assertThat(other.content().get("news", "/2024/arskonferansen-2024")).isPresent();
        }
    }


}
