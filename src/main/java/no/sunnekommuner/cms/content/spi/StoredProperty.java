package no.sunnekommuner.cms.content.spi;

import com.google.common.collect.ImmutableList;
import java.util.Objects;
import no.sunnekommuner.cms.content.model.ValueKind;

/**
 * A property as a {@link NodeReads} hands it out: each value in its string form (dates as ISO 8601 with the
 * stored offset, numbers as Java prints them). A {@link ValueKind#BINARY} value is never read: its string is the
 * size in bytes, so rendering a node never loads or inlines a binary.
 */
public record StoredProperty(String name, ValueKind kind, boolean multiple, ImmutableList<String> values) {

    public StoredProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        values = values == null ? ImmutableList.of() : values;
    }

    /** The single value (first of a multiple one), or null when there is none. */
    public String value() {
        return values.isEmpty() ? null : values.get(0);
    }

    /** A single empty string (Magnolia's fallback skips it as if the language had no value). */
    public boolean isEmptyString() {
        return !multiple && kind == ValueKind.STRING && "".equals(value());
    }
}
