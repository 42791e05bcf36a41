package no.sunnekommuner.cms.content.model;

/**
 * Where an item stands between editing and the public: never (or no longer) published, published as it is, or
 * published but changed since (Magnolia's red / green / orange).
 */
public enum PublicationStatus {
    DRAFT, PUBLISHED, MODIFIED;

    /** The value stored in {@code cms:publicationStatus}, lower case so queries stay readable. */
    public String stored() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static PublicationStatus fromStored(String value) {
        return value == null ? DRAFT : valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
