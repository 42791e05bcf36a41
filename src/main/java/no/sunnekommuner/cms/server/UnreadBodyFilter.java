package no.sunnekommuner.cms.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import no.sunnekommuner.cms.delivery.UnreadBody;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * Reads and throws away what an endpoint left unread of a request body once it has answered, up to
 * {@link #MAX_DRAIN_BYTES} or the larger bound the endpoint asked for ({@link UnreadBody}), as Tomcat's
 * {@code maxSwallowSize} does. Endpoints refuse a body from its declared length
 * before reading it (413 from the nodes API, the import, the media upload; 401 or 403 before a write): if the server
 * then closes the connection with the body unread, a client that reads only once it has sent everything (Java's HTTP
 * client, many scripts) meets a reset connection instead of the answer. The answer is sent first, so a client that
 * waits for {@code 100 Continue} gets it without sending its body. A body declared larger than the bound is not read:
 * the connection is closed after the answer, never an unbounded read; neither is a client that declared a body and
 * sends nothing kept longer than {@link #DRAIN_IDLE_MILLIS}.
 */
final class UnreadBodyFilter extends HttpFilter {

    /** Twice the default largest JSON write ({@code rest.maxJsonBodyKilobytes}); Tomcat's default is 2 MB. */
    static final long MAX_DRAIN_BYTES = 4L << 20;

    /** The longest silence while draining; a client still sending a body keeps well within it. */
    static final long DRAIN_IDLE_MILLIS = 1_000;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(req, resp);
        long declared = req.getContentLengthLong();
        boolean chunked = declared < 0 && req.getHeader("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) {
            return;
        }
        long bound = Math.max(MAX_DRAIN_BYTES, UnreadBody.drainLimit(req));
        if (declared > bound || req.isAsyncStarted()) {
            return;
        }
        ServletInputStream in;
        try {
            in = req.getInputStream();
        } catch (IllegalStateException readAsText) {
            return; // the endpoint read the body through getReader(), to its end
        }
        if (in.isFinished()) {
            return;
        }
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(req);
        if (jetty == null) {
            return;
        }
        EndPoint endPoint = jetty.getConnectionMetaData().getConnection().getEndPoint();
        long idleTimeout = endPoint.getIdleTimeout();
        try {
            if (!resp.isCommitted()) {
                // the answer goes before the rest of the body is read; an error page (sendError) counts as
                // committed and is written by the container after this filter, so that one cannot go first
                resp.flushBuffer();
            }
            // a client that declared a body and sends nothing waits for the answer it now has: let it go soon
            endPoint.setIdleTimeout(idleTimeout > 0 ? Math.min(idleTimeout, DRAIN_IDLE_MILLIS) : DRAIN_IDLE_MILLIS);
            byte[] buffer = new byte[8192];
            long left = bound;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException clientGoneOrSilent) {
            // it has its answer, or has left, or sent nothing for a while: the connection is closed
        } finally {
            endPoint.setIdleTimeout(idleTimeout);
        }
    }
}
