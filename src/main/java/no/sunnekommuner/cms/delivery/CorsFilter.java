package no.sunnekommuner.cms.delivery;

import com.google.common.collect.ImmutableSet;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * CORS for the REST API: origins from the setting {@code delivery.cors.allowedOrigins} ({@code *} for any); preflight
 * requests are answered here. Credentials are never allowed cross-origin, so preview stays same-origin or Basic.
 */
@PreMatching
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private final ImmutableSet<String> allowedOrigins;

    public CorsFilter(Iterable<String> allowedOrigins) {
        this.allowedOrigins = ImmutableSet.copyOf(allowedOrigins);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if ("OPTIONS".equals(request.getMethod()) && origin != null
                && request.getHeaderString("Access-Control-Request-Method") != null) {
            Response.ResponseBuilder b = Response.noContent();
            if (allowed(origin)) {
                b.header("Access-Control-Allow-Origin", allowOrigin(origin))
                        .header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
                        .header("Access-Control-Allow-Headers", "Accept, Accept-Language, If-None-Match, Authorization")
                        .header("Access-Control-Max-Age", "600");
            }
            request.abortWith(b.build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !allowed(origin)) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", allowOrigin(origin));
        headers.putSingle("Access-Control-Expose-Headers", "ETag, Content-Language");
        if (!allowedOrigins.contains("*")) {
            headers.add("Vary", "Origin");
        }
    }

    private boolean allowed(String origin) {
        return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
    }

    private String allowOrigin(String origin) {
        return allowedOrigins.contains("*") ? "*" : origin;
    }
}
