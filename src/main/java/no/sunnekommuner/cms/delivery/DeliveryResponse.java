package no.sunnekommuner.cms.delivery;

/**
 * A rendered delivery response: status, JSON bytes, the language it is in (null for {@code lang=all}) and whether
 * the language came from {@code Accept-Language}.
 */
public record DeliveryResponse(int status, byte[] body, String contentLanguage, boolean varyOnLanguage) {
}
