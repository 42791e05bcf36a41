package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableList;
import java.util.Objects;
import java.util.Optional;

/** One property of a content type or sub-model, as declared under {@code model.properties}. */
public record PropertyDefinition(
        String name,
        PropertyType type,
        boolean required,
        boolean i18n,
        boolean multiple,
        ImmutableList<OptionDefinition> options,
        String label,
        String defaultValue,
        boolean readOnly) {

    public PropertyDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        options = options == null ? ImmutableList.of() : options;
    }

    public static PropertyDefinition of(String name, PropertyType type) {
        return new PropertyDefinition(name, type, false, false, false, ImmutableList.of(), null, null, false);
    }

    public boolean hasOptions() {
        return !options.isEmpty();
    }

    public Optional<String> labelText() {
        return Optional.ofNullable(label);
    }

    public PropertyDefinition withRequired(boolean value) {
        return new PropertyDefinition(name, type, value, i18n, multiple, options, label, defaultValue, readOnly);
    }

    public PropertyDefinition withI18n(boolean value) {
        return new PropertyDefinition(name, type, required, value, multiple, options, label, defaultValue, readOnly);
    }

    public PropertyDefinition withMultiple(boolean value) {
        return new PropertyDefinition(name, type, required, i18n, value, options, label, defaultValue, readOnly);
    }
}
