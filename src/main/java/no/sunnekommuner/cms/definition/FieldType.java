package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableSet;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import no.sunnekommuner.cms.definition.PropertyType.Kind;

/**
 * The registry of form field types, keyed by Magnolia 6 UI's field {@code $type} (and its definition class, which
 * Magnolia accepts as {@code class:}). Each type names the keys it honours beyond the common ones and the property
 * types it can edit; a key outside that set is reported at load, so that every key the registry accepts has an
 * effect. {@link #defaultFor} is the field Magnolia's content-types generator chooses for a model property
 * (reference §2.3 "Type → default editor field").
 */
public enum FieldType {
    TEXT("textField", "info.magnolia.ui.field.TextFieldDefinition", ImmutableSet.of("rows", "maxLength"), EnumSet.of(Kind.STRING, Kind.LONG, Kind.DOUBLE, Kind.DECIMAL)),
    RICH_TEXT("richTextField", "info.magnolia.ui.field.RichTextFieldDefinition", ImmutableSet.of(),
            EnumSet.of(Kind.STRING, Kind.RICH_TEXT)),
    DATE("dateField", "info.magnolia.ui.field.DateFieldDefinition", ImmutableSet.of("time"), EnumSet.of(Kind.DATE)),
    CHECK_BOX("checkBoxField", "info.magnolia.ui.field.CheckBoxFieldDefinition", ImmutableSet.of(),
            EnumSet.of(Kind.BOOLEAN)),
    COMBO_BOX("comboBoxField", "info.magnolia.ui.field.ComboBoxFieldDefinition", ImmutableSet.of("datasource"),
            EnumSet.of(Kind.STRING)),
    RADIO_BUTTON_GROUP("radioButtonGroupField", "info.magnolia.ui.field.RadioButtonGroupFieldDefinition",
            ImmutableSet.of("datasource"), EnumSet.of(Kind.STRING)),
    LINK("linkField", "info.magnolia.ui.field.LinkFieldDefinition", ImmutableSet.of("datasource"),
            EnumSet.of(Kind.REFERENCE, Kind.STRING)),
    MULTI_VALUE("jcrMultiValueField", "info.magnolia.ui.editor.JcrMultiValueFieldDefinition",
            ImmutableSet.of(), EnumSet.of(Kind.STRING, Kind.LONG, Kind.DOUBLE, Kind.DECIMAL, Kind.BOOLEAN,
                    Kind.REFERENCE, Kind.ASSET)),
    COMPOSITE("compositeField", "info.magnolia.ui.editor.CompositeFieldDefinition", ImmutableSet.of("properties"), EnumSet.of(Kind.SUB_MODEL)),
    HIDDEN("hiddenField", "info.magnolia.ui.field.HiddenFieldDefinition", ImmutableSet.of(),
            EnumSet.complementOf(EnumSet.of(Kind.SUB_MODEL))),
    STATIC("staticField", "info.magnolia.ui.field.StaticFieldDefinition", ImmutableSet.of("value"),
            EnumSet.complementOf(EnumSet.of(Kind.SUB_MODEL))),
    /** Room for the media work: today an asset id typed as text. */
    DAM_LINK("damLinkField", "info.magnolia.dam.app.field.DamLinkFieldDefinition", ImmutableSet.of(),
            EnumSet.of(Kind.ASSET, Kind.STRING));

    /** Keys every field type honours (Magnolia's common field keys that this runtime implements). */
    public static final Set<String> COMMON_KEYS = ImmutableSet.of("name", "$type", "class", "label", "description",
            "required", "readOnly", "validators");

    private final String typeName;
    private final String className;
    private final Set<String> keys;
    private final Set<Kind> fits;

    FieldType(String typeName, String className, Set<String> keys, Set<Kind> fits) {
        this.typeName = typeName;
        this.className = className;
        this.keys = keys;
        this.fits = fits;
    }

    /** Magnolia's {@code $type} name. */
    public String typeName() {
        return typeName;
    }

    /** The keys of this type beyond {@link #COMMON_KEYS}. */
    public Set<String> keys() {
        return keys;
    }

    public boolean accepts(String key) {
        return COMMON_KEYS.contains(key) || keys.contains(key);
    }

    /** Whether this field can edit a property of the type (a multi-value field edits only {@code multiple}). */
    public boolean fits(PropertyDefinition property) {
        if (this == MULTI_VALUE) {
            return property.multiple() && fits.contains(property.type().kind());
        }
        if (property.multiple() && property.type().kind() != Kind.SUB_MODEL && this != HIDDEN && this != STATIC) {
            return false;
        }
        return fits.contains(property.type().kind());
    }

    /** A field type by {@code $type} or definition class name. */
    public static Optional<FieldType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(name) || t.className.equals(name)).findFirst();
    }

    /** Every {@code $type} name, for "did you mean" hints. */
    public static Set<String> typeNames() {
        return Arrays.stream(values()).map(FieldType::typeName).collect(ImmutableSet.toImmutableSet());
    }

    /** The field Magnolia's generated app uses for a model property. */
    public static FieldType defaultFor(PropertyDefinition property) {
        Kind kind = property.type().kind();
        if (kind == Kind.SUB_MODEL) {
            return COMPOSITE;
        }
        if (property.multiple()) {
            return MULTI_VALUE;
        }
        return switch (kind) {
            case BOOLEAN -> CHECK_BOX;
            case DATE -> DATE;
            case RICH_TEXT -> RICH_TEXT;
            case ASSET -> DAM_LINK;
            case REFERENCE -> LINK;
            default -> property.hasOptions() ? COMBO_BOX : TEXT;
        };
    }
}
