package no.sunnekommuner.cms.delivery;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Refuses requests whose {@code Accept} or {@code Content-Type} Jersey cannot parse with a 400 in the API's JSON
 * error shape. Without this, Jersey fails while matching the resource and answers a bare 400 with an empty body.
 */
@PreMatching
public final class HeaderChecks implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            request.getAcceptableMediaTypes();
        } catch (RuntimeException malformed) {
            request.abortWith(DeliveryErrors.response(400, "badRequest",
                    "The Accept header is malformed: use media types such as application/json").build());
            return;
        }
        try {
            request.getMediaType();
        } catch (RuntimeException malformed) {
            request.abortWith(DeliveryErrors.response(400, "badRequest",
                    "The " + HttpHeaders.CONTENT_TYPE + " header is malformed").build());
        }
    }
}
