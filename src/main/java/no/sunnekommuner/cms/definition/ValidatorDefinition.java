package no.sunnekommuner.cms.definition;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A field validator from an app's form ({@code validators.<name>}), resolved at load: its kind from Magnolia 6 UI's
 * {@code $type} ({@code emailValidator}, {@code regexpValidator} + {@code pattern}) and the compiled pattern.
 * Validators apply to the text form of a value of any property type (a regexp on a Long checks its digits).
 *
 * @param errorMessage the YAML's {@code errorMessage} (a message key of the module's bundles, or text), or null
 */
public record ValidatorDefinition(String name, Kind kind, Pattern pattern, String errorMessage) {

    /** The validators this runtime implements. */
    public enum Kind {
        EMAIL("emailValidator", "info.magnolia.ui.field.EmailValidatorDefinition"),
        REGEXP("regexpValidator", "info.magnolia.ui.field.RegexpValidatorDefinition");

        private final String typeName;
        private final String className;

        Kind(String typeName, String className) {
            this.typeName = typeName;
            this.className = className;
        }

        public String typeName() {
            return typeName;
        }

        public static Optional<Kind> named(String name) {
            for (Kind k : values()) {
                if (k.typeName.equals(name) || k.className.equals(name)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** The address form Magnolia's e-mail validator accepts in essence: one @, no blanks, a dotted domain. */
    public static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$");

    public ValidatorDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.EMAIL) {
            pattern = EMAIL;
        }
        Objects.requireNonNull(pattern, "pattern");
    }

    /** True when the text passes. */
    public boolean accepts(String text) {
        return pattern.matcher(text).matches();
    }

    /** The rule name of a violation: Magnolia's validator name. */
    public String rule() {
        return kind.typeName();
    }
}
