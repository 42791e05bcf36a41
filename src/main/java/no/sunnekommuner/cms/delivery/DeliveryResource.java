package no.sunnekommuner.cms.delivery;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import no.sunnekommuner.cms.content.AccessPolicy;
import no.sunnekommuner.cms.security.User;

/**
 * The delivery endpoints at {@code /.rest/<endpoint path>}: public ones ({@code delivery/…}) serve published
 * content to everyone with ETags and caching; preview twins ({@code preview/…}) serve drafts to signed-in editors.
 */
@Path("{path: .*}")
public final class DeliveryResource {

    static final String JSON = "application/json;charset=UTF-8";
    /** RFC 9110's IMF-fixdate (two-digit day, unlike {@link DateTimeFormatter#RFC_1123_DATE_TIME}). */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            java.util.Locale.US);
    private static final String NO_STORE = "no-cache, no-store, must-revalidate, max-age=0";

    private final DeliveryEndpoints endpoints;
    private final DeliveryService service;
    private final ResponseCache cache;
    private final RequestUser users;
    private final String publicCacheControl;
    private final AccessPolicy access;
    private final no.sunnekommuner.cms.delivery.preview.PreviewAccess previewTokens;

    public DeliveryResource(DeliveryEndpoints endpoints, DeliveryService service, ResponseCache cache,
            RequestUser users, AccessPolicy access, String publicCacheControl,
            no.sunnekommuner.cms.delivery.preview.PreviewAccess previewTokens) {
        this.access = access;
        this.previewTokens = previewTokens;
        this.endpoints = endpoints;
        this.service = service;
        this.cache = cache;
        this.users = users;
        this.publicCacheControl = publicCacheControl;
    }

    @GET
    @Produces(JSON)
    public Response get(@PathParam("path") String ignored, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request) {
        String rawPath = uri.getPath(false);
        String path = decodePath(rawPath);
        DeliveryEndpoints.Route route = endpoints.route(path).orElseThrow(() -> DeliveryException.notFound(
                "Could not find resource for full path: " + uri.getRequestUri().toString().replaceFirst("\\?.*$", "")));
        DeliveryEndpoint endpoint = route.endpoint();
        String remainder = route.remainder();
        // the query string exactly as received: JAX-RS's URI would re-encode characters a client sent raw
        String rawQuery = request.getQueryString();
        QueryParameters parameters = QueryParameters.parse(rawQuery);
        String acceptLanguage = headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE);

        if (endpoint.preview()) {
            String token = request.getHeader(no.sunnekommuner.cms.delivery.preview.PreviewAccess.HEADER);
            if (token != null && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
                // the website's preview: one draft, named by a signed short-lived token, without credentials
                previewTokens.require(token, endpoint.definition().workspace(), endpoint.definition().rootPath(),
                        remainder);
            } else {
                User user = signedIn(request).orElseThrow(() -> new DeliveryException(401, "unauthorized",
                        "Sign in with an editor account to see drafts (HTTP Basic or the editor's session)"));
                // drafts of a workspace only for those who may open one of its apps (permissions.roles): 403
                access.requireWorkspace(user.actor(), endpoint.definition().workspace());
            }
            tagLanguage(request, parameters, acceptLanguage);
            DeliveryResponse response = service.get(endpoint, remainder, route.trailingSlash(), parameters,
                    acceptLanguage);
            return ok(response, null, NO_STORE).build();
        }
        ResponseCache.Key key = new ResponseCache.Key(path, rawQuery, acceptLanguage);
        ResponseCache.Entry entry = cache.get(key);
        if (entry == null) {
            tagLanguage(request, parameters, acceptLanguage);
            long generation = cache.generation();
            entry = cache.put(key, service.get(endpoint, remainder, route.trailingSlash(), parameters,
                    acceptLanguage), generation);
        }
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, entry.etag())) {
            Response.ResponseBuilder notModified = Response.notModified().tag(
                    new jakarta.ws.rs.core.EntityTag(entry.etag().substring(1, entry.etag().length() - 1)))
                    .header(HttpHeaders.CACHE_CONTROL, publicCacheControl);
            lastModified(notModified, entry.response());
            language(notModified, entry.response());
            return notModified.build();
        }
        return ok(entry.response(), entry.etag(), publicCacheControl).build();
    }

    /** Errors from here on carry the request's language as Magnolia's do ({@link DeliveryErrors}). */
    private void tagLanguage(HttpServletRequest request, QueryParameters parameters, String acceptLanguage) {
        request.setAttribute(DeliveryErrors.LANGUAGE_ATTRIBUTE, service.requestLanguage(parameters, acceptLanguage));
    }

    private Response.ResponseBuilder ok(DeliveryResponse response, String etag, String cacheControl) {
        Response.ResponseBuilder b = Response.status(response.status()).entity(response.body()).type(JSON)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (etag != null) {
            b.header(HttpHeaders.ETAG, etag);
            lastModified(b, response);
        } else {
            b.header("Pragma", "no-cache").header("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
        }
        language(b, response);
        return b;
    }

    /**
     * {@code Last-Modified}: the newest {@code mgnl:lastModified} of the nodes in a public response, for a site
     * to forward and for sitemaps. Revalidation stays by {@code ETag} only ({@code If-Modified-Since} is not
     * answered with 304): a list loses an unpublished item without any of its nodes changing, and the ETag sees that.
     */
    private static void lastModified(Response.ResponseBuilder b, DeliveryResponse response) {
        if (response.lastModified() != null) {
            b.header(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(response.lastModified().atOffset(ZoneOffset.UTC)));
        }
    }

    private static void language(Response.ResponseBuilder b, DeliveryResponse response) {
        if (response.contentLanguage() != null) {
            b.header(HttpHeaders.CONTENT_LANGUAGE, response.contentLanguage());
        }
        if (response.varyOnLanguage()) {
            b.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag) || c.equals("*")) {
                return true;
            }
        }
        return false;
    }

    private Optional<User> signedIn(HttpServletRequest request) {
        return users.of(request).filter(User::canEdit);
    }

    static String decodePath(String rawPath) {
        StringBuilder out = new StringBuilder();
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            try {
                // path segments: '+' is a plus, not a space
                out.append(URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw DeliveryException.badRequest("Malformed percent-encoding in the path");
            }
        }
        return out.toString();
    }
}
