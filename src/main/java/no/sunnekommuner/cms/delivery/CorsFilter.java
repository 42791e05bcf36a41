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
 * CORS for the REST API, and the answer to every OPTIONS request (204 with {@code Allow}).
 * <ul>
 * <li>Public read endpoints ({@code delivery/…}, {@code feeds/…}, {@code openapi.json}): origins from
 * {@code delivery.cors.allowedOrigins} ({@code *} for any), GET and HEAD only, never with credentials.</li>
 * <li>Endpoints that act for a signed-in user ({@code preview/…}, {@code nodes/…}): no CORS at all unless an origin
 * is named in {@code rest.cors.authenticatedOrigins} (never {@code *}); such an origin is echoed with
 * {@code Access-Control-Allow-Credentials}, so a configured website can show drafts.</li>
 * </ul>
 * Everything else under {@code /.rest/} gets no CORS headers, so a page on another site can neither read an
 * editor's drafts nor send the nodes API a non-simple request with the browser's cached credentials.
 */
@PreMatching
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String PUBLIC_METHODS = "GET, HEAD, OPTIONS";
    private static final String NODES_METHODS = "GET, PUT, POST, DELETE, OPTIONS";

    private enum Kind { PUBLIC, AUTHENTICATED, OTHER }

    private final ImmutableSet<String> publicOrigins;
    private final ImmutableSet<String> authenticatedOrigins;

    public CorsFilter(Iterable<String> publicOrigins, Iterable<String> authenticatedOrigins) {
        this.publicOrigins = ImmutableSet.copyOf(publicOrigins);
        this.authenticatedOrigins = ImmutableSet.copyOf(authenticatedOrigins);
        if (this.authenticatedOrigins.contains("*")) {
            // the composition root refuses this at start-up with a configuration error; here only a safety net
            throw new IllegalArgumentException("Setting 'rest.cors.authenticatedOrigins' cannot be '*': name the "
                    + "origins (e.g. https://www.example.org) that may call preview and the nodes API with credentials");
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"OPTIONS".equals(request.getMethod())) {
            return;
        }
        String path = path(request);
        String methods = path.startsWith("nodes/") ? NODES_METHODS : PUBLIC_METHODS;
        Response.ResponseBuilder b = Response.noContent().header("Allow", methods);
        String origin = request.getHeaderString("Origin");
        if (origin != null && request.getHeaderString("Access-Control-Request-Method") != null) {
            Kind kind = kind(path);
            if (kind == Kind.PUBLIC && allowedPublic(origin)) {
                b.header("Access-Control-Allow-Origin", publicOrigins.contains("*") ? "*" : origin)
                        .header("Access-Control-Allow-Methods", PUBLIC_METHODS)
                        .header("Access-Control-Allow-Headers", "Accept, Accept-Language, If-None-Match")
                        .header("Access-Control-Max-Age", "600");
            } else if (kind == Kind.AUTHENTICATED && authenticatedOrigins.contains(origin)) {
                b.header("Access-Control-Allow-Origin", origin)
                        .header("Access-Control-Allow-Credentials", "true")
                        .header("Access-Control-Allow-Methods", methods)
                        .header("Access-Control-Allow-Headers",
                                "Accept, Accept-Language, If-None-Match, Authorization, Content-Type")
                        .header("Access-Control-Max-Age", "600");
            }
            b.header("Vary", "Origin");
        }
        request.abortWith(b.build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || "OPTIONS".equals(request.getMethod())) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        Kind kind = kind(path(request));
        if (kind == Kind.PUBLIC && allowedPublic(origin)) {
            headers.putSingle("Access-Control-Allow-Origin", publicOrigins.contains("*") ? "*" : origin);
            headers.putSingle("Access-Control-Expose-Headers", "ETag, Content-Language");
            if (!publicOrigins.contains("*")) {
                headers.add("Vary", "Origin");
            }
        } else if (kind == Kind.AUTHENTICATED && authenticatedOrigins.contains(origin)) {
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.putSingle("Access-Control-Allow-Credentials", "true");
            headers.putSingle("Access-Control-Expose-Headers", "ETag, Content-Language");
            headers.add("Vary", "Origin");
        }
    }

    private static String path(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(true);
        return path.replaceAll("/{2,}", "/").replaceFirst("^/", "");
    }

    private static Kind kind(String path) {
        if (path.startsWith("delivery/") || path.startsWith("feeds/") || path.equals("openapi.json")) {
            return Kind.PUBLIC;
        }
        if (path.startsWith("preview/") || path.startsWith("nodes/")) {
            return Kind.AUTHENTICATED;
        }
        return Kind.OTHER;
    }

    private boolean allowedPublic(String origin) {
        return publicOrigins.contains("*") || publicOrigins.contains(origin);
    }
}
