package no.sunnekommuner.cms.delivery;

import com.google.common.collect.ImmutableSet;
import no.sunnekommuner.cms.definition.EndpointOptions;

/**
 * What one response renders: the endpoint, the language, the property selection of a query
 * ({@code properties} / {@code excludeProperties}; reads ignore them, as Magnolia does) and the endpoint's website
 * options ({@code standalone/content-rules.yaml}).
 */
public record RenderOptions(DeliveryEndpoint endpoint, ContentLocale locale, String fallbackLanguage,
        ImmutableSet<String> onlyProperties, ImmutableSet<String> excludedProperties, String linkBase,
        EndpointOptions extras) {

    public RenderOptions {
        onlyProperties = onlyProperties == null ? ImmutableSet.of() : onlyProperties;
        excludedProperties = excludedProperties == null ? ImmutableSet.of() : excludedProperties;
        extras = extras == null ? EndpointOptions.NONE : extras;
    }

    /** Without website options: Magnolia's rendering. */
    public RenderOptions(DeliveryEndpoint endpoint, ContentLocale locale, String fallbackLanguage,
            ImmutableSet<String> onlyProperties, ImmutableSet<String> excludedProperties, String linkBase) {
        this(endpoint, locale, fallbackLanguage, onlyProperties, excludedProperties, linkBase, EndpointOptions.NONE);
    }

    /** The same options with the endpoint's website options (standalone/content-rules.yaml). */
    RenderOptions withExtras(EndpointOptions endpointOptions) {
        return new RenderOptions(endpoint, locale, fallbackLanguage, onlyProperties, excludedProperties, linkBase,
                endpointOptions);
    }

    /** Emit {@code mgnl:lastModified} although system properties are not included. */
    boolean lastModified() {
        return extras.lastModified();
    }

    /** Emit {@code <property>@label} next to option values (not under {@code lang=all}: no one language). */
    boolean optionLabels() {
        return extras.optionLabels() && !locale.all();
    }

    RenderOptions forRead() {
        return new RenderOptions(endpoint, locale, fallbackLanguage, ImmutableSet.of(), ImmutableSet.of(), linkBase,
                extras);
    }
}
