package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableMap;
import java.util.Optional;

/** A light module's {@code themes/<name>.yaml}, as far as the media library uses it: its image variations. */
public record ThemeDefinition(String name, String module, ImmutableMap<String, ImagingVariation> variations) {

    public ThemeDefinition {
        variations = ImmutableMap.copyOf(variations);
    }

    public Optional<ImagingVariation> variation(String variationName) {
        return Optional.ofNullable(variations.get(variationName));
    }
}
