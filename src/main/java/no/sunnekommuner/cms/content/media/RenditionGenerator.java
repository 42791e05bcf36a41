package no.sunnekommuner.cms.content.media;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Position;
import no.sunnekommuner.cms.definition.ImagingVariation;

/**
 * Makes a rendition of an image for a variation, as Magnolia's {@code SimpleResizeVariation} does (width only:
 * scaled to the width, upscaled too; both sizes with crop: exactly that size; both without crop: fitted inside),
 * with two differences of ours: a crop keeps the focal point in view (Magnolia CE cuts the centre), and a large
 * source is decoded subsampled to about the size needed, so a 24-megapixel JPEG never occupies the memory of its
 * full raster. Resizing is Thumbnailator's (progressive bilinear, good quality at these ratios).
 */
public final class RenditionGenerator {

    /** A generated rendition. */
    public record Rendition(byte[] bytes, MediaFormat format, int width, int height) {
    }

    /**
     * @param focalX focal point as a fraction of the width (0.5 = centre)
     * @param focalY focal point as a fraction of the height
     */
    public Rendition render(InputStream source, MediaFormat sourceFormat, ImagingVariation variation, double focalX,
            double focalY) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(source)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a readable image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(w, h, variation);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                MediaFormat format = outputFormat(sourceFormat, variation);
                BufferedImage result = resize(image, variation, focalX, focalY, format, plannedSize(w, h, variation));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Thumbnails.of(result).scale(1.0).outputFormat(format == MediaFormat.JPEG ? "jpg" : "png")
                        .outputQuality(variation.quality()).toOutputStream(out);
                return new Rendition(out.toByteArray(), format, result.getWidth(), result.getHeight());
            } finally {
                reader.dispose();
            }
        }
    }

    /** The size a rendition of a {@code w} × {@code h} image will have (known without generating it). */
    public static int[] plannedSize(int w, int h, ImagingVariation v) {
        if (!v.resizes() || w <= 0 || h <= 0) {
            return new int[] {w, h};
        }
        if (v.width() > 0 && v.height() > 0) {
            if (v.crop()) {
                return new int[] {v.width(), v.height()};
            }
            // rounded down, as Magnolia's SimpleResizeVariation does (640 x 480 in 150 x 150 is 150 x 112)
            double scale = Math.min((double) v.width() / w, (double) v.height() / h);
            return new int[] {Math.max(1, (int) Math.min(v.width(), Math.floor(w * scale + 1e-9))),
                    Math.max(1, (int) Math.min(v.height(), Math.floor(h * scale + 1e-9)))};
        }
        if (v.width() > 0) {
            return new int[] {v.width(), Math.max(1, (int) Math.round(h * (double) v.width() / w))};
        }
        return new int[] {Math.max(1, (int) Math.round(w * (double) v.height() / h)), v.height()};
    }

    /** The largest whole subsampling step that still leaves at least the pixels the variation needs. */
    static int subsampling(int w, int h, ImagingVariation v) {
        if (!v.resizes()) {
            return 1;
        }
        double sx = v.width() > 0 ? (double) w / v.width() : Double.MAX_VALUE;
        double sy = v.height() > 0 ? (double) h / v.height() : Double.MAX_VALUE;
        // cropping fills the box: the smaller ratio decides; fitting: the larger one
        double ratio = v.width() > 0 && v.height() > 0 && !v.crop() ? Math.max(sx, sy) : Math.min(sx, sy);
        // keep twice the pixels needed, so the final resize still smooths
        return Math.max(1, (int) Math.floor(ratio / 2));
    }

    /** The format a variation's renditions of a source are written in. */
    public static MediaFormat outputFormat(MediaFormat sourceFormat, ImagingVariation v) {
        if (v.format().equalsIgnoreCase("jpeg") || v.format().equalsIgnoreCase("jpg")) {
            return MediaFormat.JPEG;
        }
        if (v.format().equalsIgnoreCase("png")) {
            return MediaFormat.PNG;
        }
        // the source's own format where we can write it (GIF and WebP become PNG: no writer, and no loss)
        return sourceFormat == MediaFormat.JPEG ? MediaFormat.JPEG : MediaFormat.PNG;
    }

    private static BufferedImage resize(BufferedImage image, ImagingVariation v, double fx, double fy,
            MediaFormat format, int[] planned) throws IOException {
        BufferedImage source = format == MediaFormat.JPEG ? opaque(image) : image;
        if (!v.resizes()) {
            return source;
        }
        if (v.width() > 0 && v.height() > 0) {
            if (v.crop()) {
                return Thumbnails.of(source).size(v.width(), v.height()).crop(new Focal(fx, fy)).asBufferedImage();
            }
            // fitted to the planned size (the one delivery announces), not Thumbnailator's own rounding
            return Thumbnails.of(source).forceSize(planned[0], planned[1]).asBufferedImage();
        }
        if (v.width() > 0) {
            return Thumbnails.of(source).width(v.width()).asBufferedImage();
        }
        return Thumbnails.of(source).height(v.height()).asBufferedImage();
    }

    /** JPEG has no alpha: transparent pixels become white instead of black. */
    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = rgb.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /**
     * Where a crop is cut: centred on the focal point, kept inside the image. Thumbnailator asks for the offset of
     * the scaled image ({@code width} × {@code height}) inside the crop box ({@code enclosing…}), so the answer is
     * the negative of the cut's top-left corner.
     */
    record Focal(double x, double y) implements Position {
        @Override
        public Point calculate(int enclosingWidth, int enclosingHeight, int width, int height, int insetLeft,
                int insetRight, int insetTop, int insetBottom) {
            int left = (int) Math.round(x * width - enclosingWidth / 2.0);
            int top = (int) Math.round(y * height - enclosingHeight / 2.0);
            return new Point(-Math.max(0, Math.min(width - enclosingWidth, left)),
                    -Math.max(0, Math.min(height - enclosingHeight, top)));
        }
    }
}
