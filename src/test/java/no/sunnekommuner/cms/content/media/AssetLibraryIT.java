package no.sunnekommuner.cms.content.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.ByteSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.jcr.Node;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assets stored as Magnolia's DAM keeps them, through the content service, with the intake on every path. */
class AssetLibraryIT {

    @TempDir
    static Path data;
    static CmsRuntime runtime;
    static AssetLibrary library;
    static final Actor EDITOR = Actor.of("redaktor", List.of(Actor.EDITOR));
    static final Actor PUBLISHER = Actor.of("publisher", List.of(Actor.EDITOR, Actor.PUBLISHER));

    @BeforeAll
    static void start() throws Exception {
        runtime = TestRuntimes.start(data);
        library = runtime.assets();
        library.createFolder(EDITOR, "/", "bilder");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void anUploadIsAnAssetWithItsResourceAndTheBinaryInTheDataStore() throws Exception {
        byte[] upload = TestImages.jpegWithGps(1200, 800, 1);
        ContentItem asset = library.upload(EDITOR, "/bilder", "Fjord på Sunne.jpg", upload);
        assertThat(asset.path()).isEqualTo("/bilder/fjord-pa-sunne");
        String stored = runtime.repository().withSession(AssetNodes.WORKSPACE, s -> {
            Node node = s.getNode("/bilder/fjord-pa-sunne");
            Node resource = node.getNode("jcr:content");
            assertThat(node.getPrimaryNodeType().getName()).isEqualTo("mgnl:asset");
            assertThat(node.isNodeType("mgnl:content")).isFalse();
            assertThat(node.getProperty("type").getString()).isEqualTo("jpg");
            assertThat(resource.getPrimaryNodeType().getName()).isEqualTo("mgnl:resource");
            assertThat(resource.getProperty("jcr:mimeType").getString()).isEqualTo("image/jpeg");
            assertThat(resource.getProperty("fileName").getString()).isEqualTo("Fjord på Sunne.jpg");
            assertThat(resource.getProperty("width").getLong()).isEqualTo(1200);
            assertThat(resource.getProperty("height").getLong()).isEqualTo(800);
            assertThat(resource.getProperty("size").getLong()).isEqualTo(resource.getProperty("jcr:data").getLength());
            return node.getIdentifier();
        });
        assertThat(stored).isEqualTo(asset.id());
        // the binary is a record of the data store (not inside the Derby bundle), GPS-free
        long size = asset.node().children().get("jcr:content").text("size") == null ? -1
                : Long.parseLong(asset.node().children().get("jcr:content").text("size"));
        try (Stream<Path> files = Files.walk(data.resolve("datastore"))) {
            List<Path> records = files.filter(Files::isRegularFile).filter(f -> f.toFile().length() == size).toList();
            assertThat(records).isNotEmpty();
            assertThat(TestImages.contains(Files.readAllBytes(records.get(0)), "GPS-SECRET-PLACE")).isFalse();
        }
    }

    @Test
    void assetsAreDraftsUntilPublishedAndPublishingCopiesTheBinary() throws Exception {
        ContentItem asset = library.upload(EDITOR, "/bilder", "kart.png", TestImages.png(300, 200));
        assertThat(runtime.content().getPublished(AssetNodes.WORKSPACE, asset.path())).isEmpty();
        assertThatThrownBy(() -> runtime.content().publish(AssetNodes.WORKSPACE, asset.path(), EDITOR))
                .isInstanceOf(AccessDeniedException.class);
        runtime.content().publish(AssetNodes.WORKSPACE, "/bilder", PUBLISHER);
        runtime.content().publish(AssetNodes.WORKSPACE, asset.path(), PUBLISHER);
        ContentItem published = runtime.content().getPublished(AssetNodes.WORKSPACE, asset.path()).orElseThrow();
        ByteSource data = (ByteSource) published.node().children().get("jcr:content").property("jcr:data");
        assertThat(data.read()).isEqualTo(((ByteSource) asset.node().children().get("jcr:content")
                .property("jcr:data")).read());
        assertThat(published.id()).isEqualTo(asset.id());
    }

    @Test
    void namesTakenInTheFolderGetANumber() {
        ContentItem first = library.upload(EDITOR, "/bilder", "logo.png", TestImages.png(10, 10));
        ContentItem second = library.upload(EDITOR, "/bilder", "logo.png", TestImages.png(10, 10));
        assertThat(first.name()).isEqualTo("logo");
        assertThat(second.name()).isEqualTo("logo-2");
    }

    @Test
    void everyWriteToDamGoesThroughTheIntakeNotOnlyUploads() {
        ContentNode svgAsset = ContentNode.builder("sneaky", AssetNodes.ASSET)
                .child(ContentNode.builder("jcr:content", AssetNodes.RESOURCE)
                        .property("jcr:data", ByteSource.wrap("<svg><script>alert(1)</script></svg>"
                                .getBytes(StandardCharsets.UTF_8)))
                        .property("jcr:mimeType", "image/png")
                        .property("fileName", "sneaky.png").build())
                .build();
        assertThatThrownBy(() -> runtime.content().create(AssetNodes.WORKSPACE, "/bilder", svgAsset, EDITOR))
                .isInstanceOf(MediaRefusedException.class);
        assertThat(runtime.content().get(AssetNodes.WORKSPACE, "/bilder/sneaky")).isEmpty();
        // a declared type and size are never believed: the bytes decide
        ContentNode lying = ContentNode.builder("liar", AssetNodes.ASSET)
                .child(ContentNode.builder("jcr:content", AssetNodes.RESOURCE)
                        .property("jcr:data", ByteSource.wrap(TestImages.png(20, 10)))
                        .property("jcr:mimeType", "text/html").property("width", 9999L)
                        .property("fileName", "liar.html").build())
                .build();
        ContentItem stored = runtime.content().create(AssetNodes.WORKSPACE, "/bilder", lying, EDITOR);
        ContentNode resource = stored.node().children().get("jcr:content");
        assertThat(resource.text("jcr:mimeType")).isEqualTo("image/png");
        assertThat(resource.property("width")).isEqualTo(20L);
        assertThat(resource.text("fileName")).isEqualTo("liar.png");
    }

    @Test
    void metadataAndFocalPointAreSetOnTheDraft() {
        ContentItem asset = library.upload(EDITOR, "/bilder", "torget.png", TestImages.png(40, 40));
        ContentItem described = library.describe(EDITOR, asset.path(), Map.of("altText", "Torget i Sunne",
                "altText_en", "The square in Sunne", "focalX", 0.25, "focalY", 0.75), asset.revision());
        assertThat(described.node().text("altText_en")).isEqualTo("The square in Sunne");
        assertThat(described.node().property("focalX")).isEqualTo(0.25);
        assertThatThrownBy(() -> library.describe(EDITOR, asset.path(), Map.of("focalX", 3.0), -1))
                .hasMessageContaining("focal point");
        assertThatThrownBy(() -> library.describe(EDITOR, asset.path(), Map.of("jcr:mimeType", "text/html"), -1))
                .hasMessageContaining("not metadata");
        assertThat(described.node().children().get("jcr:content").text("jcr:mimeType")).isEqualTo("image/png");
    }

    @Test
    void anActorWithoutAnEditorRoleCannotUpload() {
        Actor nobody = Actor.of("nobody", List.of());
        assertThatThrownBy(() -> library.upload(nobody, "/bilder", "x.png", TestImages.png(4, 4)))
                .isInstanceOf(AccessDeniedException.class);
    }
}
