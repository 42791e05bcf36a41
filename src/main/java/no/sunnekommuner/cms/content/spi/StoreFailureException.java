package no.sunnekommuner.cms.content.spi;

/**
 * The store could not answer (the repository failed, not the request): a 500, never a client error. Not a
 * {@link no.sunnekommuner.cms.content.ContentException}, which names what a client or editor did wrong.
 */
public final class StoreFailureException extends RuntimeException {

    public StoreFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
