package no.sunnekommuner.cms.definition.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.DeliveryEndpointDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.PropertyType;
import no.sunnekommuner.cms.definition.problem.Problem;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Light modules in Magnolia's YAML dialect → immutable definitions, with Magnolia-style problem reports. */
class LightModuleLoaderTest {

    static final Path GOLDEN = Path.of("src/test/resources/magnolia-golden").toAbsolutePath();
    static final Path BROKEN = Path.of("src/test/resources/broken").toAbsolutePath();

    private final LightModuleLoader loader = new LightModuleLoader();

    @Test
    void realModuleLoadsWithoutProblems() {
        DefinitionRegistry registry = loader.loadOrFail(List.of(TestRuntimes.LIGHT_MODULES));
        assertThat(registry.problems()).isEmpty();
        assertThat(registry.modules()).containsExactly("sunne-kommuner");
        assertThat(registry.contentTypes()).containsOnlyKeys("newsArticle", "benefit", "member", "themeGroup",
                "membershipApplication");
        assertThat(registry.apps()).containsOnlyKeys("news-app", "benefits-app", "members-app", "themegroups-app",
                "applications-app");
        assertThat(registry.endpoints()).containsOnlyKeys("delivery/news/v1", "delivery/benefits/v1",
                "delivery/members/v1", "delivery/themegroups/v1", "delivery/dam/v1");

        ContentTypeDefinition news = registry.contentType("newsArticle").orElseThrow();
        assertThat(news.workspace()).isEqualTo("news");
        assertThat(news.nodeType()).isEqualTo("sk:newsArticle");
        assertThat(news.namespaces()).containsEntry("sk", "https://sunnekommuner.no/jcr/1.0/sk");
        assertThat(news.property("title").orElseThrow()).satisfies(p -> {
            assertThat(p.required()).isTrue();
            assertThat(p.i18n()).isTrue();
        });
        assertThat(news.property("publishDate").orElseThrow().type()).isEqualTo(PropertyType.DATE);
        assertThat(news.property("body").orElseThrow().type()).isEqualTo(PropertyType.RICH_TEXT);
        assertThat(news.property("tags").orElseThrow().multiple()).isTrue();
        assertThat(news.property("themeGroups").orElseThrow().type()).isEqualTo(PropertyType.reference("themeGroup"));

        ContentTypeDefinition member = registry.contentType("member").orElseThrow();
        assertThat(member.property("memberType").orElseThrow().options())
                .extracting(o -> o.value()).containsExactly("kommune", "fylkeskommune");
        assertThat(member.property("coordinator").orElseThrow().type())
                .isEqualTo(PropertyType.subModel("publicHealthCoordinator"));
        assertThat(member.subModel("publicHealthCoordinator").orElseThrow().effectiveNodeType())
                .isEqualTo("sk:coordinator");
        assertThat(member.property("population").orElseThrow().type()).isEqualTo(PropertyType.LONG);
        assertThat(member.property("latitude").orElseThrow().type()).isEqualTo(PropertyType.DOUBLE);

        AppDefinition app = registry.app("news-app").orElseThrow();
        assertThat(app.contentType()).isEqualTo("newsArticle");
        assertThat(app.roles()).contains("editor", "publisher", "admin");
        DeliveryEndpointDefinition endpoint = registry.endpoints().get("delivery/news/v1");
        assertThat(endpoint.workspace()).isEqualTo("news");
        assertThat(endpoint.references()).extracting(r -> r.propertyName()).contains("themeGroups", "members");
    }

