package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Objects;

/**
 * An override of one generated form field ({@code subApps.detail.form.properties.<name>} of an app).
 * Unset values are null: the field then keeps what the content type implies.
 */
public record FieldDefinition(
        String name,
        String fieldType,
        String label,
        String description,
        Boolean required,
        Boolean readOnly,
        Integer rows,
        Integer maxLength,
        ImmutableList<ValidatorDefinition> validators,
        ImmutableMap<String, Object> raw) {

    public FieldDefinition {
        Objects.requireNonNull(name, "name");
        validators = validators == null ? ImmutableList.of() : validators;
        raw = raw == null ? ImmutableMap.of() : raw;
    }
}
