package no.sunnekommuner.cms.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself (a malformed request line or URI, before any servlet runs) in the API's JSON error
 * shape, never as an HTML page with server details.
 */
public final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() <= 0 ? 500 : response.getStatus();
        String code = status == 404 ? "notFound" : status == 405 ? "methodNotAllowed" : status == 414 ? "uriTooLong"
                : status < 500 ? "badRequest" : "unknown";
        String reason = HttpStatus.getMessage(status);
        String body = "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + reason.replace("\"", "'") + "\"}}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
