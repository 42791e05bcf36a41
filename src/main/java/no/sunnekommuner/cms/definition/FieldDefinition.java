package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Objects;
import java.util.Optional;

/**
 * One field of an app's form, resolved at load: the content type's property, the field type (the app's
 * {@code subApps.detail.form.properties.<name>.$type}, else the default Magnolia's generator gives the property
 * type) and the keys of the override. The generated form, the validator and delivery all read this one record.
 *
 * @param property  the model property the field edits
 * @param rows      {@code rows} of a textField (a text area from 2 rows), or null
 * @param maxLength {@code maxLength} of a textField, or null
 * @param time      {@code time} of a dateField: date and time instead of a day
 * @param options   the choices of a comboBox/radioButtonGroup field: its datasource's, else the property's
 * @param fields    the resolved fields of a compositeField's sub-model, by property name
 */
public record FieldDefinition(
        String name,
        PropertyDefinition property,
        FieldType fieldType,
        String label,
        String description,
        boolean required,
        boolean readOnly,
        Integer rows,
        Integer maxLength,
        boolean time,
        String staticValue,
        ImmutableList<OptionDefinition> options,
        ImmutableList<ValidatorDefinition> validators,
        ImmutableMap<String, FieldDefinition> fields) {

    public FieldDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(fieldType, "fieldType");
        options = options == null ? ImmutableList.of() : options;
        validators = validators == null ? ImmutableList.of() : validators;
        fields = fields == null ? ImmutableMap.of() : fields;
    }

    /** The field Magnolia would generate for a property without overrides. */
    public static FieldDefinition generated(PropertyDefinition property,
            ImmutableMap<String, FieldDefinition> subFields) {
        return new FieldDefinition(property.name(), property, FieldType.defaultFor(property), null, null,
                property.required(), property.readOnly(), null, null, false, null, property.options(),
                ImmutableList.of(), subFields);
    }

    public Optional<FieldDefinition> field(String propertyName) {
        return Optional.ofNullable(fields.get(propertyName));
    }

    /** A multi-line text: a textField with more than one row. */
    public boolean isTextArea() {
        return fieldType == FieldType.TEXT && rows != null && rows > 1;
    }
}
