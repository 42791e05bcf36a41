package no.sunnekommuner.cms.definition;

import java.util.Objects;

/** One choice of an enumerated property ({@code options} in a content type). */
public record OptionDefinition(String name, String value, String label) {
    public OptionDefinition {
        Objects.requireNonNull(value, "value");
        name = name == null ? value : name;
    }
}
