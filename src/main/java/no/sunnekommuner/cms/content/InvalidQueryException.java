package no.sunnekommuner.cms.content;

/**
 * A query the store cannot answer because of what the client asked (a value not of the property's type, an
 * unsupported range, a statement the index refuses): a 400 in the REST API.
 */
public final class InvalidQueryException extends ContentException {

    /** Magnolia's two codes: a malformed parameter ({@code badRequest}) or a query it cannot run ({@code invalidQuery}). */
    public enum Kind { BAD_REQUEST, INVALID_QUERY }

    private final Kind kind;

    public InvalidQueryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static InvalidQueryException badRequest(String message) {
        return new InvalidQueryException(Kind.BAD_REQUEST, message);
    }

    public static InvalidQueryException invalid(String message) {
        return new InvalidQueryException(Kind.INVALID_QUERY, message);
    }

    public Kind kind() {
        return kind;
    }
}
