package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableMap;
import java.util.Objects;
import java.util.Optional;

/**
 * A domain rule bound to a content type by name in the module's {@code standalone/content-rules.yaml}
 * ({@code rules: [{rule: memberNumber, numberProperty: number, …}]}). The parameters name the properties the rule
 * reads, so that no Java code names a property of a content type.
 */
public record RuleBinding(String rule, ImmutableMap<String, String> parameters) {

    public RuleBinding {
        Objects.requireNonNull(rule, "rule");
        parameters = parameters == null ? ImmutableMap.of() : parameters;
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** A parameter the loader has checked to be present. */
    public String required(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalStateException("Rule " + rule + " lacks its parameter " + name);
        }
        return value;
    }
}
