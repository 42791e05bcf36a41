package no.sunnekommuner.cms.delivery;

import java.time.Instant;

/**
 * A rendered delivery response: status, JSON bytes, the language it is in (null for {@code lang=all}), whether
 * the language came from {@code Accept-Language}, and the newest {@code mgnl:lastModified} of the nodes it shows
 * (items, their children and referenced nodes; null when it shows none), sent as {@code Last-Modified}.
 */
public record DeliveryResponse(int status, byte[] body, String contentLanguage, boolean varyOnLanguage,
        Instant lastModified) {

    public DeliveryResponse(int status, byte[] body, String contentLanguage, boolean varyOnLanguage) {
        this(status, body, contentLanguage, varyOnLanguage, null);
    }
}
