package no.sunnekommuner.cms.definition;

import java.util.Objects;

/**
 * A field validator from an app's form ({@code validators.<name>} with {@code $type} {@code emailValidator},
 * {@code regexpValidator} + {@code pattern}, ...), as Magnolia 6 UI defines them.
 */
public record ValidatorDefinition(String name, String type, String pattern, String errorMessage) {
    public ValidatorDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
