package no.sunnekommuner.cms.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.validation.ValidationMode;
import no.sunnekommuner.cms.definition.NodeTypeNames;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New articles of a full folder are filed into year/month folders (issue 13: a flat folder of 100,000 items made
 * every new item slower), on a real repository with the project's module, its {@code dateFolders} lowered from
 * 1,000 to 3 so a test can fill a folder.
 */
class DateFoldersIT {

    private static final Actor EDITOR = Actor.of("redaktor", List.of("editor"));
    @TempDir
    static Path dir;
    static CmsRuntime runtime;
    static ContentService content;

    @BeforeAll
    static void start() throws Exception {
        Path modules = dir.resolve("light-modules");
        Path source = TestRuntimes.LIGHT_MODULES;
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = modules.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path rules = modules.resolve("sunne-kommuner/standalone/content-rules.yaml");
        String yaml = Files.readString(rules);
        assertThat(yaml).contains("maxItems: 1000");
        Files.writeString(rules, yaml.replace("maxItems: 1000", "maxItems: 3"));
        runtime = TestRuntimes.start(dir.resolve("repo"), List.of(modules));
        content = runtime.content();
        assertThat(runtime.definitions().problems()).isEmpty();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static ContentNode article(String name, OffsetDateTime date) {
        return ContentNode.builder(name, "sk:newsArticle").property("title", "Sak " + name)
                .property("publishDate", date).build();
    }

    private static OffsetDateTime day(int year, int month, int day) {
        return OffsetDateTime.of(year, month, day, 9, 30, 0, 0, ZoneOffset.ofHours(1));
    }

    @Test
    void aFullFolderFilesNewArticlesByYearAndMonthAndKeepsTheOldOnesWhereTheyAre() {
        content.create("news", "/", ContentNode.builder("arkiv", NodeTypeNames.FOLDER).build(), EDITOR);
        for (int i = 1; i <= 3; i++) {
            assertThat(content.createFiled("news", "/arkiv", article("sak-" + i, day(2024, 5, i)), EDITOR,
                    ValidationMode.STRICT).path()).isEqualTo("/arkiv/sak-" + i);
        }
        ContentItem may = content.createFiled("news", "/arkiv", article("mai-sak", day(2024, 5, 17)), EDITOR,
                ValidationMode.STRICT);
        assertThat(may.path()).isEqualTo("/arkiv/2024/05/mai-sak");
        assertThat(content.get("news", "/arkiv/2024").orElseThrow().node().nodeType()).isEqualTo(NodeTypeNames.FOLDER);
        assertThat(content.get("news", "/arkiv/2024/05").orElseThrow().node().nodeType()).isEqualTo(NodeTypeNames.FOLDER);
        // the next one of the same month joins it; another month gets its own folder in the same year
        assertThat(content.createFiled("news", "/arkiv", article("mai-sak-2", day(2024, 5, 30)), EDITOR,
                ValidationMode.STRICT).path()).isEqualTo("/arkiv/2024/05/mai-sak-2");
        assertThat(content.createFiled("news", "/arkiv", article("nov-sak", day(2023, 11, 2)), EDITOR,
                ValidationMode.STRICT).path()).isEqualTo("/arkiv/2023/11/nov-sak");
        // the articles made before the folder was full stay where they are
        assertThat(content.get("news", "/arkiv/sak-2")).isPresent();
        // an exact create (the nodes API, imports) writes where it is told
        assertThat(content.create("news", "/arkiv", article("eksakt", day(2024, 5, 3)), EDITOR).path())
                .isEqualTo("/arkiv/eksakt");
        // the same name in the same month is refused as in any folder, and nothing else is written
        assertThatThrownBy(() -> content.createFiled("news", "/arkiv", article("mai-sak", day(2024, 5, 1)), EDITOR,
                ValidationMode.STRICT)).isInstanceOf(ContentExistsException.class);
        assertThat(content.children("news", "/arkiv/2024")).extracting(ContentItem::name).containsExactly("05");
    }

    @Test
    void aFiledArticleIsPublishedAndListedLikeAnyOther() {
        content.create("news", "/", ContentNode.builder("mappe-1", NodeTypeNames.FOLDER).build(), EDITOR);
        // the folder is full of folders: a new article still goes into its month
        content.create("news", "/mappe-1", ContentNode.builder("a", NodeTypeNames.FOLDER).build(), EDITOR);
        content.create("news", "/mappe-1", ContentNode.builder("b", NodeTypeNames.FOLDER).build(), EDITOR);
        content.create("news", "/mappe-1", ContentNode.builder("c", NodeTypeNames.FOLDER).build(), EDITOR);
        ContentItem filed = content.createFiled("news", "/mappe-1", article("publisert", day(2025, 2, 14)), EDITOR,
                ValidationMode.STRICT);
        assertThat(filed.path()).isEqualTo("/mappe-1/2025/02/publisert");
        Actor publisher = Actor.of("publisist", List.of("editor", "publisher"));
        content.publish("news", filed.path(), publisher);
        assertThat(content.getPublished("news", "/mappe-1/2025/02/publisert")).isPresent();
        assertThat(content.list(ContentQuery.all("newsArticle", 0, 100)).items()).extracting(ContentItem::path)
                .contains("/mappe-1/2025/02/publisert");
    }

    @Test
    void whoMayNotCreateGetsNoFoldersEither() {
        Actor reader = Actor.of("leser", List.of());
        long before = content.children("news", "/").size();
        assertThatThrownBy(() -> content.createFiled("news", "/", article("ulovlig", day(2019, 1, 1)), reader,
                ValidationMode.STRICT)).isInstanceOf(AccessDeniedException.class);
        assertThat(content.get("news", "/2019")).isEmpty();
        assertThat(content.children("news", "/")).hasSize((int) before);
    }
}
