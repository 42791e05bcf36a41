package no.sunnekommuner.cms.content.applications;

import no.sunnekommuner.cms.content.ContentException;

/** An accept or decline that does not fit the application's state. */
public final class ApplicationStateException extends ContentException {

    /** Why the decision was refused. */
    public enum Kind {
        /** Already accepted or declined: decisions are made once. */
        ALREADY_DECIDED,
        /** Declining needs a reason. */
        REASON_MISSING,
        /** No application at that path. */
        NOT_FOUND
    }

    private final Kind kind;

    public ApplicationStateException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