    @Test
    void everyLabelHasNorwegianAndEnglishMessages() {
        DefinitionRegistry registry = loader.loadOrFail(List.of(TestRuntimes.LIGHT_MODULES));
        assertThat(registry.messages()).containsKeys("nb", "en");
        assertThat(registry.messages().get("nb").keySet()).isEqualTo(registry.messages().get("en").keySet());
        for (AppDefinition app : registry.apps().values()) {
            ContentTypeDefinition type = registry.contentType(app.contentType()).orElseThrow();
            for (String language : List.of("nb", "en")) {
                assertThat(registry.message(language, app.name() + ".label")).as(app.name()).isPresent();
                assertThat(registry.message(language, "contentTypes." + type.name() + ".label")).isPresent();
                for (PropertyDefinition p : type.properties()) {
                    assertThat(registry.message(language, app.name() + "." + p.name() + ".label"))
                            .as("%s %s.%s.label", language, app.name(), p.name()).isPresent();
                }
            }
        }
        for (DeliveryEndpointDefinition e : registry.endpoints().values()) {
            String file = e.source().getFileName().toString().replace(".yaml", "");
            assertThat(registry.message("en", "restEndpoints.delivery." + file + ".description")).isPresent();
        }
        assertThat(registry.message("nb", "members-app.name.label").orElseThrow()).isNotEqualTo(
                registry.message("en", "members-app.name.label").orElseThrow());
    }

    @Test
    void goldenModuleLoadsWithMagnoliaDefaults() {
        DefinitionRegistry registry = loader.loadOrFail(List.of(GOLDEN));
        assertThat(registry.modules()).containsExactly("golden");
        assertThat(registry.problems()).isEmpty();
        assertThat(registry.contentTypes()).containsOnlyKeys("article", "office", "topic");
        assertThat(registry.apps()).hasSize(3);
        assertThat(registry.endpoints()).containsOnlyKeys("delivery/articles", "delivery/articles2024",
                "delivery/articles/kids", "delivery/articles/links", "delivery/articles/sys", "delivery/articles/v2",
                "delivery/offices", "delivery/topics");

        ContentTypeDefinition office = registry.contentType("office").orElseThrow();
        assertThat(office.nodeType()).isNull();
        assertThat(office.effectiveNodeType()).isEqualTo("mgnl:content");
        assertThat(office.subModel("postalAddress").orElseThrow().effectiveNodeType()).isEqualTo("mgnl:contentNode");

        DeliveryEndpointDefinition plain = registry.endpoints().get("delivery/articles");
        assertThat(plain.nodeTypes()).containsExactly("mgnl:content");
        assertThat(plain.childNodeTypes()).containsExactly("mgnl:contentNode");
        assertThat(plain.depth()).isZero();
        assertThat(plain.limit()).isEqualTo(10);
        assertThat(plain.maxLimit()).isEqualTo(1000);
        assertThat(plain.referenceDepth()).isEqualTo(1);
        assertThat(plain.rootPath()).isEqualTo("/");

        DeliveryEndpointDefinition links = registry.endpoints().get("delivery/articles/links");
        assertThat(links.references()).hasSize(2);
        assertThat(links.references().get(0)).satisfies(r -> {
            assertThat(r.name()).isEqualTo("topicLink");
            assertThat(r.targetWorkspace()).isEqualTo("topics");
            assertThat(r.generateLink()).isTrue();
            assertThat(r.expand()).isTrue();
            assertThat(r.depthInReferencedNode()).isZero();
        });
        assertThat(links.references().get(1).expand()).isFalse();
        assertThat(links.references().get(1).depthInReferencedNode()).isEqualTo(-1);
        assertThat(registry.app("articles-app").orElseThrow().label()).isEqualTo("Articles (golden)");
    }

