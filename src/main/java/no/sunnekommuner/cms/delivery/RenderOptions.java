package no.sunnekommuner.cms.delivery;

import com.google.common.collect.ImmutableSet;

/**
 * What one response renders: the endpoint, the language, and the property selection of a query
 * ({@code properties} / {@code excludeProperties}; reads ignore them, as Magnolia does).
 */
public record RenderOptions(DeliveryEndpoint endpoint, ContentLocale locale, String fallbackLanguage,
        ImmutableSet<String> onlyProperties, ImmutableSet<String> excludedProperties, String linkBase,
        boolean lastModified) {

    public RenderOptions {
        onlyProperties = onlyProperties == null ? ImmutableSet.of() : onlyProperties;
        excludedProperties = excludedProperties == null ? ImmutableSet.of() : excludedProperties;
    }

    /** Without {@code mgnl:lastModified} unless the endpoint includes system properties. */
    public RenderOptions(DeliveryEndpoint endpoint, ContentLocale locale, String fallbackLanguage,
            ImmutableSet<String> onlyProperties, ImmutableSet<String> excludedProperties, String linkBase) {
        this(endpoint, locale, fallbackLanguage, onlyProperties, excludedProperties, linkBase, false);
    }

    /** The same options with the endpoint's {@code lastModified} setting (standalone/content-rules.yaml). */
    RenderOptions withLastModified(boolean emit) {
        return new RenderOptions(endpoint, locale, fallbackLanguage, onlyProperties, excludedProperties, linkBase,
                emit);
    }

    RenderOptions forRead() {
        return new RenderOptions(endpoint, locale, fallbackLanguage, ImmutableSet.of(), ImmutableSet.of(), linkBase,
                lastModified);
    }
}
