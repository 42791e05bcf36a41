package no.sunnekommuner.cms.delivery;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What an endpoint that refuses a body before reading all of it may ask of the server: the server reads and throws
 * away the rest after the answer, up to its own bound (4 MB) or the larger one asked for here, so that a client
 * that reads only once it has sent everything gets the answer on a connection that stays open.
 */
public final class UnreadBody {

    /** The request attribute holding the bound (a {@link Long}, in bytes) asked for by the endpoint. */
    public static final String DRAIN_LIMIT = UnreadBody.class.getName() + ".drainLimit";

    private UnreadBody() {
    }

    /** Asks that up to {@code bytes} of what is left of this request's body be read after the answer. */
    public static void allowDrain(HttpServletRequest request, long bytes) {
        request.setAttribute(DRAIN_LIMIT, bytes);
    }

    /** The bound asked for on this request, or 0. */
    public static long drainLimit(HttpServletRequest request) {
        return request.getAttribute(DRAIN_LIMIT) instanceof Long bytes ? bytes : 0;
    }
}
