package no.sunnekommuner.cms.definition;

import java.util.Objects;
import java.util.Optional;

/**
 * The type of a content-type property as Magnolia's Content Types module names it
 * ({@code String}, {@code Boolean}, {@code Long}, {@code Double}, {@code Decimal}, {@code Date},
 * {@code richText}, {@code asset}, {@code reference:<contentType>} or the name of a sub-model).
 */
public record PropertyType(Kind kind, String target) {

    /** The family of a property type; decides storage, JSON and form field. */
    public enum Kind { STRING, BOOLEAN, LONG, DOUBLE, DECIMAL, DATE, RICH_TEXT, ASSET, REFERENCE, SUB_MODEL }

    public static final PropertyType STRING = new PropertyType(Kind.STRING, null);
    public static final PropertyType BOOLEAN = new PropertyType(Kind.BOOLEAN, null);
    public static final PropertyType LONG = new PropertyType(Kind.LONG, null);
    public static final PropertyType DOUBLE = new PropertyType(Kind.DOUBLE, null);
    public static final PropertyType DECIMAL = new PropertyType(Kind.DECIMAL, null);
    public static final PropertyType DATE = new PropertyType(Kind.DATE, null);
    public static final PropertyType RICH_TEXT = new PropertyType(Kind.RICH_TEXT, null);
    public static final PropertyType ASSET = new PropertyType(Kind.ASSET, null);

    public PropertyType {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.REFERENCE || kind == Kind.SUB_MODEL) == (target == null)) {
            throw new IllegalArgumentException("target is required exactly for references and sub-models: " + kind);
        }
    }

    public static PropertyType reference(String contentType) {
        return new PropertyType(Kind.REFERENCE, contentType);
    }

    public static PropertyType subModel(String subModelName) {
        return new PropertyType(Kind.SUB_MODEL, subModelName);
    }

    /**
     * Parses a built-in type name; sub-model names are resolved by the caller, who knows the sub-models.
     * Magnolia compares these names case-sensitively.
     */
    public static Optional<PropertyType> builtIn(String name) {
        if (name == null) {
            return Optional.of(STRING);
        }
        if (name.startsWith("reference:")) {
            String target = name.substring("reference:".length()).trim();
            return target.isEmpty() ? Optional.empty() : Optional.of(reference(target));
        }
        return switch (name) {
            case "String" -> Optional.of(STRING);
            case "Boolean" -> Optional.of(BOOLEAN);
            case "Long" -> Optional.of(LONG);
            case "Double" -> Optional.of(DOUBLE);
            case "Decimal" -> Optional.of(DECIMAL);
            case "Date" -> Optional.of(DATE);
            case "richText" -> Optional.of(RICH_TEXT);
            case "asset" -> Optional.of(ASSET);
            default -> Optional.empty();
        };
    }

    /** True for types stored as a plain JCR property (everything but sub-models). */
    public boolean isSimple() {
        return kind != Kind.SUB_MODEL;
    }

    /** The name as written in YAML. */
    public String yamlName() {
        return switch (kind) {
            case STRING -> "String";
            case BOOLEAN -> "Boolean";
            case LONG -> "Long";
            case DOUBLE -> "Double";
            case DECIMAL -> "Decimal";
            case DATE -> "Date";
            case RICH_TEXT -> "richText";
            case ASSET -> "asset";
            case REFERENCE -> "reference:" + target;
            case SUB_MODEL -> target;
        };
    }

    @Override
    public String toString() {
        return yamlName();
    }
}
