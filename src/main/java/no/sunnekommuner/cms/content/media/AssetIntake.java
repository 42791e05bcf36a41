package no.sunnekommuner.cms.content.media;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import no.sunnekommuner.cms.content.media.MediaRefusedException.Kind;

/**
 * The safe way in for files: the size first, then the format from the bytes (never the name or a declared type),
 * the configured formats, the pixel count from the image header (before a raster is decoded), then metadata
 * removed (EXIF with GPS, XMP, IPTC, comments) and a JPEG's EXIF orientation applied to its pixels, so that the
 * stored file needs no metadata to be shown upright. What is accepted is what will be stored and served.
 */
public final class AssetIntake {

    /** Quality of a JPEG re-encoded because its orientation had to be applied. */
    private static final float ROTATED_JPEG_QUALITY = 0.92f;

    private final IntakeLimits limits;

    public AssetIntake(IntakeLimits limits) {
        this.limits = limits;
    }

    public IntakeLimits limits() {
        return limits;
    }

    /** A file as it will be stored. */
    public record Accepted(String fileName, String nodeName, MediaFormat format, byte[] bytes, int width,
            int height) {

        /** The resource node's file properties as Magnolia's DAM keeps them, all taken from the checked bytes. */
        public no.sunnekommuner.cms.content.model.ContentNode.Builder describe(
                no.sunnekommuner.cms.content.model.ContentNode.Builder resource) {
            return resource.property(AssetNodes.DATA, com.google.common.io.ByteSource.wrap(bytes))
                    .property(AssetNodes.MIME_TYPE, format.mimeType())
                    .property(AssetNodes.FILE_NAME, fileName)
                    .property(AssetNodes.EXTENSION, format.extension())
                    .property(AssetNodes.SIZE, (long) bytes.length)
                    // documents have no pixel size; Magnolia stores none for them either
                    .property(AssetNodes.WIDTH, format.image() ? (Long) (long) width : null)
                    .property(AssetNodes.HEIGHT, format.image() ? (Long) (long) height : null);
        }
    }

    /**
     * Checks and cleans an upload.
     *
     * @throws MediaRefusedException with the kind of refusal and a message naming the file
     */
    public Accepted accept(String uploadedName, byte[] bytes) {
        String shown = uploadedName == null || uploadedName.isBlank() ? "the file" : "'" + uploadedName + "'";
        if (bytes == null || bytes.length == 0) {
            throw new MediaRefusedException(Kind.EMPTY, shown + " is empty");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new MediaRefusedException(Kind.TOO_LARGE, shown + " is larger than "
                    + megabytes(limits.maxBytes()) + " MB");
        }
        MediaFormat format = MediaFormat.detect(bytes).orElseThrow(() -> new MediaRefusedException(
                Kind.UNRECOGNISED, shown + " is not a " + allowedNames() + " file" + (looksLikeMarkup(bytes)
                        ? " (SVG, HTML and other text formats are not accepted: they can carry scripts)" : "")));
        if (!limits.allowed().contains(format)) {
            throw new MediaRefusedException(Kind.NOT_ALLOWED, shown + " is a " + format.key().toUpperCase(Locale.ROOT)
                    + " file; allowed are " + allowedNames());
        }
        String fileName = FileNames.fileName(uploadedName, format);
        String nodeName = FileNames.nodeName(uploadedName);
        if (!format.image()) {
            return new Accepted(fileName, nodeName, format, bytes, 0, 0);
        }
        int[] size = dimensions(bytes, shown);
        long pixels = (long) size[0] * size[1];
        if (pixels > limits.maxPixels()) {
            throw new MediaRefusedException(Kind.TOO_MANY_PIXELS, shown + " has " + size[0] + " × " + size[1]
                    + " pixels; at most " + limits.maxPixels() / 1_000_000 + " megapixels are accepted");
        }
        byte[] cleaned = MetadataStripper.strip(format, bytes);
        if (format == MediaFormat.JPEG) {
            int orientation = orientation(MetadataStripper.jpegExif(bytes));
            if (orientation > 1 && orientation <= 8) {
                BufferedImage upright = orient(decode(cleaned, shown), orientation);
                return new Accepted(fileName, nodeName, format, encodeJpeg(upright), upright.getWidth(),
                        upright.getHeight());
            }
        }
        return new Accepted(fileName, nodeName, format, cleaned, size[0], size[1]);
    }

    private String allowedNames() {
        return String.join(", ", limits.allowed().stream().map(f -> f.key().toUpperCase(Locale.ROOT)).toList());
    }

    private static long megabytes(long bytes) {
        return Math.max(1, bytes / (1024 * 1024));
    }

    private static boolean looksLikeMarkup(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        return head.contains("<svg") || head.contains("<?xml") || head.contains("<html") || head.contains("<script");
    }

    /** Width and height from the header alone: no raster is decoded here. */
    static int[] dimensions(byte[] bytes, String shown) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new MediaRefusedException(Kind.DAMAGED, shown + " cannot be read as an image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MediaRefusedException refused) {
                throw refused;
            }
            throw new MediaRefusedException(Kind.DAMAGED, shown + " cannot be read as an image (" + e.getMessage()
                    + ")");
        }
    }

    private static BufferedImage decode(byte[] bytes, String shown) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new MediaRefusedException(Kind.DAMAGED, shown + " cannot be read as an image");
            }
            return image;
        } catch (IOException e) {
            throw new MediaRefusedException(Kind.DAMAGED, shown + " cannot be read as an image (" + e.getMessage()
                    + ")");
        }
    }

    /** The EXIF orientation (1 to 8), 1 when there is none or it cannot be read. */
    static int orientation(byte[] exif) {
        if (exif == null) {
            return 1;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(exif))) {
            Directory directory = new TIFFReader().read(in);
            Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
            return entry != null && entry.getValue() instanceof Number n ? n.intValue() : 1;
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /** Applies an EXIF orientation to the pixels (the stored file then carries no orientation to obey). */
    static BufferedImage orient(BufferedImage source, int orientation) {
        int w = source.getWidth();
        int h = source.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
        BufferedImage target = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(source, t, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    static byte[] encodeJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(ROTATED_JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
