package no.sunnekommuner.cms.content.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.audit.AuditFilter;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.PublicationStatus;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository from before news {@code image} was an asset (it held URLs) is converted at the next start: links to
 * assets of the library become asset keys in drafts and published state, another site's URL is kept and
 * reported, delivery answers for all of them, and a second start writes nothing.
 */
class AssetReferenceMigrationIT {

    private static final Actor PUBLISHER = Actor.of("publisher", List.of(Actor.EDITOR, Actor.PUBLISHER));
    private static final String EXTERNAL = "https://bilder.example.org/fjord.jpg";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void oldImageUrlsBecomeAssetKeysAtStartAndOnlyOnce() throws Exception {
        String id;
        long untouchedRevision;
        try (CmsRuntime runtime = TestRuntimes.start(data)) {
            ContentService content = runtime.content();
            AssetLibrary assets = runtime.assets();
            assets.createFolder(PUBLISHER, "/", "bilder");
            ContentItem fjord = assets.upload(PUBLISHER, "/bilder", "fjord.png", TestImages.png(320, 200));
            content.publishRecursive("dam", "/bilder", PUBLISHER);
            id = fjord.id();
            // old-style values, as the text field "Bilde (URL)" stored them
            article(content, "lenke", "/dam/jcr:" + id + "/fjord.png", true);
            article(content, "egen-adresse", "http://localhost:8080/dam/bilder/fjord.png", true);
            content.patch("news", "/egen-adresse", Map.of("lead", "Endret etter publisering"), -1, PUBLISHER);
            article(content, "ekstern", EXTERNAL, true);
            article(content, "rendisjon", "/.imaging/mte/sunne-kommuner-theme/960/dam/bilder/fjord/jcr:content/"
                    + "fjord.png", false);
            article(content, "ny", "jcr:" + id, true);
            // values that sort after the key prefix, or are a prefix of it, are no keys either
            article(content, "etter", "ørret.jpg", true);
            article(content, "kort", "jcr", false);
            untouchedRevision = content.get("news", "/ny").orElseThrow().revision();
            assertThat(content.pathsWithoutAssetKey(runtime.definitions().contentType("newsArticle").orElseThrow(),
                    "image")).containsExactlyInAnyOrder("news:/lenke", "news:/egen-adresse", "news:/ekstern",
                    "news:/rendisjon", "news:/etter", "news:/kort");
        }

        try (TestServer server = TestServer.start(data, List.of(TestRuntimes.LIGHT_MODULES), Map.of())) {
            ContentService content = server.runtime().content();
            String key = "jcr:" + id;
            // a /dam/jcr: link of a published, unchanged item: draft and public state converted, republished
            assertThat(content.get("news", "/lenke").orElseThrow().node().text("image")).isEqualTo(key);
            assertThat(content.getPublished("news", "/lenke").orElseThrow().node().text("image")).isEqualTo(key);
            assertThat(content.get("news", "/lenke").orElseThrow().status()).isEqualTo(PublicationStatus.PUBLISHED);
            assertThat(content.versions("news", "/lenke")).anySatisfy(v -> assertThat(v.createdBy())
                    .isEqualTo(AssetReferenceMigration.ACTOR));
            // an absolute link on the CMS's own origin, changed since publish: the draft only (no unreviewed publish)
            ContentItem own = content.get("news", "/egen-adresse").orElseThrow();
            assertThat(own.node().text("image")).isEqualTo(key);
            assertThat(own.node().text("lead")).isEqualTo("Endret etter publisering");
            assertThat(content.getPublished("news", "/egen-adresse").orElseThrow().node().text("image"))
                    .isEqualTo("http://localhost:8080/dam/bilder/fjord.png");
            // a rendition link of a draft item
            assertThat(content.get("news", "/rendisjon").orElseThrow().node().text("image")).isEqualTo(key);
            // another site's picture: kept as it was, in both states
            assertThat(content.get("news", "/ekstern").orElseThrow().node().text("image")).isEqualTo(EXTERNAL);
            assertThat(content.getPublished("news", "/ekstern").orElseThrow().node().text("image"))
                    .isEqualTo(EXTERNAL);
            assertThat(content.get("news", "/ny").orElseThrow().revision()).isEqualTo(untouchedRevision);
            assertThat(content.get("news", "/etter").orElseThrow().node().text("image")).isEqualTo("ørret.jpg");
            // audited as the system actor
            assertThat(server.runtime().audit().query(new AuditFilter(AssetReferenceMigration.ACTOR, null, null,
                    null, null), 100)).extracting(e -> e.target()).contains("/lenke", "/egen-adresse", "/rendisjon");

            // delivery: the converted value resolves to the asset, the external one stays its string, both 200
            JsonNode converted = JSON.readTree(server.get("/.rest/delivery/news/v1/lenke").body());
            assertThat(converted.path("image").path("@id").asText()).isEqualTo(key);
            assertThat(converted.path("image").path("renditions").path("960").path("link").asText())
                    .contains("/.imaging/");
            var external = server.get("/.rest/delivery/news/v1/ekstern");
            assertThat(external.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(external.body()).path("image").asText()).isEqualTo(EXTERNAL);
            assertThat(server.get("/.rest/delivery/news/v1/egen-adresse").statusCode()).isEqualTo(200);
        }

        try (CmsRuntime runtime = TestRuntimes.start(data)) {
            long revision = runtime.content().get("news", "/lenke").orElseThrow().revision();
            AssetReferenceMigration.Report again = new AssetReferenceMigration(runtime.content(),
                    List.of("http://localhost:8080")).run();
            assertThat(again.converted()).as("idempotent").isEmpty();
            assertThat(again.republished()).isEmpty();
            assertThat(again.leftAsIs()).anySatisfy(l -> assertThat(l).contains("/ekstern").contains(EXTERNAL))
                    .anySatisfy(l -> assertThat(l).contains("/egen-adresse (published state)"));
            assertThat(runtime.content().get("news", "/lenke").orElseThrow().revision()).isEqualTo(revision);
        }
    }

    private static void article(ContentService content, String name, String image, boolean publish) {
        content.create("news", "/", ContentNode.builder(name, "sk:newsArticle")
                .property("title", "Sak " + name)
                .property("publishDate", java.time.OffsetDateTime.parse("2024-05-01T10:00:00+02:00"))
                .property("image", image)
                .property("imageAlt", "Fjorden en sommerdag")
                .build(), PUBLISHER);
        if (publish) {
            content.publish("news", "/" + name, PUBLISHER);
        }
    }
}
