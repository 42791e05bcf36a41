package no.sunnekommuner.cms.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors answered by Jetty or a servlet's {@code sendError} rather than by the REST API itself: a malformed request
 * line, URI or header (before any servlet runs), a path the editor's servlet refuses, a header block too large.
 * Under {@code /.rest/} (and for requests Jetty could not route) the body is the API's JSON error shape; elsewhere
 * a minimal HTML page. Neither names a servlet, a class or a stack. A client error is logged as one WARN line, a
 * server error with its stack.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

    private final boolean htmlOutsideApi;

    /** The server's handler: JSON for everything (the request may not even have a path). */
    public JsonErrorHandler() {
        this(false);
    }

    /** @param htmlOutsideApi true for the web application's handler, which answers the editor's pages in HTML */
    JsonErrorHandler(boolean htmlOutsideApi) {
        this.htmlOutsideApi = htmlOutsideApi;
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() <= 0 ? 500 : response.getStatus();
        Throwable cause = request.getAttribute(ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        String uri = request.getHttpURI() == null ? "?" : abbreviate(request.getHttpURI().getPathQuery());
        if (status >= 500) {
            LOG.error("{} {} failed with {}", request.getMethod(), uri, status, cause);
        } else {
            LOG.warn("{} {} refused with {}: {}", request.getMethod(), uri, status,
                    cause == null ? HttpStatus.getMessage(status) : abbreviate(String.valueOf(cause.getMessage())));
        }
        String reason = HttpStatus.getMessage(status);
        boolean json = !htmlOutsideApi || SecurityHeadersHandler.isApi(request);
        String body;
        if (json) {
            body = "{\"error\":{\"code\":\"" + code(status) + "\",\"message\":\"" + reason.replace("\"", "'") + "\"}}";
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
        } else {
            body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " " + reason
                    + "</title></head><body><h1>" + status + " " + reason + "</h1></body></html>";
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=UTF-8");
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(SecurityHeadersHandler.NOSNIFF);
        response.getHeaders().put(SecurityHeadersHandler.REFERRER);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    static String code(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "notFound";
            case 405 -> "methodNotAllowed";
            case 406 -> "notAcceptable";
            case 413 -> "payloadTooLarge";
            case 414 -> "uriTooLong";
            case 415 -> "unsupportedMediaType";
            case 431 -> "headersTooLarge";
            default -> status < 500 ? "badRequest" : "unknown";
        };
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("[\\p{Cntrl}]", "?"); // no forged log lines
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }
}
