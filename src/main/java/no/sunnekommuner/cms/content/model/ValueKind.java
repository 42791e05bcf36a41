package no.sunnekommuner.cms.content.model;

import java.util.Locale;

/** The type of a stored value, named as JCR and Magnolia's nodes API name it ({@code String}, {@code Long} …). */
public enum ValueKind {
    STRING, BINARY, LONG, DOUBLE, DATE, BOOLEAN, NAME, PATH, REFERENCE, WEAKREFERENCE, URI, DECIMAL, UNDEFINED;

    /** The type name of the nodes API and JCR ({@code WeakReference}, {@code URI} …). */
    public String typeName() {
        return switch (this) {
            case WEAKREFERENCE -> "WeakReference";
            case URI -> "URI";
            default -> name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        };
    }

    /** Compared as text by queries and sorted case-insensitively (Magnolia's order by a string). */
    public boolean textual() {
        return this == STRING || this == UNDEFINED;
    }
}
