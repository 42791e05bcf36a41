package no.sunnekommuner.cms.delivery;

/**
 * A request the delivery API answers with an error: HTTP status plus Magnolia's error body
 * {@code {"error":{"code","message"}}}.
 */
public final class DeliveryException extends RuntimeException {

    private final int status;
    private final String code;

    public DeliveryException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static DeliveryException badRequest(String message) {
        return new DeliveryException(400, "badRequest", message);
    }

    public static DeliveryException invalidQuery(String message) {
        return new DeliveryException(400, "invalidQuery", message);
    }

    /**
     * A response over the node budget ({@code rest.maxRenderedNodes}): refused whole with 400, as an over-deep
     * request is, never cut short (a cut tree would look complete to the client).
     */
    public static DeliveryException tooManyNodes(RuntimeException cause) {
        return new DeliveryException(400, "tooManyNodes", cause.getMessage() + " (setting rest.maxRenderedNodes)");
    }

    public static DeliveryException pathNotFound(String path) {
        return new DeliveryException(404, "pathNotFound", path);
    }

    public static DeliveryException notFound(String message) {
        return new DeliveryException(404, "notFound", message);
    }
}
