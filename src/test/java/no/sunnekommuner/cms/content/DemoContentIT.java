package no.sunnekommuner.cms.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import no.sunnekommuner.cms.content.bootstrap.YamlBootstrapImporter;
import no.sunnekommuner.cms.content.media.AssetNodes;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.model.PublicationStatus;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.PropertyType;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo content loads once, in both languages, with drafts and published items and sound references. */
class DemoContentIT {

    @TempDir
    Path data;

    @Test
    void demoContentLoadsOnceAndIsConsistent() throws Exception {
        try (CmsRuntime runtime = TestRuntimes.start(data)) {
            ContentService content = runtime.content();
            assertThat(new DemoContent(content).loadIfEmpty()).isGreaterThan(30);
            assertThat(new DemoContent(content).loadIfEmpty()).as("not loaded twice").isZero();

            List<ContentItem> members = all(content, "member");
            assertThat(members).hasSizeGreaterThanOrEqualTo(12);
            assertThat(members).extracting(m -> m.node().text("number"))
                    .contains("3203", "5037", "1860", "4204", "18", "15", "34", "31");
            assertThat(members).filteredOn(m -> "fylkeskommune".equals(m.node().text("memberType"))).hasSize(4);
            assertThat(members).allSatisfy(m -> assertThat(m.node().text("county"))
                    .isEqualTo(m.node().text("number").substring(0, 2)));
            assertThat(all(content, "benefit")).hasSize(8)
                    .allSatisfy(b -> assertThat(b.status()).isEqualTo(PublicationStatus.PUBLISHED))
                    .allSatisfy(b -> assertThat(b.node().text("title_en")).isNotBlank());
            List<ContentItem> groups = all(content, "themeGroup");
            assertThat(groups).hasSizeGreaterThanOrEqualTo(3);
            assertThat(groups).anySatisfy(g -> assertThat(g.node().text("audience")).isEqualTo("fylkeskommuner"));
            List<ContentItem> news = all(content, "newsArticle");
            assertThat(news).hasSizeGreaterThanOrEqualTo(6);
            assertThat(news).anySatisfy(n -> assertThat(n.status()).isEqualTo(PublicationStatus.DRAFT));
            assertThat(news).anySatisfy(n -> assertThat(n.status()).isEqualTo(PublicationStatus.PUBLISHED));
            assertThat(news).allSatisfy(n -> assertThat(n.node().text("title_en")).as(n.path()).isNotBlank());
            for (ContentItem item : news) {
                if (item.status() == PublicationStatus.PUBLISHED) {
                    assertThat(content.getPublished("news", item.path())).isPresent();
                } else {
                    assertThat(content.getPublished("news", item.path())).isEmpty();
                }
            }
            // every reference of the demo content resolves to an item of the target type
            for (ContentTypeDefinition type : runtime.definitions().contentTypes().values()) {
                for (ContentItem item : all(content, type.name())) {
                    for (PropertyDefinition p : type.properties()) {
                        if (p.type().kind() != PropertyType.Kind.REFERENCE) {
                            continue;
                        }
                        ContentTypeDefinition target = runtime.definitions().contentType(p.type().target())
                                .orElseThrow();
                        Object value = item.node().property(p.name());
                        List<?> ids = value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
                        for (Object id : ids) {
                            assertThat(content.getById(target.workspace(), Values.asText(id)))
                                    .as("%s %s -> %s", item.path(), p.name(), id).isPresent();
                        }
                    }
                }
            }
            demoPicturesAreOurOwnPublishedAssets(runtime, content);
            // only the demo loader reads files named by !file: another import cannot make it read files
            String named = "x:\n  jcr:primaryType: 'mgnl:asset'\n  jcr:content:\n    jcr:primaryType: 'mgnl:resource'\n"
                    + "    jcr:data: !file 'konferanse.jpg'\n";
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new YamlBootstrapImporter(content).importYaml(
                    AssetNodes.WORKSPACE, "/", new java.io.ByteArrayInputStream(named.getBytes(
                            java.nio.charset.StandardCharsets.UTF_8)), "test")).isInstanceOf(ContentException.class);
            assertThat(content.get(AssetNodes.WORKSPACE, "/x")).isEmpty();
        }
    }

    /** Every asset property of the demo content names a published asset with nb/en alt text and our credit. */
    private static void demoPicturesAreOurOwnPublishedAssets(CmsRuntime runtime, ContentService content) {
        int linked = 0;
        for (ContentTypeDefinition type : runtime.definitions().contentTypes().values()) {
            for (ContentItem item : all(content, type.name())) {
                for (PropertyDefinition p : type.properties()) {
                    if (p.type().kind() != PropertyType.Kind.ASSET || item.node().property(p.name()) == null) {
                        continue;
                    }
                    String id = AssetNodes.identifierOf(item.node().text(p.name()));
                    assertThat(id).as("%s %s is an asset key", item.path(), p.name()).isNotNull();
                    ContentItem asset = content.getById(AssetNodes.WORKSPACE, id).orElseThrow();
                    assertThat(asset.status()).isEqualTo(PublicationStatus.PUBLISHED);
                    assertThat(asset.node().text(AssetNodes.ALT_TEXT)).isNotBlank();
                    assertThat(asset.node().text(AssetNodes.ALT_TEXT + "_en")).isNotBlank();
                    assertThat(asset.node().text(AssetNodes.COPYRIGHT)).isEqualTo("Illustrasjon: Sunne kommuner");
                    ContentNode file = asset.node().children().get(AssetNodes.CONTENT);
                    assertThat(file.text(AssetNodes.MIME_TYPE)).isIn("image/jpeg", "image/png");
                    assertThat(((Number) file.property(AssetNodes.WIDTH)).longValue()).isPositive();
                    assertThat(((Number) file.property(AssetNodes.SIZE)).longValue()).isLessThan(200 * 1024);
                    linked++;
                }
            }
        }
        assertThat(all(content, "member")).as("every demo member has a logo")
                .allSatisfy(m -> assertThat(m.node().text("logo")).startsWith(AssetNodes.KEY_PREFIX));
        assertThat(all(content, "newsArticle")).filteredOn(n -> n.node().property("image") != null)
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(linked).isGreaterThanOrEqualTo(18);
    }

    private static List<ContentItem> all(ContentService content, String type) {
        return new ArrayList<>(content.list(ContentQuery.all(type, 0, 1000)).items());
    }
}
