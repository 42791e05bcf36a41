package no.sunnekommuner.cms.website;

/** The delivery API could not be read (down, wrong address, unexpected answer): the site answers 502. */
public final class SiteException extends RuntimeException {

    public SiteException(String message) {
        super(message);
    }

    public SiteException(String message, Throwable cause) {
        super(message, cause);
    }
}
