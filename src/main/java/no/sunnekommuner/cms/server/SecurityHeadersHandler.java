package no.sunnekommuner.cms.server;

import com.google.common.collect.ImmutableSet;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Security headers on every response the web application sends: {@code X-Content-Type-Options: nosniff} and a
 * {@code Referrer-Policy} everywhere; on the editor and the other pages outside {@code /.rest/} a
 * {@code Content-Security-Policy} with the configured {@code frame-ancestors} (and {@code X-Frame-Options} for
 * browsers that predate it); HSTS on HTTPS requests when configured. TRACE is refused here (405), before any
 * servlet: it would echo a request's headers; so are methods nothing here answers.
 */
final class SecurityHeadersHandler extends Handler.Wrapper {

    static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    static final HttpField REFERRER = new PreEncodedHttpField("Referrer-Policy", "strict-origin-when-cross-origin");
    /** API responses are data: they run nothing and are never framed. */
    private static final HttpField API_CSP = new PreEncodedHttpField("Content-Security-Policy",
            "default-src 'none'; frame-ancestors 'none'");

    /**
     * The methods anything here answers. Others are refused here: TRACE would echo the request's headers (cookies,
     * credentials) and servlets answer unknown methods (PATCH, PROPFIND…) with 501.
     */
    private static final ImmutableSet<String> METHODS = ImmutableSet.of("GET", "HEAD", "POST", "PUT", "DELETE",
            "OPTIONS");

    private final HttpField editorCsp;
    private final HttpField frameOptions;
    private final HttpField hsts;

    SecurityHeadersHandler(HttpSecurity security, Handler handler) {
        super(handler);
        String ancestors = String.join(" ", security.frameAncestors());
        // Vaadin's client engine needs inline styles and scripts and eval (its bootstrap and Lit templates), so
        // the policy's value is in frame-ancestors, object-src, base-uri and form-action, and in keeping other
        // origins out of scripts and connections
        this.editorCsp = new PreEncodedHttpField("Content-Security-Policy", "default-src 'self'; "
                + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: blob: https:; font-src 'self' data:; connect-src 'self'; "
                + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors " + ancestors);
        List<String> sources = security.frameAncestors();
        this.frameOptions = sources.equals(List.of("'none'")) ? new PreEncodedHttpField("X-Frame-Options", "DENY")
                : sources.equals(List.of("'self'")) ? new PreEncodedHttpField("X-Frame-Options", "SAMEORIGIN")
                : null; // X-Frame-Options cannot name several origins: CSP alone decides then
        this.hsts = security.hstsMaxAge() > 0 ? new PreEncodedHttpField(HttpHeader.STRICT_TRANSPORT_SECURITY,
                "max-age=" + security.hstsMaxAge()) : null;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields.Mutable headers = response.getHeaders();
        add(headers, request);
        if (!METHODS.contains(request.getMethod())) {
            headers.put(HttpHeader.ALLOW, String.join(", ", METHODS));
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                    request.getMethod() + " is not allowed");
            return true;
        }
        return super.handle(request, response, callback);
    }

    /**
     * Adds the headers for this request. They stay on the error pages of servlets; errors Jetty answers before any
     * handler runs (a header block too large) get nosniff and Referrer-Policy from {@link JsonErrorHandler}.
     */
    private void add(HttpFields.Mutable headers, Request request) {
        headers.put(NOSNIFF);
        headers.put(REFERRER);
        if (isApi(request)) {
            headers.put(API_CSP);
        } else {
            headers.put(editorCsp);
            if (frameOptions != null) {
                headers.put(frameOptions);
            }
        }
        if (hsts != null && request.isSecure()) {
            headers.put(hsts);
        }
    }

    /** True for the REST API, also when reached by {@code //.rest/…} or {@code /;/.rest/…}. */
    static boolean isApi(Request request) {
        String path = request.getHttpURI().getCanonicalPath();
        if (path == null) {
            path = request.getHttpURI().getPath();
        }
        if (path == null) {
            return false;
        }
        String collapsed = path.replaceAll("/{2,}", "/");
        return collapsed.startsWith("/.rest/") || collapsed.equals("/.rest");
    }
}
