package no.sunnekommuner.cms.delivery.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.media.TestImages;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.repository.RepositoryBackup;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assets travel with the content (issue 10, item 6): the backup export writes the {@code dam} workspaces as
 * Magnolia's export does (system view, the binary as a base64 {@code jcr:data} value of type Binary), an import
 * into a fresh repository gives the same bytes, renditions and resolved references; and a Magnolia-style
 * {@code dam.*.xml} bootstrap file with a binary imports through the nodes API's system-view import.
 */
class AssetImportExportIT {

    private static final Actor PUBLISHER = Actor.of("publisher", List.of(Actor.EDITOR, Actor.PUBLISHER));
    private static final Path MEDIA_MODULES = Path.of("src/test/resources/media-light-modules").toAbsolutePath();
    private static final Path GOLDEN_DAM = Path.of("src/test/resources/magnolia-golden-dam").toAbsolutePath();
    private static final List<Path> MODULES = List.of(TestRuntimes.LIGHT_MODULES, MEDIA_MODULES);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THEME = "/.imaging/mte/sunne-kommuner-theme/";

    @TempDir
    Path temp;

    static HttpResponse<byte[]> get(TestServer server, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static List<Integer> size(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        return List.of(image.getWidth(), image.getHeight());
    }

    @Test
    void anExportedAssetImportsByteIdenticalWithRenditionsAndReferencesThatResolve() throws Exception {
        Path export = temp.resolve("export");
        String id;
        byte[] served;
        String link;
        try (TestServer source = TestServer.start(temp.resolve("source"), MODULES, Map.of())) {
            var assets = source.runtime().assets();
            assets.createFolder(PUBLISHER, "/", "sunne");
            // larger than Jackrabbit's inline limit, so the binary lives in the data store
            ContentItem photo = assets.upload(PUBLISHER, "/sunne", "Fjord på Sunne.jpg",
                    TestImages.jpegWithGps(1200, 800, 1));
            id = photo.id();
            source.runtime().content().publishRecursive("dam", "/sunne", PUBLISHER);
            source.runtime().content().create("stories", "/", ContentNode.builder("sunne-dag", "mt:story")
                    .property("title", "Sunne dag").property("image", "jcr:" + id).build(), PUBLISHER);
            source.runtime().content().publish("stories", "/sunne-dag", PUBLISHER);
            link = "/dam/jcr:" + id + "/Fjord%20p%C3%A5%20Sunne.jpg";
            HttpResponse<byte[]> before = get(source, link);
            assertThat(before.statusCode()).isEqualTo(200);
            served = before.body();
            assertThat(served.length).isGreaterThan(4096);
            new RepositoryBackup(source.runtime().repository()).export(export);
        }

        // Magnolia's export format: the binary is a base64 value of a Binary property in the system view
        for (String workspace : List.of("dam", "dam-published")) {
            String xml = Files.readString(export.resolve(workspace + "/" + workspace + ".sunne.xml"), StandardCharsets.UTF_8);
            assertThat(xml).contains("<sv:node sv:name=\"jcr:content\">")
                    .contains("<sv:value>mgnl:resource</sv:value>")
                    .contains("<sv:property sv:name=\"jcr:uuid\" sv:type=\"String\"><sv:value>" + id + "</sv:value>");
            Matcher data = Pattern.compile("<sv:property sv:name=\"jcr:data\" sv:type=\"Binary\"><sv:value>"
                    + "([A-Za-z0-9+/=\\s]+)</sv:value>").matcher(xml);
            assertThat(data.find()).as(workspace + " holds the binary").isTrue();
            assertThat(Base64.getMimeDecoder().decode(data.group(1))).isEqualTo(served);
        }

        Path restoredData = temp.resolve("restored");
        try (CmsRuntime restored = TestRuntimes.start(restoredData, MODULES)) {
            new RepositoryBackup(restored.repository()).importFrom(export);
        }
        try (TestServer restored = TestServer.start(restoredData, MODULES, Map.of())) {
            HttpResponse<byte[]> after = get(restored, link);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).isEqualTo(served);
            assertThat(TestImages.contains(after.body(), "GPS-SECRET-PLACE")).isFalse();
            assertThat(size(get(restored, THEME + "480/dam/sunne/fjord-pa-sunne/jcr:content/x.jpg")))
                    .containsExactly(480, 320);
            assertThat(size(get(restored, THEME + "thumbnail/dam/sunne/fjord-pa-sunne/jcr:content/x.jpg")))
                    .containsExactly(240, 240);
            JsonNode image = JSON.readTree(get(restored, "/.rest/delivery/stories/sunne-dag").body()).get("image");
            assertThat(image.get("@id").asText()).isEqualTo("jcr:" + id);
            assertThat(image.get("@link").asText()).isEqualTo(link);
            assertThat(image.at("/metadata/width").asInt()).isEqualTo(1200);
            assertThat(size(get(restored, image.at("/renditions/480/link").asText()))).containsExactly(480, 320);
        }
    }

