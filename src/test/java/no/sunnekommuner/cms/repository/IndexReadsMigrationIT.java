package no.sunnekommuner.cms.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workspaces created before parallel index reads keep their copied configuration: the next start gives them
 * {@code useSimpleFSDirectory=false} (Lucene's SimpleFSDirectory serialises concurrent reads of a file), and they
 * still answer queries.
 */
class IndexReadsMigrationIT {

    @TempDir
    Path home;

    @Test
    void anOldWorkspaceConfigurationGetsParallelIndexReadsAtTheNextStart() throws Exception {
        try (JcrRepository repository = JcrRepository.start(home)) {
            repository.ensureWorkspace("news");
        }
        Path workspace = home.resolve("workspaces/news/workspace.xml");
        Path template = home.resolve("repository.xml");
        for (Path file : new Path[] {workspace, template}) {
            String xml = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(xml).contains("useSimpleFSDirectory");
            Files.writeString(file, xml.replaceAll("<param name=\"useSimpleFSDirectory\" value=\"false\"\\s*/>", ""),
                    StandardCharsets.UTF_8);
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain("useSimpleFSDirectory");
        }

        try (JcrRepository repository = JcrRepository.start(home)) {
            for (Path file : new Path[] {workspace, template}) {
                assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
                        .containsOnlyOnce("<param name=\"useSimpleFSDirectory\" value=\"false\"/>");
            }
            boolean answered = repository.withSession("news", s -> s.getWorkspace().getQueryManager()
                    .createQuery("//element(*, nt:base)", javax.jcr.query.Query.XPATH).execute().getNodes().hasNext());
            assertThat(answered).isTrue();
        }
        try (JcrRepository again = JcrRepository.start(home)) {
            assertThat(Files.readString(workspace, StandardCharsets.UTF_8))
                    .containsOnlyOnce("useSimpleFSDirectory");
        }
    }

    @Test
    void anOldEmbeddedWorkspaceGetsASmallBundleCacheAtTheNextStart() throws Exception {
        try (JcrRepository repository = JcrRepository.start(home)) {
            repository.ensureWorkspace("news");
        }
        Path workspace = home.resolve("workspaces/news/workspace.xml");
        Path template = home.resolve("repository.xml");
        String smallCache = "<param name=\"bundleCacheSize\" value=\"1\"/>";
        for (Path file : new Path[] {workspace, template}) {
            String xml = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(xml).containsOnlyOnce(smallCache);
            Files.writeString(file, xml.replace(smallCache, ""), StandardCharsets.UTF_8);
        }

        try (JcrRepository repository = JcrRepository.start(home)) {
            assertThat(Files.readString(workspace, StandardCharsets.UTF_8)).containsOnlyOnce(smallCache);
            // the template's workspace part only: the version store keeps Jackrabbit's default
            String xml = Files.readString(template, StandardCharsets.UTF_8);
            assertThat(xml).containsOnlyOnce(smallCache);
            assertThat(xml.indexOf(smallCache)).isLessThan(xml.indexOf("<Versioning"));
            boolean answered = repository.withSession("news", s -> s.getRootNode() != null);
            assertThat(answered).isTrue();
        }
    }
}
