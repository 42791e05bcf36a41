package no.sunnekommuner.cms.delivery.media;

import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import no.sunnekommuner.cms.definition.ThemeDefinition;

/**
 * Settings of the binary links, made by the composition root.
 *
 * @param theme         the theme whose variations the renditions are (Magnolia: the site's theme); may be null
 * @param themes        every loaded theme (an {@code /.imaging/mte/<theme>/...} link may name any of them)
 * @param cacheControl  {@code Cache-Control} of links without a current {@code v} (as delivery JSON's)
 * @param maxBodyBytes  the largest upload body read (the intake's limit; beyond it 413 while reading)
 */
public record MediaDelivery(ThemeDefinition theme, ImmutableMap<String, ThemeDefinition> themes, Path cacheDir,
        int renditionThreads, String cacheControl, long maxBodyBytes) {

    /** Links that carry the asset's current version never change: browsers and proxies may keep them a year. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
}
