package no.sunnekommuner.cms.definition;

/**
 * One named image variation of a theme's {@code imaging.variations} (Magnolia's {@code SimpleResizeVariation}):
 * width and/or height in pixels (0 = not set), and {@code crop} (Magnolia's default {@code true}: with both sizes
 * the rendition is exactly that size, cut from the middle; {@code false}: it fits inside them). Our extras, which
 * Magnolia ignores: {@code format} ({@code jpeg}, {@code png} or empty = the source's) and {@code quality} (JPEG,
 * 0 to 1); the crop keeps the asset's focal point in view where Magnolia CE cuts the centre.
 */
public record ImagingVariation(String name, int width, int height, boolean crop, String format, double quality) {

    public ImagingVariation {
        if (width < 0 || height < 0 || width > 10_000 || height > 10_000) {
            throw new IllegalArgumentException("variation " + name + ": width and height from 1 to 10000");
        }
        if (quality <= 0 || quality > 1) {
            throw new IllegalArgumentException("variation " + name + ": quality from 0 to 1");
        }
        format = format == null ? "" : format;
    }

    /** True when the variation resizes at all (Magnolia serves a variation without sizes at full size). */
    public boolean resizes() {
        return width > 0 || height > 0;
    }
}
