package no.sunnekommuner.cms.delivery.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.media.TestImages;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload, the /dam/ download links and the /.imaging/ renditions over HTTP. */
class MediaHttpIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor PUBLISHER = Actor.of("publisher", List.of(Actor.EDITOR, Actor.PUBLISHER));
    private static final String THEME = "/.imaging/mte/sunne-kommuner-theme/";

    @TempDir
    static Path data;
    static TestServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data, List.of(TestRuntimes.LIGHT_MODULES), Map.of("media.maxMegabytes", "1"));
        server.runtime().assets().createFolder(PUBLISHER, "/", "bilder");
        server.runtime().content().publish("dam", "/bilder", PUBLISHER);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static HttpResponse<byte[]> upload(String fileName, byte[] body, String contentType, boolean signedIn)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + "/.rest/assets/v1/bilder?fileName="
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        if (signedIn) {
            b.header("Authorization", TestServer.basic(TestServer.EDITOR, TestServer.PASSWORD));
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(response.body());
    }

    static BufferedImage image(HttpResponse<byte[]> response) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(response.body()));
    }

    @Test
    void hostileUploadsAreRefusedWithClearMessages() throws Exception {
        HttpResponse<byte[]> fake = upload("photo.jpg", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8),
                "image/jpeg", true);
        assertThat(fake.statusCode()).isEqualTo(415);
        assertThat(json(fake).at("/error/code").asText()).isEqualTo("unsupportedMediaType");
        assertThat(json(fake).at("/error/message").asText()).contains("'photo.jpg' is not a JPEG, PNG");

        HttpResponse<byte[]> svg = upload("logo.svg", ("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)"
                + "</script></svg>").getBytes(StandardCharsets.UTF_8), "image/svg+xml", true);
        assertThat(svg.statusCode()).isEqualTo(415);
        assertThat(json(svg).at("/error/message").asText()).contains("SVG");

        HttpResponse<byte[]> bomb = upload("bomb.png", TestImages.pngBomb(20_000), "image/png", true);
        assertThat(bomb.statusCode()).isEqualTo(400);
        assertThat(json(bomb).at("/error/code").asText()).isEqualTo("tooManyPixels");
        assertThat(json(bomb).at("/error/message").asText()).contains("20000 × 20000");

        HttpResponse<byte[]> big = upload("big.png", new byte[2 * 1024 * 1024], "application/octet-stream", true);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(json(big).at("/error/message").asText()).contains("larger than 1 MB");

        assertThat(upload("a.png", TestImages.png(4, 4), "image/png", false).statusCode()).isEqualTo(401);
        // a form post (another site's form with the editor's cookie) is no upload
        assertThat(upload("a.png", TestImages.png(4, 4), "text/plain", true).statusCode()).isEqualTo(415);
        assertThat(server.runtime().content().children("dam", "/bilder").stream().map(i -> i.name()))
                .doesNotContain("photo", "logo", "bomb", "big", "a");
    }

    @Test
    void aDraftIsNotPublicAndThePublishedBinaryIsServedCleanWithValidatorsAndRanges() throws Exception {
        HttpResponse<byte[]> uploaded = upload("Fjord på Sunne.jpg", TestImages.jpegWithGps(1200, 800, 1),
                "image/jpeg", true);
        assertThat(uploaded.statusCode()).isEqualTo(201);
        JsonNode asset = json(uploaded);
        String key = asset.get("@id").asText();
        assertThat(key).startsWith("jcr:");
        assertThat(asset.get("width").asInt()).isEqualTo(1200);
        String link = "/dam/" + key + "/" + URLEncoder.encode("Fjord på Sunne.jpg", StandardCharsets.UTF_8);
        String rendition = THEME + "480/dam/bilder/fjord-pa-sunne/jcr:content/fjord.jpg";

        assertThat(get(link).statusCode()).isEqualTo(404);
        assertThat(get("/dam/bilder/fjord-pa-sunne.jpg").statusCode()).isEqualTo(404);
        assertThat(get(rendition).statusCode()).isEqualTo(404);

        server.runtime().content().publish("dam", "/bilder/fjord-pa-sunne", PUBLISHER);
        HttpResponse<byte[]> served = get(link);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline");
        assertThat(TestImages.contains(served.body(), "GPS-SECRET-PLACE")).isFalse();
        assertThat(image(served).getWidth()).isEqualTo(1200);
        String etag = served.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/dam/bilder/fjord-pa-sunne.jpg").body()).isEqualTo(served.body());
        assertThat(get("/dam/jcr/bilder/fjord-pa-sunne").body()).isEqualTo(served.body());

        assertThat(get(link, "If-None-Match", etag).statusCode()).isEqualTo(304);
        HttpResponse<byte[]> range = get(link, "Range", "bytes=0-99");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).hasSize(100).isEqualTo(java.util.Arrays.copyOf(served.body(), 100));
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + served.body().length);
        assertThat(get(link, "Range", "bytes=0-1,5-6").statusCode()).isEqualTo(416);
        assertThat(get(link, "Range", "bytes=" + served.body().length + "-").statusCode()).isEqualTo(416);
        assertThat(get(link, "Range", "bytes=0-9", "If-Range", "\"other\"").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> head = CLIENT.send(HttpRequest.newBuilder(URI.create(server.base() + link))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(served.body().length));
        assertThat(served.headers().firstValue("Cache-Control").orElseThrow()).doesNotContain("immutable");
        assertThat(get(link + "?v=" + etag.replace("\"", "")).headers().firstValue("Cache-Control"))
                .hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void renditionsHaveTheThemesSizesAndComeFromTheCacheTheSecondTime() throws Exception {
        assertThat(upload("torget.png", TestImages.png(640, 480), "image/png", true).statusCode()).isEqualTo(201);
        server.runtime().content().publish("dam", "/bilder/torget", PUBLISHER);
        String asset = "dam/bilder/torget/jcr:content/torget.png";
        HttpResponse<byte[]> w480 = get(THEME + "480/" + asset);
        assertThat(w480.statusCode()).isEqualTo(200);
        assertThat(w480.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(size(w480)).containsExactly(480, 360);
        assertThat(size(get(THEME + "960/" + asset))).containsExactly(960, 720);
        assertThat(size(get(THEME + "16x9/" + asset))).containsExactly(1280, 720);
        assertThat(size(get(THEME + "thumbnail/" + asset))).containsExactly(240, 240);
        assertThat(size(get(THEME + "logo/" + asset))).containsExactly(213, 160);
        assertThat(size(get(THEME + "no-such-variation/" + asset))).containsExactly(640, 480);
        assertThat(size(get("/.imaging/default/dam/bilder/torget/jcr:content.png"))).containsExactly(640, 480);
        assertThat(get("/.imaging/mte/no-such-theme/480/" + asset).statusCode()).isEqualTo(404);
        assertThat(get("/.imaging/other/480/" + asset).statusCode()).isEqualTo(404);
        assertThat(get(THEME + "480/" + asset).body()).isEqualTo(w480.body());
    }

    @Test
    void aJpegUploadedWithGpsIsServedWithoutAnyExifOnItsLinkAndEveryRendition() throws Exception {
        byte[] upload = TestImages.jpegWithGps(800, 600, 1);
        assertThat(TestImages.gpsDirectory(upload)).as("the metadata reader finds the upload's GPS").isNotNull();
        assertThat(upload("kamera.jpg", upload, "image/jpeg", true).statusCode()).isEqualTo(201);
        server.runtime().content().publish("dam", "/bilder/kamera", PUBLISHER);
        List<String> links = List.of("/dam/bilder/kamera.jpg", "/.imaging/default/dam/bilder/kamera/jcr:content.jpg",
                THEME + "480/dam/bilder/kamera/jcr:content/kamera.jpg",
                THEME + "thumbnail/dam/bilder/kamera/jcr:content/kamera.jpg",
                THEME + "16x9/dam/bilder/kamera/jcr:content/kamera.jpg");
        for (String link : links) {
            HttpResponse<byte[]> served = get(link);
            assertThat(served.statusCode()).as(link).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).as(link).hasValue("image/jpeg");
            assertThat(TestImages.gpsDirectory(served.body())).as(link).isNull();
            assertThat(TestImages.jpegMetadataSegments(served.body())).as(link).allMatch(m -> m.startsWith("APP0 JFIF"));
            assertThat(TestImages.contains(served.body(), "GPS-SECRET-PLACE")).as(link).isFalse();
        }
    }

    @Test
    void aPngUploadedWithTextAndExifChunksIsServedWithoutThem() throws Exception {
        byte[] upload = TestImages.pngWithMetadata(300, 200);
        assertThat(TestImages.pngChunks(upload)).contains("tEXt", "eXIf");
        assertThat(upload("kart.png", upload, "image/png", true).statusCode()).isEqualTo(201);
        server.runtime().content().publish("dam", "/bilder/kart", PUBLISHER);
        for (String link : List.of("/dam/bilder/kart.png", THEME + "thumbnail/dam/bilder/kart/jcr:content/kart.png")) {
            HttpResponse<byte[]> served = get(link);
            assertThat(served.statusCode()).as(link).isEqualTo(200);
            assertThat(TestImages.pngChunks(served.body())).as(link).doesNotContain("tEXt", "zTXt", "iTXt", "eXIf")
                    .contains("IHDR", "IDAT", "IEND");
            assertThat(TestImages.contains(served.body(), "GPS-SECRET-PLACE")).as(link).isFalse();
        }
    }

    @Test
    void theFocalPointDecidesWhatACropKeeps() throws Exception {
        // left half red, right half blue: a square crop around a focal point on the right is blue
        assertThat(upload("delt.png", TestImages.png(800, 200), "image/png", true).statusCode()).isEqualTo(201);
        server.runtime().assets().describe(PUBLISHER, "/bilder/delt", Map.of("focalX", 0.9, "focalY", 0.5), -1);
        server.runtime().content().publish("dam", "/bilder/delt", PUBLISHER);
        BufferedImage thumb = image(get(THEME + "thumbnail/dam/bilder/delt/jcr:content/delt.png"));
        assertThat(thumb.getWidth()).isEqualTo(240);
        int centre = thumb.getRGB(120, 120);
        assertThat(centre & 0xFF).isGreaterThan(200);
        assertThat(centre >> 16 & 0xFF).isLessThan(60);
    }

    private static List<Integer> size(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        BufferedImage image = image(response);
        return List.of(image.getWidth(), image.getHeight());
    }
}
