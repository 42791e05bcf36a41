package no.sunnekommuner.cms.content.media;

import com.google.common.collect.ImmutableSet;

/**
 * What the media library accepts: the formats allowed, the largest file and the most pixels an image may have
 * (checked from the image header, before any raster is decoded, so a small file claiming 20,000 × 20,000 pixels
 * costs nothing).
 */
public record IntakeLimits(ImmutableSet<MediaFormat> allowed, long maxBytes, long maxPixels) {

    public IntakeLimits {
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("media limits must be positive");
        }
        allowed = ImmutableSet.copyOf(allowed);
    }

    /** JPEG, PNG, GIF, WebP and PDF up to 20 MB, images up to 50 megapixels. */
    public static IntakeLimits defaults() {
        return new IntakeLimits(ImmutableSet.copyOf(MediaFormat.values()), 20L * 1024 * 1024, 50_000_000L);
    }
}