    static Stream<String> brokenCases() throws IOException {
        try (Stream<Path> cases = Files.list(BROKEN)) {
            return cases.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("brokenCases")
    void brokenSamplesReportWhatIsWrong(String caseName) throws IOException {
        Path dir = BROKEN.resolve(caseName);
        List<String> expected = Files.readAllLines(dir.resolve("expected-problems.txt"), StandardCharsets.UTF_8)
                .stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        DefinitionRegistry registry = loader.load(List.of(dir));
        String report = String.join("\n", registry.problems().stream().map(Problem::toString).toList());
        assertThat(registry.problems()).as("problems of %s", caseName).isNotEmpty();
        for (String line : expected) {
            assertThat(report).as("problems of %s", caseName).contains(line);
        }
        // every problem names the file it is in
        assertThat(registry.problems()).allSatisfy(p -> assertThat(p.file()).isNotNull());
    }

    @Test
    void severeProblemsStopStartUpWithTheirMessages() {
        assertThatThrownBy(() -> loader.loadOrFail(List.of(BROKEN.resolve("unknown-type"))))
                .isInstanceOf(DefinitionProblemsException.class)
                .hasMessageContaining("SEVERE")
                .hasMessageContaining("Unknown property type 'Strnig'")
                .hasMessageContaining("contentTypes");
    }

    @Test
    void malformedYamlNamesTheLine(@TempDir Path dir) throws IOException {
        Path types = Files.createDirectories(dir.resolve("m/contentTypes"));
        Files.writeString(types.resolve("thing.yaml"), """
                datasource:
                  workspace: things
                model:
                  properties:
                    - name: title
                     type: String
                """);
        DefinitionRegistry registry = loader.load(List.of(dir));
        assertThat(registry.contentTypes()).isEmpty();
        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.SEVERE);
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).contains("line 6");
            assertThat(p.file().toString()).endsWith("thing.yaml");
        });
    }

    @Test
    void wrongValueTypesAndUnknownKeysAreReportedWithKeyAndLine(@TempDir Path dir) throws IOException {
        Path types = Files.createDirectories(dir.resolve("m/contentTypes"));
        Files.writeString(types.resolve("thing.yaml"), """
                datasource:
                  workspace: things
                model:
                  properties:
                    - name: title
                      required: maybe
                    - name: count
                      type: Long
                      mutliple: true
                """);
        DefinitionRegistry registry = loader.load(List.of(dir));
        assertThat(registry.contentTypes()).containsKey("thing");
        assertThat(registry.problems()).extracting(Problem::toString).anySatisfy(s -> assertThat(s)
                .contains("MAJOR").contains(":6 [model.properties[0].required]").contains("true or false"));
        assertThat(registry.problems()).extracting(Problem::toString).anySatisfy(s -> assertThat(s)
                .contains("MINOR").contains(":9 [model.properties[1].mutliple]").contains("Unknown key 'mutliple'"));
    }

    @Test
    void mapFormsIncludesAndClassFormAreUnderstood(@TempDir Path dir) throws IOException {
        Path module = Files.createDirectories(dir.resolve("m"));
        Files.createDirectories(module.resolve("contentTypes"));
        Files.createDirectories(module.resolve("includes"));
        Files.createDirectories(module.resolve("restEndpoints/delivery"));
        Files.writeString(module.resolve("includes/props.yaml"), """
                title:
                  i18n: true
                kind:
                  options:
                    a: {value: a}
                    b: {value: b}
                """);
        Files.writeString(module.resolve("contentTypes/thing.yaml"), """
                datasource:
                  workspace: things
                model:
                  properties: !include:/m/includes/props.yaml
                """);
        Files.writeString(module.resolve("restEndpoints/delivery/things_v3.yaml"), """
                class: info.magnolia.rest.delivery.jcr.v2.JcrDeliveryEndpointDefinition
                workspace: things
                limit: 5
                """);
        DefinitionRegistry registry = loader.loadOrFail(List.of(dir));
        ContentTypeDefinition thing = registry.contentType("thing").orElseThrow();
        assertThat(thing.properties()).extracting(PropertyDefinition::name).containsExactly("title", "kind");
        assertThat(thing.property("title").orElseThrow().i18n()).isTrue();
        assertThat(thing.property("kind").orElseThrow().options()).extracting(o -> o.value()).containsExactly("a", "b");
        assertThat(registry.endpoints().get("delivery/things/v3").limit()).isEqualTo(5);
    }

    @Test
    void missingFolderIsASevereProblem(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.loadOrFail(List.of(dir.resolve("nowhere"))))
                .hasMessageContaining("light-modules folder does not exist");
    }

    @Test
    void contentRulesLetATypeHoldExtrasAndNothingElse(@TempDir Path dir) throws Exception {
        Path module = dir.resolve("extras");
        java.nio.file.Files.createDirectories(module.resolve("contentTypes"));
        java.nio.file.Files.createDirectories(module.resolve("standalone"));
        java.nio.file.Files.writeString(module.resolve("contentTypes/note.yaml"),
                "datasource:\n  workspace: notes\nmodel:\n  properties:\n    - name: title\n");
        java.nio.file.Files.writeString(module.resolve("contentTypes/memo.yaml"),
                "datasource:\n  workspace: memos\nmodel:\n  properties:\n    - name: title\n");
        java.nio.file.Files.writeString(module.resolve("standalone/content-rules.yaml"),
                "contentTypes:\n  note:\n    extraProperties: true\n    colour: red\n  nosuch:\n"
                        + "    extraNodes: true\n");
        DefinitionRegistry registry = loader.load(List.of(dir));
        assertThat(registry.contentType("note").orElseThrow().extraProperties()).isTrue();
        assertThat(registry.contentType("note").orElseThrow().extraNodes()).isFalse();
        assertThat(registry.contentType("memo").orElseThrow().extraProperties()).isFalse();
        assertThat(registry.problems()).extracting(p -> p.key() + ": " + p.message()).anySatisfy(m ->
                assertThat(m).contains("colour")).anySatisfy(m -> assertThat(m).contains("nosuch"));
        assertThat(registry.hasSevereProblems()).isFalse();
        // the project's own module opts into nothing, but for the declaration PDF kept on an application
        DefinitionRegistry own = loader.loadOrFail(List.of(TestRuntimes.LIGHT_MODULES));
        assertThat(own.contentTypes().values()).filteredOn(t -> !t.name().equals("membershipApplication"))
                .allSatisfy(t -> assertThat(t.extraProperties() || t.extraNodes()).isFalse());
        assertThat(own.contentType("membershipApplication").orElseThrow().extraNodes()).isFalse();
    }

    @Test
    void dateFoldersAreReadAndTheirMistakesReported(@TempDir Path dir) throws Exception {
        Path module = dir.resolve("filed");
        java.nio.file.Files.createDirectories(module.resolve("contentTypes"));
        java.nio.file.Files.createDirectories(module.resolve("standalone"));
        for (String type : List.of("note", "memo", "card", "tag")) {
            java.nio.file.Files.writeString(module.resolve("contentTypes/" + type + ".yaml"), "datasource:\n"
                    + "  workspace: " + type + "s\nmodel:\n  properties:\n    - name: title\n"
                    + "    - name: day\n      type: Date\n");
        }
        java.nio.file.Files.writeString(module.resolve("standalone/content-rules.yaml"), """
                contentTypes:
                  note:
                    dateFolders: {property: day, pattern: yyyy/MM, maxItems: 50}
                  memo:
                    dateFolders: {property: titel, pattern: yyyy}
                  card:
                    dateFolders: {property: day, pattern: "yyyy/MM-x"}
                  tag:
                    dateFolders: {property: day, pattern: yyyy, maxItem: 5}
                """);
        DefinitionRegistry registry = loader.load(List.of(dir));
        no.sunnekommuner.cms.definition.DateFolders note = registry.contentType("note").orElseThrow()
                .dateFoldersSetting().orElseThrow();
        assertThat(note.segments()).containsExactly("yyyy", "MM");
        assertThat(note.maxItems()).isEqualTo(50);
        assertThat(note.folderNames(java.time.LocalDate.of(2024, 5, 17))).containsExactly("2024", "05");
        assertThat(registry.contentType("memo").orElseThrow().dateFoldersSetting()).isEmpty();
        assertThat(registry.contentType("card").orElseThrow().dateFoldersSetting()).isEmpty();
        // a misspelt key is reported; the rest still applies, with the default of 1,000
        assertThat(registry.contentType("tag").orElseThrow().dateFoldersSetting().orElseThrow().maxItems())
                .isEqualTo(1000);
        assertThat(registry.problems()).extracting(p -> p.key() + ": " + p.message())
                .anySatisfy(m -> assertThat(m).contains("titel").contains("did you mean"))
                .anySatisfy(m -> assertThat(m).contains("yyyy/MM-x"))
                .anySatisfy(m -> assertThat(m).contains("maxItem"));
        // the project's news type files its articles by publishDate once a folder holds 1,000
        DefinitionRegistry own = loader.loadOrFail(List.of(TestRuntimes.LIGHT_MODULES));
        assertThat(own.contentType("newsArticle").orElseThrow().dateFoldersSetting()).hasValueSatisfying(d -> {
            assertThat(d.property()).isEqualTo("publishDate");
            assertThat(d.maxItems()).isEqualTo(1000);
        });
    }
}
