package no.sunnekommuner.cms.delivery;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a request to the REST API whose {@code Content-Type} is no media type ({@code ;;}, {@code text/}) with a
 * 400 in the API's JSON error shape. Jersey parses that header before any of its filters run and, failing, resets
 * the response to a bare 400 with an empty body.
 */
public final class ContentTypeCheck implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(ContentTypeCheck.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String contentType = ((HttpServletRequest) request).getHeader("Content-Type");
        if (contentType != null && !parses(contentType)) {
            HttpServletRequest http = (HttpServletRequest) request;
            LOG.warn("{} {} -> 400: malformed Content-Type", http.getMethod(),
                    http.getRequestURI().replaceAll("\\p{Cntrl}", "?"));
            HttpServletResponse out = (HttpServletResponse) response;
            out.setStatus(400);
            out.setContentType(DeliveryResource.JSON);
            out.setHeader("Cache-Control", "no-store");
            out.getOutputStream().write(DeliveryErrors.body("badRequest", "The Content-Type header is malformed"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean parses(String contentType) {
        try {
            MediaType.valueOf(contentType);
            return true;
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
