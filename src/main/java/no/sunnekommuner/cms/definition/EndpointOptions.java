package no.sunnekommuner.cms.definition;

import java.util.Optional;

/**
 * What a website needs from an endpoint beyond Magnolia's {@code jcrDeliveryEndpoint_v2} keys, from the module's
 * {@code standalone/content-rules.yaml} ({@code endpoints.<endpoint path>}); Magnolia ignores that file, and the
 * JSON stays Magnolia's (an order Magnolia could be asked for, a property Magnolia also emits) or only gains keys
 * next to Magnolia's.
 *
 * @param defaultOrderBy the order of a list request without {@code orderBy} (the API's {@code orderBy} form,
 *                       e.g. {@code publishDate desc}); null = the repository's order, as Magnolia's
 * @param lastModified   emit {@code mgnl:lastModified} (Magnolia's name and date format) on every item, without
 *                       {@code includeSystemProperties} (which would also publish the editors' user names)
 * @param optionLabels   next to every value of a property with {@code options}, emit {@code <property>@label}:
 *                       the option's label in the response language, from the module's message bundles
 */
public record EndpointOptions(String defaultOrderBy, boolean lastModified, boolean optionLabels) {

    public static final EndpointOptions NONE = new EndpointOptions(null, false, false);

    public Optional<String> defaultOrder() {
        return Optional.ofNullable(defaultOrderBy);
    }
}
