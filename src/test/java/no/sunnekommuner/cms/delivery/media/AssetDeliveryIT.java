package no.sunnekommuner.cms.delivery.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.media.TestImages;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assetReferenceResolver in delivery JSON, as Magnolia renders linked assets (FINDINGS-dam §2–§4). */
class AssetDeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor PUBLISHER = Actor.of("publisher", List.of(Actor.EDITOR, Actor.PUBLISHER));
    private static final Path MEDIA_MODULES = Path.of("src/test/resources/media-light-modules").toAbsolutePath();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    static TestServer server;
    static ContentItem photo;
    static ContentItem plan;
    static ContentItem draftOnly;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data, List.of(TestRuntimes.LIGHT_MODULES, MEDIA_MODULES), Map.of());
        var assets = server.runtime().assets();
        assets.createFolder(PUBLISHER, "/", "sunne");
        photo = assets.upload(PUBLISHER, "/sunne", "Rådhuset.png", TestImages.png(640, 480));
        photo = assets.describe(PUBLISHER, photo.path(), Map.of("title", "Rådhuset i Sunne", "title_en",
                "Sunne town hall", "altText", "Rådhuset sett fra torget", "altText_en", "The town hall from the square",
                "subject", ImmutableList.of("rådhus", "bygning & <tak>"), "copyright", "© Sunne kommune",
                "focalX", 0.25, "focalY", 0.5), -1);
        plan = assets.upload(PUBLISHER, "/sunne", "kommuneplan.pdf",
                "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        draftOnly = assets.upload(PUBLISHER, "/sunne", "utkast.png", TestImages.png(20, 20));
        server.runtime().content().publishRecursive("dam", "/sunne", PUBLISHER);
        ContentNode story = ContentNode.builder("sunne-dag", "mt:story")
                .property("title", "Sunne dag").property("title_en", "Sunny day")
                .property("image", "jcr:" + photo.id())
                .property("gallery", ImmutableList.of("jcr:" + photo.id(), "jcr:" + plan.id(), "jcr:" + draftOnly.id(),
                        "/sunne/raadhuset", "jcr:00000000-0000-4000-8000-000000000000"))
                .property("logo", "jcr:" + photo.id()).property("logo_en", "jcr:" + plan.id())
                .build();
        server.runtime().content().create("stories", "/", story, PUBLISHER);
        server.runtime().content().publish("stories", "/sunne-dag", PUBLISHER);
        // Through the content service public content can no longer point at an unpublished asset (publishing the
        // story would take it along; unpublishing an asset public content shows is refused). An import or an older
        // repository may still hold that state, which delivery must survive: it is made here in the repository.
        server.runtime().repository().withSession("dam-published", s -> {
            s.getNodeByIdentifier(draftOnly.id()).remove();
            s.save();
            return null;
        });
        server.runtime().content().announceExternalChange("dam");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static JsonNode read(String path) throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(server.base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static BufferedImage image(String link) throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(server.base() + link)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(link).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void aLinkedImageIsResolvedAsMagnoliaDoesWithOurExtras() throws Exception {
        JsonNode image = read("/.rest/delivery/stories/sunne-dag").get("image");
        assertThat(keys(image)).containsExactly("@name", "@path", "@id", "@link", "metadata", "renditions");
        assertThat(image.get("@name").asText()).isEqualTo("radhuset");
        assertThat(image.get("@path").asText()).isEqualTo("/sunne/radhuset");
        assertThat(image.get("@id").asText()).isEqualTo("jcr:" + photo.id());
        assertThat(image.get("@link").asText()).isEqualTo("/dam/jcr:" + photo.id() + "/R%C3%A5dhuset.png");
        JsonNode metadata = image.get("metadata");
        assertThat(keys(metadata)).containsExactly("fileName", "mimeType", "fileSize", "height", "width", "type",
                "title", "format", "rights", "creator", "subject", "date", "created", "modified",
                "altText", "focalPoint");
        assertThat(metadata.get("fileName").asText()).isEqualTo("Rådhuset.png");
        assertThat(metadata.get("width").asInt()).isEqualTo(640);
        assertThat(metadata.get("subject").get(0).asText()).isEqualTo("r&aring;dhus");
        assertThat(metadata.get("subject").get(1).asText()).isEqualTo("bygning &amp; &lt;tak&gt;");
        assertThat(metadata.get("creator").get(0).asText()).isEqualTo("publisher");
        assertThat(metadata.get("altText").asText()).isEqualTo("Rådhuset sett fra torget");
        assertThat(metadata.at("/focalPoint/x").asDouble()).isEqualTo(0.25);
        JsonNode renditions = image.get("renditions");
        assertThat(keys(renditions)).containsExactly("480", "thumbnail", "original", "finnes-ikke");
        assertThat(renditions.at("/480/link").asText()).startsWith(
                "/.imaging/mte/sunne-kommuner-theme/480/dam/sunne/radhuset/jcr:content/R%C3%A5dhuset.png?v=");
        assertThat(renditions.at("/original/link").asText()).startsWith(
                "/.imaging/default/dam/sunne/radhuset/jcr:content.png?v=");
        for (String name : List.of("480", "thumbnail", "original", "finnes-ikke")) {
            BufferedImage decoded = image(renditions.get(name).get("link").asText());
            assertThat(List.of(decoded.getWidth(), decoded.getHeight())).as(name).containsExactly(
                    renditions.get(name).get("width").asInt(), renditions.get(name).get("height").asInt());
        }
        assertThat(renditions.at("/480/width").asInt()).isEqualTo(480);
        assertThat(renditions.at("/480/height").asInt()).isEqualTo(360);
        assertThat(renditions.at("/thumbnail/width").asInt()).isEqualTo(240);
    }

    @Test
    void inEnglishTitleAltTextAndLocalisedAssetsFollowTheLanguage() throws Exception {
        JsonNode story = read("/.rest/delivery/stories/sunne-dag?lang=en");
        assertThat(story.at("/image/metadata/title").asText()).isEqualTo("Sunne town hall");
        assertThat(story.at("/image/metadata/altText").asText()).isEqualTo("The town hall from the square");
        assertThat(story.at("/logo/@id").asText()).isEqualTo("jcr:" + plan.id());
        assertThat(story.at("/logo/metadata/mimeType").asText()).isEqualTo("application/pdf");
        assertThat(story.at("/logo/metadata/width").asInt()).isZero();
        assertThat(story.get("logo").has("renditions")).isFalse();
    }

    @Test
    void galleriesKeepOrderAndUnresolvableOrUnpublishedValuesStayStrings() throws Exception {
        JsonNode gallery = read("/.rest/delivery/stories/sunne-dag").get("gallery");
        assertThat(gallery).hasSize(5);
        assertThat(gallery.get(0).get("@id").asText()).isEqualTo("jcr:" + photo.id());
        assertThat(gallery.get(1).get("@id").asText()).isEqualTo("jcr:" + plan.id());
        // a draft asset is never shown by public delivery: its key stays as stored
        assertThat(gallery.get(2).isTextual()).isTrue();
        assertThat(gallery.get(2).asText()).isEqualTo("jcr:" + draftOnly.id());
        assertThat(gallery.get(3).asText()).isEqualTo("/sunne/raadhuset");
        assertThat(gallery.get(4).asText()).isEqualTo("jcr:00000000-0000-4000-8000-000000000000");
    }

    @Test
    void expandFalseGivesTheDownloadLink() throws Exception {
        JsonNode story = read("/.rest/delivery/stories/linkonly/sunne-dag");
        assertThat(story.get("image").asText()).isEqualTo("/dam/jcr:" + photo.id() + "/R%C3%A5dhuset.png");
    }

    @Test
    void theDamEndpointServesPublishedAssetsOnly() throws Exception {
        JsonNode list = read("/.rest/delivery/dam/v1?@ancestor=/sunne");
        List<String> names = new ArrayList<>();
        list.get("results").forEach(r -> names.add(r.get("@name").asText()));
        assertThat(names).contains("radhuset", "kommuneplan").doesNotContain("utkast");
        JsonNode asset = read("/.rest/delivery/dam/v1/sunne/radhuset");
        assertThat(asset.get("@nodeType").asText()).isEqualTo("mgnl:asset");
        assertThat(asset.at("/jcr:content/width").asInt()).isEqualTo(640);
        assertThat(asset.at("/jcr:content").has("jcr:data")).isFalse();
    }

    @Test
    void anAssetInUseCannotBeDeletedAndSaysWhereItIsUsed() {
        assertThat(server.runtime().assets().whereUsed(plan.id())).containsExactly("stories:/sunne-dag");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.runtime().content().delete("dam",
                plan.path(), PUBLISHER))
                .isInstanceOf(no.sunnekommuner.cms.content.ContentReferencedException.class)
                .hasMessageContaining("stories:/sunne-dag");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.runtime().content().delete("dam", "/sunne",
                PUBLISHER)).isInstanceOf(no.sunnekommuner.cms.content.ContentReferencedException.class);
        assertThat(server.runtime().content().get("dam", plan.path())).isPresent();
    }
}
