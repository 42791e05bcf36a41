package no.sunnekommuner.cms.delivery;

import com.google.common.collect.ImmutableListMultimap;
import no.sunnekommuner.cms.definition.EndpointOptions;

/**
 * An endpoint's website options applied to a request: a list request without {@code orderBy} gets the
 * endpoint's {@code defaultOrderBy}, exactly as if the client had sent it (so its answer is Magnolia's answer to
 * that request).
 */
final class EndpointDefaults {

    /** Magnolia's name of the last change, emitted by endpoints with {@code lastModified: true}. */
    static final String LAST_MODIFIED = "mgnl:lastModified";

    private EndpointDefaults() {
    }

    static QueryParameters withDefaultOrder(EndpointOptions options, QueryParameters parameters) {
        if (options.defaultOrder().isEmpty() || parameters.first("orderBy").isPresent()) {
            return parameters;
        }
        return new QueryParameters(ImmutableListMultimap.<String, String>builder().putAll(parameters.values())
                .put("orderBy", options.defaultOrderBy()).build());
    }
}
