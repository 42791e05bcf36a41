package no.sunnekommuner.cms.content.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
