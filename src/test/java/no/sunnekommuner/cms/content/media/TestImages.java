package no.sunnekommuner.cms.content.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/** Images drawn in code for the media tests (no third-party files), and hostile files built byte by byte. */
public final class TestImages {

    private TestImages() {
    }

    /** A drawn picture: left half red, right half blue, a yellow square in the top-left corner. */
    public static BufferedImage drawing(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.setColor(Color.YELLOW);
        g.fillRect(0, 0, Math.max(1, width / 8), Math.max(1, height / 8));
        g.dispose();
        return image;
    }

    public static byte[] png(int width, int height) {
        return encode(drawing(width, height), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(drawing(width, height), "jpeg");
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A JPEG with an EXIF block (right after SOI) holding an orientation and a GPS position (latitude 59° N, with
     * the marker text {@code GPS-SECRET-PLACE} in GPSProcessingMethod so a test can look for it in the output).
     */
    public static byte[] jpegWithGps(int width, int height, int orientation) {
        byte[] jpeg = jpeg(width, height);
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(tiff)) {
            d.writeBytes("MM");
            d.writeShort(42);
            d.writeInt(8);
            // IFD0 at 8: 2 entries (12 bytes each) + next-IFD offset = 2 + 24 + 4 = 30 → GPS IFD at 38
            d.writeShort(2);
            d.writeShort(0x0112); d.writeShort(3); d.writeInt(1); d.writeShort(orientation); d.writeShort(0);
            d.writeShort(0x8825); d.writeShort(4); d.writeInt(1); d.writeInt(38);
            d.writeInt(0);
            // GPS IFD at 38: 2 entries + next = 30 bytes → processing method text at 68
            byte[] method = "ASCII\0\0\0GPS-SECRET-PLACE".getBytes(StandardCharsets.US_ASCII);
            d.writeShort(2);
            d.writeShort(0x0001); d.writeShort(2); d.writeInt(2); d.writeBytes("N\0"); d.writeShort(0);
            d.writeShort(0x001B); d.writeShort(7); d.writeInt(method.length); d.writeInt(68);
            d.writeInt(0);
            d.write(method);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] exif = tiff.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + exif.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A PNG with a text chunk and an eXIf chunk inserted after IHDR. */
    public static byte[] pngWithMetadata(int width, int height) {
        byte[] png = png(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 8 + 25); // signature + IHDR chunk
        writeChunk(out, "tEXt", "Comment\0GPS-SECRET-PLACE".getBytes(StandardCharsets.ISO_8859_1));
        writeChunk(out, "eXIf", "MM\0*GPS-SECRET-PLACE".getBytes(StandardCharsets.ISO_8859_1));
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    /**
     * A GIF drawn in code with a comment, an XMP application extension (its packet holding
     * {@code GPS-SECRET-PLACE}) and Netscape's looping extension, as cameras' and editors' GIFs come.
     */
    public static byte[] gifWithMetadata(int width, int height) {
        byte[] gif = encode(drawing(width, height), "gif");
        int headerEnd = 13 + ((gif[10] & 0x80) == 0 ? 0 : 3 * (1 << ((gif[10] & 0x07) + 1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(gif, 0, headerEnd);
        // Netscape looping extension: kept
        out.writeBytes(new byte[] {0x21, (byte) 0xFF, 11});
        out.writeBytes("NETSCAPE2.0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {3, 1, 0, 0, 0});
        // comment extension
        byte[] comment = "Taken at GPS-SECRET-PLACE".getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(new byte[] {0x21, (byte) 0xFE, (byte) comment.length});
        out.writeBytes(comment);
        out.write(0);
        // XMP application extension: the packet as raw bytes, then Adobe's 258-byte "magic trailer" that turns it
        // into valid sub-blocks (0x01, 0xFF ... 0x00, 0x00)
        out.writeBytes(new byte[] {0x21, (byte) 0xFF, 11});
        out.writeBytes("XMP DataXMP".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(("<x:xmpmeta xmlns:x='adobe:ns:meta/'><exif:GPSLatitude xmlns:exif='http://ns.adobe.com/exif/"
                + "1.0/'>59,54N GPS-SECRET-PLACE</exif:GPSLatitude></x:xmpmeta>").getBytes(StandardCharsets.US_ASCII));
        out.write(0x01);
        for (int v = 0xFF; v >= 0; v--) {
            out.write(v);
        }
        out.write(0);
        out.write(gif, headerEnd, gif.length - headerEnd);
        return out.toByteArray();
    }

    /** A 1 × 1 lossless WebP (a VP8L chunk of one pixel). */
    private static final byte[] WEBP_1X1 = java.util.Base64.getDecoder().decode(
            "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    /**
     * A 1 × 1 WebP in the extended format: a VP8X header announcing EXIF and XMP, the image, then an EXIF and an
     * XMP chunk both holding {@code GPS-SECRET-PLACE}.
     */
    public static byte[] webpWithMetadata() {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        chunks.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        writeRiffChunk(chunks, "VP8X", new byte[] {0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // EXIF + XMP flags, 1 x 1
        chunks.write(WEBP_1X1, 12, WEBP_1X1.length - 12); // the VP8L chunk as it is
        writeRiffChunk(chunks, "EXIF", "MM\0*GPS-SECRET-PLACE".getBytes(StandardCharsets.US_ASCII));
        writeRiffChunk(chunks, "XMP ", "<x:xmpmeta>GPS-SECRET-PLACE</x:xmpmeta>".getBytes(StandardCharsets.US_ASCII));
        byte[] body = chunks.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        writeLe32(out, body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void writeRiffChunk(ByteArrayOutputStream out, String fourcc, byte[] data) {
        out.writeBytes(fourcc.getBytes(StandardCharsets.US_ASCII));
        writeLe32(out, data.length);
        out.writeBytes(data);
        if ((data.length & 1) == 1) {
            out.write(0);
        }
    }

    private static void writeLe32(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write(v >> 8 & 0xFF);
        out.write(v >> 16 & 0xFF);
        out.write(v >> 24 & 0xFF);
    }

    /** The chunk types of a PNG, in order. */
    public static java.util.List<String> pngChunks(byte[] png) {
        java.util.List<String> types = new java.util.ArrayList<>();
        int i = 8;
        while (i + 12 <= png.length) {
            int length = (png[i] & 0xFF) << 24 | (png[i + 1] & 0xFF) << 16 | (png[i + 2] & 0xFF) << 8
                    | (png[i + 3] & 0xFF);
            types.add(new String(png, i + 4, 4, StandardCharsets.ISO_8859_1));
            i += 12 + length;
        }
        return types;
    }

    /** The four-character codes of a WebP's chunks, in order. */
    public static java.util.List<String> webpChunks(byte[] webp) {
        java.util.List<String> types = new java.util.ArrayList<>();
        int i = 12;
        while (i + 8 <= webp.length) {
            int size = (webp[i + 4] & 0xFF) | (webp[i + 5] & 0xFF) << 8 | (webp[i + 6] & 0xFF) << 16
                    | (webp[i + 7] & 0xFF) << 24;
            types.add(new String(webp, i, 4, StandardCharsets.ISO_8859_1));
            i += 8 + size + (size & 1);
        }
        return types;
    }

    /**
     * The metadata segments of a JPEG as TwelveMonkeys' segment reader sees them: APPn markers and comments, each
     * as {@code APP1 Exif} (marker and identifier).
     */
    public static java.util.List<String> jpegMetadataSegments(byte[] jpeg) throws IOException {
        java.util.List<String> found = new java.util.ArrayList<>();
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(
                new java.io.ByteArrayInputStream(jpeg))) {
            for (com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment segment
                    : com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil.readSegments(in,
                            com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil.ALL_SEGMENTS)) {
                int marker = segment.marker();
                if ((marker >= 0xFFE0 && marker <= 0xFFEF) || marker == 0xFFFE) {
                    found.add((marker == 0xFFFE ? "COM" : "APP" + (marker - 0xFFE0)) + " "
                            + Objects.requireNonNullElse(segment.identifier(), ""));
                }
            }
        }
        return found;
    }

    /** The GPS directory of a JPEG's EXIF as TwelveMonkeys' EXIF reader finds it, or null. */
    public static com.twelvemonkeys.imageio.metadata.Directory gpsDirectory(byte[] jpeg) throws IOException {
        byte[] exif = MetadataStripper.jpegExif(jpeg);
        if (exif == null) {
            return null;
        }
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(
                new java.io.ByteArrayInputStream(exif))) {
            com.twelvemonkeys.imageio.metadata.Directory ifd0 =
                    new com.twelvemonkeys.imageio.metadata.tiff.TIFFReader().read(in);
            com.twelvemonkeys.imageio.metadata.Entry gps = ifd0.getEntryById(
                    0x8825); // GPSInfo IFD pointer
            return gps != null && gps.getValue() instanceof com.twelvemonkeys.imageio.metadata.Directory d ? d : null;
        }
    }

    /**
     * A decompression bomb: a PNG of {@code side} × {@code side} one-bit grey pixels, all black, whose zeros
     * compress to a small file (20,000 × 20,000 is 400 megapixels in well under 100 KB).
     */
    public static byte[] pngBomb(int side) {
        try {
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new java.util.zip.Deflater(9))) {
                byte[] row = new byte[1 + (side + 7) / 8];
                for (int y = 0; y < side; y++) {
                    z.write(row);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            try (DataOutputStream d = new DataOutputStream(ihdr)) {
                d.writeInt(side);
                d.writeInt(side);
                d.writeByte(1); // bit depth
                d.writeByte(0); // greyscale
                d.writeByte(0);
                d.writeByte(0);
                d.writeByte(0);
            }
            writeChunk(out, "IHDR", ihdr.toByteArray());
            writeChunk(out, "IDAT", idat.toByteArray());
            writeChunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        out.write(data.length >>> 24);
        out.write(data.length >>> 16 & 0xFF);
        out.write(data.length >>> 8 & 0xFF);
        out.write(data.length & 0xFF);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        long c = crc.getValue();
        out.write((int) (c >>> 24));
        out.write((int) (c >>> 16 & 0xFF));
        out.write((int) (c >>> 8 & 0xFF));
        out.write((int) (c & 0xFF));
    }

    public static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
