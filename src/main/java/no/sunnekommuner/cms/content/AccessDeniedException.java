package no.sunnekommuner.cms.content;

/** The {@link AccessPolicy} refuses the actor this operation (403 in the REST API, a message in the editor). */
public final class AccessDeniedException extends ContentException {

    /** Why: the role is missing for the operation, or the workspace belongs to apps the actor may not open. */
    /** REVIEW_REQUIRED: the app publishes only through an approved review (its content-rules say so). */
    public enum Kind { MISSING_ROLE, APP_NOT_ALLOWED, REVIEW_REQUIRED }

    private final Kind kind;
    private final Permission permission;

    public AccessDeniedException(Kind kind, Permission permission, String message) {
        super(message);
        this.kind = kind;
        this.permission = permission;
    }

    public Kind kind() {
        return kind;
    }

    /** The permission refused; null when the actor was refused the app or workspace as a whole. */
    public Permission permission() {
        return permission;
    }
}
