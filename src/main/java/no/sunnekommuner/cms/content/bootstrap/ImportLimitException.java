package no.sunnekommuner.cms.content.bootstrap;

import no.sunnekommuner.cms.content.ContentException;

/** An import went past one of its {@link ImportLimits}; nothing was written. */
public final class ImportLimitException extends ContentException {

    /** Which bound: a malformed shape (depth, answered 400) or too much to take at all (node count, 413). */
    public enum Kind { TOO_DEEP, TOO_MANY_NODES }

    private final Kind kind;

    public ImportLimitException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
