package no.sunnekommuner.cms.content.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The intake's defences, each with the attack it stops. */
class AssetIntakeTest {

    private final AssetIntake intake = new AssetIntake(IntakeLimits.defaults());

    @Test
    void aScriptNamedJpgIsRefusedByItsBytes() {
        byte[] script = "<script>alert(document.cookie)</script>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> intake.accept("photo.jpg", script))
                .isInstanceOfSatisfying(MediaRefusedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MediaRefusedException.Kind.UNRECOGNISED);
                    assertThat(e.getMessage()).contains("'photo.jpg'").contains("JPEG, PNG");
                });
    }

    @Test
    void svgWithScriptIsRefused() {
        byte[] svg = ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script>"
                + "</svg>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> intake.accept("logo.svg", svg))
                .isInstanceOfSatisfying(MediaRefusedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MediaRefusedException.Kind.UNRECOGNISED);
                    assertThat(e.getMessage()).contains("SVG");
                });
    }

    @Test
    void aPngBombIsRefusedFromItsHeaderWithoutDecoding() {
        byte[] bomb = TestImages.pngBomb(20_000);
        assertThat(bomb.length).isLessThan(1_000_000);
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertThatThrownBy(() -> intake.accept("bomb.png", bomb))
                .isInstanceOfSatisfying(MediaRefusedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MediaRefusedException.Kind.TOO_MANY_PIXELS);
                    assertThat(e.getMessage()).contains("20000 × 20000");
                });
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        // a decoded 400-megapixel raster would need 400 MB at least
        assertThat(after - before).isLessThan(200L * 1024 * 1024);
    }

    @Test
    void anOversizedFileIsRefusedBeforeItsFormatIsLookedAt() {
        AssetIntake small = new AssetIntake(new IntakeLimits(ImmutableSet.copyOf(MediaFormat.values()), 1024, 1_000_000));
        byte[] png = TestImages.jpeg(400, 300);
        assertThat(png.length).isGreaterThan(1024);
        assertThatThrownBy(() -> small.accept("big.png", png))
                .isInstanceOfSatisfying(MediaRefusedException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaRefusedException.Kind.TOO_LARGE));
    }

    @Test
    void formatsNotConfiguredAreRefused() {
        AssetIntake imagesOnly = new AssetIntake(new IntakeLimits(ImmutableSet.of(MediaFormat.PNG), 1 << 20,
                1_000_000));
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> imagesOnly.accept("plan.pdf", pdf))
                .isInstanceOfSatisfying(MediaRefusedException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaRefusedException.Kind.NOT_ALLOWED));
        assertThat(intake.accept("plan.pdf", pdf).format()).isEqualTo(MediaFormat.PDF);
    }

    @Test
    void aTruncatedImageHeaderIsRefusedAsDamaged() {
        byte[] png = TestImages.png(40, 30);
        byte[] cut = java.util.Arrays.copyOf(png, 12);
        assertThatThrownBy(() -> intake.accept("cut.png", cut))
                .isInstanceOfSatisfying(MediaRefusedException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaRefusedException.Kind.DAMAGED));
    }

    @Test
    void gpsAndExifAreStrippedFromJpegs() throws Exception {
        byte[] upload = TestImages.jpegWithGps(64, 48, 1);
        assertThat(TestImages.contains(upload, "GPS-SECRET-PLACE")).isTrue();
        AssetIntake.Accepted accepted = intake.accept("camera.jpg", upload);
        assertThat(TestImages.contains(accepted.bytes(), "GPS-SECRET-PLACE")).isFalse();
        assertThat(TestImages.contains(accepted.bytes(), "Exif")).isFalse();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(accepted.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(accepted.width()).isEqualTo(64);
        assertThat(accepted.height()).isEqualTo(48);
    }

    @Test
    void theExifOrientationIsAppliedToThePixels() throws Exception {
        // orientation 6: the camera was turned; the picture is shown rotated 90° clockwise
        AssetIntake.Accepted accepted = intake.accept("turned.jpg", TestImages.jpegWithGps(80, 40, 6));
        assertThat(accepted.width()).isEqualTo(40);
        assertThat(accepted.height()).isEqualTo(80);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(accepted.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(40);
        assertThat(decoded.getHeight()).isEqualTo(80);
        // the yellow corner (top-left before) is top-right after a clockwise turn
        int topRight = decoded.getRGB(38, 2);
        assertThat((topRight >> 16 & 0xFF) > 180 && (topRight >> 8 & 0xFF) > 180 && (topRight & 0xFF) < 90).isTrue();
        assertThat(TestImages.contains(accepted.bytes(), "GPS-SECRET-PLACE")).isFalse();
    }

    @Test
    void textAndExifChunksAreStrippedFromPngs() throws Exception {
        byte[] upload = TestImages.pngWithMetadata(30, 20);
        AssetIntake.Accepted accepted = intake.accept("map.png", upload);
        assertThat(TestImages.contains(accepted.bytes(), "GPS-SECRET-PLACE")).isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(accepted.bytes())).getWidth()).isEqualTo(30);
    }

    @Test
    void theGpsPositionAJpegCarriesIsFoundByAMetadataReaderAndGoneAfterIntake() throws Exception {
        byte[] upload = TestImages.jpegWithGps(64, 48, 1);
        // the reader sees what a camera wrote (so its silence afterwards means something)
        assertThat(TestImages.gpsDirectory(upload)).isNotNull();
        assertThat(TestImages.jpegMetadataSegments(upload)).contains("APP1 Exif");
        byte[] stored = intake.accept("camera.jpg", upload).bytes();
        assertThat(TestImages.gpsDirectory(stored)).isNull();
        assertThat(TestImages.jpegMetadataSegments(stored)).allMatch(s -> s.startsWith("APP0 JFIF"));
    }

    @Test
    void commentsAndXmpAreStrippedFromGifsAndTheLoopIsKept() throws Exception {
        byte[] upload = TestImages.gifWithMetadata(40, 30);
        assertThat(ImageIO.read(new ByteArrayInputStream(upload)).getWidth()).isEqualTo(40);
        AssetIntake.Accepted accepted = intake.accept("anim.gif", upload);
        assertThat(accepted.format()).isEqualTo(MediaFormat.GIF);
        assertThat(TestImages.contains(accepted.bytes(), "GPS-SECRET-PLACE")).isFalse();
        assertThat(TestImages.contains(accepted.bytes(), "XMP DataXMP")).isFalse();
        assertThat(TestImages.contains(accepted.bytes(), "NETSCAPE2.0")).isTrue();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(accepted.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(40);
        assertThat(decoded.getHeight()).isEqualTo(30);
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(TestImages.encode(TestImages.drawing(40, 30),
                "gif")));
        assertThat(decoded.getRGB(2, 2)).isEqualTo(original.getRGB(2, 2));
        assertThat(decoded.getRGB(35, 25)).isEqualTo(original.getRGB(35, 25));
        // stripping is idempotent: a stored GIF goes through the intake again unchanged (imports, republish)
        assertThat(intake.accept("anim.gif", accepted.bytes()).bytes()).isEqualTo(accepted.bytes());
    }

    @Test
    void exifAndXmpChunksAreStrippedFromWebpsAndTheirFlagsCleared() throws Exception {
        byte[] upload = TestImages.webpWithMetadata();
        assertThat(TestImages.webpChunks(upload)).containsExactly("VP8X", "VP8L", "EXIF", "XMP ");
        AssetIntake.Accepted accepted = intake.accept("bilde.webp", upload);
        assertThat(accepted.format()).isEqualTo(MediaFormat.WEBP);
        assertThat(TestImages.webpChunks(accepted.bytes())).containsExactly("VP8X", "VP8L");
        assertThat(TestImages.contains(accepted.bytes(), "GPS-SECRET-PLACE")).isFalse();
        assertThat(accepted.bytes()[20] & 0x0C).as("VP8X flags for EXIF and XMP").isZero();
        int riffSize = (accepted.bytes()[4] & 0xFF) | (accepted.bytes()[5] & 0xFF) << 8;
        assertThat(riffSize).isEqualTo(accepted.bytes().length - 8);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(accepted.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(1);
        assertThat(accepted.width()).isEqualTo(1);
    }

    @Test
    void pngTextAndExifChunksAreRemovedAndTheImageChunksKept() {
        byte[] upload = TestImages.pngWithMetadata(30, 20);
        assertThat(TestImages.pngChunks(upload)).contains("tEXt", "eXIf");
        java.util.List<String> stored = TestImages.pngChunks(intake.accept("map.png", upload).bytes());
        assertThat(stored).doesNotContain("tEXt", "eXIf").startsWith("IHDR").endsWith("IEND").contains("IDAT");
        assertThat(stored.stream().filter(c -> !c.equals("IDAT")).toList())
                .isEqualTo(TestImages.pngChunks(upload).stream()
                        .filter(c -> !c.equals("IDAT") && !c.equals("tEXt") && !c.equals("eXIf")).toList());
    }

    @Test
    void fileNamesAreNormalisedAndGetTheExtensionOfTheirFormat() {
        AssetIntake.Accepted accepted = intake.accept("../../etc/Fjord på Sunne.JPG", TestImages.png(8, 8));
        assertThat(accepted.fileName()).isEqualTo("Fjord på Sunne.png");
        assertThat(accepted.nodeName()).isEqualTo("fjord-pa-sunne");
        assertThat(intake.accept("evil.php.jpg", TestImages.png(8, 8)).fileName()).isEqualTo("evil.php.png");
        assertThat(intake.accept(".htaccess\u0000x.gif", TestImages.png(8, 8)).fileName()).isEqualTo("htaccessx.png");
    }

    @Test
    void everyKindOfRefusalHasAMessageInBothLanguages() throws Exception {
        for (String bundle : new String[] {"translations_nb", "translations_en", "translations"}) {
            java.util.Properties p = new java.util.Properties();
            try (var in = getClass().getResourceAsStream("/vaadin-i18n/" + bundle + ".properties")) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
            for (MediaRefusedException.Kind kind : MediaRefusedException.Kind.values()) {
                assertThat(p.getProperty(new MediaRefusedException(kind, "x").messageKey())).as(bundle + " " + kind)
                        .isNotBlank();
            }
        }
    }
}
