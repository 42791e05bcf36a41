package no.sunnekommuner.cms.content;

/** Base of the errors the content service reports to editors and clients; each says what is wrong. */
public class ContentException extends RuntimeException {
    public ContentException(String message) {
        super(message);
    }

    public ContentException(String message, Throwable cause) {
        super(message, cause);
    }
}