    @Test
    void aMagnoliaDamBootstrapFileWithBinariesImports() throws Exception {
        // the recorded seed script writes the bootstrap file Magnolia's content importer reads (dam.sunne.xml)
        ProcessBuilder bootstrap = new ProcessBuilder("bash", GOLDEN_DAM.resolve("seed-dam.sh").toString(),
                "bootstrap").redirectErrorStream(true).directory(temp.toFile());
        bootstrap.environment().put("BOOTSTRAP_DIR", temp.toString());
        Process write = bootstrap.start();
        write.getOutputStream().close();
        String output = new String(write.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(write.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path file = temp.resolve("dam.sunne.xml");
        assertThat(file).as(output).exists();
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        Matcher uuid = Pattern.compile("sv:name=\"raadhuset\"><sv:property sv:name=\"jcr:primaryType\" "
                + "sv:type=\"Name\"><sv:value>mgnl:asset</sv:value></sv:property><sv:property sv:name=\"jcr:uuid\" "
                + "sv:type=\"String\"><sv:value>([0-9a-f-]{36})</sv:value>").matcher(xml);
        assertThat(uuid.find()).isTrue();

        try (TestServer server = TestServer.start(temp.resolve("data"), MODULES, Map.of())) {
            // over HTTP, as Magnolia's nodes API imports a file: the bootstrap file's nodes with their uuids
            HttpResponse<String> imported = CLIENT.send(HttpRequest.newBuilder(URI.create(server.base()
                    + "/.rest/nodes/v1/import/dam/")).PUT(HttpRequest.BodyPublishers.ofFile(file))
                    .header("Content-Type", "application/xml")
                    .header("Authorization", TestServer.basic(TestServer.PUBLISHER, TestServer.PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            server.runtime().content().publishRecursive("dam", "/sunne", PUBLISHER);
            byte[] png = Files.readAllBytes(GOLDEN_DAM.resolve("images/raadhuset.png"));
            HttpResponse<byte[]> byId = get(server, "/dam/jcr:" + uuid.group(1) + "/raadhuset.png");
            assertThat(byId.statusCode()).isEqualTo(200);
            assertThat(byId.body()).isEqualTo(png);
            assertThat(get(server, "/dam/sunne/fjord.jpg").body())
                    .isEqualTo(Files.readAllBytes(GOLDEN_DAM.resolve("images/fjord.jpg")));
            assertThat(size(get(server, THEME + "480/dam/sunne/raadhuset/jcr:content/raadhuset.png")))
                    .containsExactly(480, 360);
            ContentItem asset = server.runtime().content().getById("dam", uuid.group(1)).orElseThrow();
            ContentNode resource = asset.node().children().get("jcr:content");
            assertThat(resource.property("size")).isEqualTo((long) png.length);
            assertThat(resource.property("jcr:mimeType")).isEqualTo("image/png");
        }
    }
}
