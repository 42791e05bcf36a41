package no.sunnekommuner.cms.website;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Responsive images from the delivery API's resolved assets ({@code assetReferenceResolver}): an {@code <img>}'s
 * {@code src}, {@code srcset} with each rendition's width (our extra key), {@code sizes}, its alt text and size,
 * all links made absolute on the API's origin (the browser loads them from the CMS, the only image origin the
 * site's Content-Security-Policy allows). A value that is no resolved asset (an unpublished asset stays its key, an
 * old image URL stays text) gives no picture, so a page never shows an image from elsewhere. Which renditions
 * serve which use is {@code image.*} in {@code website/site-model.properties}. The templates call it as
 * {@code ${pictures.article(...)}}.
 */
public final class Pictures {

    private final String apiOrigin;
    private final List<String> articleRenditions;
    private final String articleSizes;
    private final String cardRendition;
    private final String logoRendition;
    private final String shareRendition;

    Pictures(URI apiBase, SiteModel model) {
        String base = apiBase.toString();
        this.apiOrigin = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.articleRenditions = model.list("image.articleRenditions");
        this.articleSizes = model.get("image.articleSizes");
        this.cardRendition = model.get("image.cardRendition");
        this.logoRendition = model.get("image.logoRendition");
        this.shareRendition = model.get("image.shareRendition");
    }

    /** One image as the templates write it. */
    public static final class Picture {
        private final String src;
        private final String srcset;
        private final String sizes;
        private final String alt;
        private final Object width;
        private final Object height;
        private final String credit;

        Picture(String src, String srcset, String sizes, String alt, Object width, Object height, String credit) {
            this.src = src;
            this.srcset = srcset;
            this.sizes = sizes;
            this.alt = alt;
            this.width = width;
            this.height = height;
            this.credit = credit;
        }

        public String getSrc() {
            return src;
        }

        public String getSrcset() {
            return srcset;
        }

        public String getSizes() {
            return sizes;
        }

        public String getAlt() {
            return alt;
        }

        public Object getWidth() {
            return width;
        }

        public Object getHeight() {
            return height;
        }

        /** The asset's credit ({@code metadata.rights}), or null. */
        public String getCredit() {
            return credit;
        }
    }

    /** An article's picture: the renditions of one aspect ratio as a srcset; alt is the article's or the asset's. */
    public Picture article(Object asset, Object altOverride) {
        Map<?, ?> a = asset(asset);
        String alt = alt(a, altOverride);
        if (a == null || alt == null) {
            return null; // WCAG 1.1.1: no picture without its text
        }
        List<String> candidates = new ArrayList<>();
        Map<?, ?> largest = null;
        for (String name : articleRenditions) {
            Map<?, ?> r = rendition(a, name);
            String link = r == null ? null : absolute(r.get("link"));
            if (link != null && r.get("width") != null) {
                candidates.add(link + " " + r.get("width") + "w");
                largest = r;
            }
        }
        if (largest == null) {
            return null;
        }
        return new Picture(absolute(largest.get("link")), String.join(", ", candidates), articleSizes, alt,
                largest.get("width"), largest.get("height"), text(metadata(a).get("rights")));
    }

    /** A news card's thumbnail. */
    public Picture card(Object asset, Object altOverride) {
        return single(asset(asset), cardRendition, altOverride);
    }

    /** A member's logo (fitted, never cropped); its alt text is the asset's. */
    public Picture emblem(Object asset) {
        return single(asset(asset), logoRendition, null);
    }

    /** The absolute link of the picture shared by Open Graph ({@code og:image}), or null. */
    public String share(Object asset) {
        Map<?, ?> r = rendition(asset(asset), shareRendition);
        return r == null ? null : absolute(r.get("link"));
    }

    private Picture single(Map<?, ?> a, String name, Object altOverride) {
        String alt = alt(a, altOverride);
        Map<?, ?> r = rendition(a, name);
        String link = r == null ? null : absolute(r.get("link"));
        if (link == null || alt == null) {
            return null;
        }
        return new Picture(link, null, null, alt, r.get("width"), r.get("height"),
                text(metadata(a).get("rights")));
    }

    private static Map<?, ?> asset(Object value) {
        return value instanceof Map<?, ?> m && m.get("@id") != null ? m : null;
    }

    private static String alt(Map<?, ?> asset, Object override) {
        String own = text(override);
        if (own != null) {
            return own;
        }
        return asset == null ? null : text(metadata(asset).get("altText"));
    }

    private static Map<?, ?> metadata(Map<?, ?> asset) {
        return asset.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
    }

    private static Map<?, ?> rendition(Map<?, ?> asset, String name) {
        if (asset == null || !(asset.get("renditions") instanceof Map<?, ?> all)) {
            return null;
        }
        return all.get(name) instanceof Map<?, ?> r && r.get("link") instanceof String ? r : null;
    }

    /** The API's links are root-relative; one that is not (another origin) is not taken. */
    private String absolute(Object link) {
        String l = String.valueOf(link);
        return l.startsWith("/") && !l.startsWith("//") ? apiOrigin + l : null;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
