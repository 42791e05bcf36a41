package no.sunnekommuner.cms.content.bootstrap;

import no.sunnekommuner.cms.content.ContentException;

/** An import went past one of its {@link ImportLimits}; nothing was written. */
public final class ImportLimitException extends ContentException {

    /** Which bound: too much to take at all (size, node count) or a malformed shape (depth). */
    public enum Kind { TOO_DEEP, TOO_MANY_NODES, TOO_LARGE }

    private final Kind kind;

    public ImportLimitException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
