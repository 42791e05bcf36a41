package no.sunnekommuner.cms.delivery;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.ContentConflictException;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.ContentExistsException;
import no.sunnekommuner.cms.content.ContentNotFoundException;
import no.sunnekommuner.cms.content.ContentReferencedException;
import no.sunnekommuner.cms.content.validation.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error of the REST API as Magnolia's body {@code {"error":{"code","message"}}}; unexpected failures are
 * logged and answered without any detail of the server (no stack trace reaches a client).
 */
public final class DeliveryErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryErrors.class);
    private static final JsonFactory JSON = new JsonFactory();
    /** The challenge of every 401: the Bearer scheme, which no browser answers with a password dialog. */
    static final String CHALLENGE = "Bearer realm=\"sunne-kommuner\"";

    /**
     * Request attribute holding the {@link ContentLocale} of a delivery request that failed after its endpoint was
     * found: Magnolia's errors there carry {@code Content-Language} (and {@code Vary: Accept-Language} when no
     * {@code lang} was given), as its successful answers do.
     */
    static final String LANGUAGE_ATTRIBUTE = DeliveryErrors.class.getName() + ".language";

    @jakarta.ws.rs.core.Context
    private jakarta.ws.rs.core.Request request;

    @jakarta.ws.rs.core.Context
    private jakarta.servlet.http.HttpServletRequest servletRequest;

    @Override
    public Response toResponse(Throwable failure) {
        Response response = map(failure);
        Object language = servletRequest == null ? null : servletRequest.getAttribute(LANGUAGE_ATTRIBUTE);
        if (!(language instanceof ContentLocale locale) || locale.all()) {
            return response;
        }
        Response.ResponseBuilder b = Response.fromResponse(response)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.language());
        if (locale.negotiated()) {
            b.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        }
        return b.build();
    }

    private Response map(Throwable failure) {
        if (failure instanceof DeliveryException e) {
            Response.ResponseBuilder b = response(e.status(), e.code(), e.getMessage());
            if (e.status() == 401) {
                // not Basic: a Basic challenge makes browsers ask for and then cache credentials, which any other
                // site's page could then use for writes (README, "Security"). Scripts send Basic pre-emptively.
                b.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            }
            return b.build();
        }
        if (failure instanceof ValidationException e) {
            StringBuilder message = new StringBuilder("Validation failed:");
            e.violations().forEach(v -> message.append(' ').append(v.field()).append(": ")
                    .append(v.message(Locale.ENGLISH)).append(';'));
            return response(400, "validationFailed", message.substring(0, message.length() - 1)).build();
        }
        if (failure instanceof ContentNotFoundException e) {
            return response(404, "pathNotFound", e.getMessage()).build();
        }
        if (failure instanceof ContentExistsException e) {
            return response(400, "badRequest", "The path already exists: " + e.getMessage()).build();
        }
        if (failure instanceof ContentConflictException || failure instanceof ContentReferencedException) {
            return response(409, "conflict", failure.getMessage()).build();
        }
        if (failure instanceof AccessDeniedException e) {
            return response(403, "forbidden", e.getMessage()).build();
        }
        if (failure instanceof ContentException e) {
            return response(400, "badRequest", e.getMessage()).build();
        }
        if (failure instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            String code = switch (status) {
                case 404 -> "notFound";
                case 405 -> "methodNotAllowed";
                case 406 -> "notAcceptable";
                case 415 -> "unsupportedMediaType";
                case 400 -> "badRequest";
                case 401 -> "unauthorized";
                case 403 -> "forbidden";
                default -> status >= 500 ? "unknown" : "badRequest";
            };
            String message = switch (status) {
                case 405 -> "No resource method found for " + (request == null ? "this method" : request.getMethod())
                        + ", return 405 with Allow header";
                case 406 -> "No match for accept header";
                case 404 -> "Could not find resource";
                default -> status >= 500 ? "The server could not answer this request" : safe(w.getMessage());
            };
            if (status >= 500) {
                LOG.error("REST request failed", failure);
            }
            Response.ResponseBuilder b = response(status, code, message);
            w.getResponse().getHeaders().forEach((k, v) -> {
                if (k.equalsIgnoreCase(HttpHeaders.ALLOW) || k.equalsIgnoreCase(HttpHeaders.WWW_AUTHENTICATE)) {
                    v.forEach(value -> b.header(k, value));
                }
            });
            return b.build();
        }
        LOG.error("Unexpected failure of a REST request", failure);
        return response(500, "unknown", "The server could not answer this request").build();
    }

    private static String safe(String message) {
        return message == null ? "Bad request" : message.length() > 200 ? message.substring(0, 200) : message;
    }

    static Response.ResponseBuilder response(int status, String code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.status(status).entity(out.toByteArray()).type(DeliveryResource.JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** The error body as bytes, for errors raised outside JAX-RS (Jetty's error handler). */
    public static byte[] body(String code, String message) {
        return (byte[]) response(400, code, message).build().getEntity();
    }
}
