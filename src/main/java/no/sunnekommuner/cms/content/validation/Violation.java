package no.sunnekommuner.cms.content.validation;

import com.google.common.collect.ImmutableList;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * One broken rule: which field (a stored property name, or {@code coordinator.email} inside a sub-model), which
 * rule, and the arguments for its message. Messages come in Norwegian Bokmål and English.
 *
 * @param messageKey a message bundle key that overrides the rule's own message (a validator's
 *                   {@code errorMessage}), or null
 */
public record Violation(String field, String rule, ImmutableList<String> args, String messageKey) {

    private static final String BUNDLE = "no.sunnekommuner.cms.content.validation.ValidationMessages";

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        args = args == null ? ImmutableList.of() : args;
    }

    public static Violation of(String field, String rule, String... args) {
        return new Violation(field, rule, ImmutableList.copyOf(args), null);
    }

    /** The message in a language ({@code nb} or {@code en}), without the field name. */
    public String message(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control
                .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern;
        try {
            pattern = bundle.getString(rule);
        } catch (MissingResourceException e) {
            pattern = rule;
        }
        return new MessageFormat(pattern, locale).format(args.toArray());
    }

    /** "field: message", for logs and API error bodies. */
    public String describe(Locale locale) {
        return field + ": " + message(locale);
    }
}
