package no.sunnekommuner.cms.content.media;

import no.sunnekommuner.cms.content.ContentException;

/** An upload the media library does not take, with the kind of refusal (the REST status and message key follow). */
public final class MediaRefusedException extends ContentException {

    /** Why a file was refused. */
    public enum Kind {
        /** the bytes are in no format we know (a script named .jpg, SVG, HTML, ...) */
        UNRECOGNISED,
        /** a known format the configuration does not allow */
        NOT_ALLOWED,
        /** larger than the configured number of bytes */
        TOO_LARGE,
        /** the header announces more pixels than allowed (decompression bomb) */
        TOO_MANY_PIXELS,
        /** the header of a known format cannot be read */
        DAMAGED,
        /** no file at all */
        EMPTY
    }

    private final Kind kind;

    public MediaRefusedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Key of the message shown to editors ({@code media.refused.<kind>} in the message bundles). */
    public String messageKey() {
        return "media.refused." + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
