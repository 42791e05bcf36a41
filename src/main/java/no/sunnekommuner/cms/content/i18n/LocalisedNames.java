package no.sunnekommuner.cms.content.i18n;

import com.google.common.collect.ImmutableSet;
import java.util.Locale;

/**
 * Magnolia's storage convention for localised properties, in one place: the default language is stored under the
 * property's name, every other language as {@code <property>_<language>} ({@code title_en}); a name whose last one
 * or two {@code _} segments are an ISO 639 language (and country) is read as localised.
 */
public final class LocalisedNames {

    private static final ImmutableSet<String> ISO_LANGUAGES = ImmutableSet.copyOf(Locale.getISOLanguages());
    private static final ImmutableSet<String> ISO_COUNTRIES = ImmutableSet.copyOf(Locale.getISOCountries());

    private LocalisedNames() {
    }

    /** The stored name of a property in a (non-default) language: {@code title} + {@code en} → {@code title_en}. */
    public static String suffixed(String property, String language) {
        return property + "_" + language;
    }

    /**
     * The language a stored name is localised for ({@code title_en} → {@code en}, {@code title_nb_NO} →
     * {@code nb_NO}), or null.
     */
    public static String localeOf(String name) {
        int last = name.lastIndexOf('_');
        if (last <= 0 || last == name.length() - 1) {
            return null;
        }
        String tail = name.substring(last + 1);
        if (ISO_LANGUAGES.contains(tail)) {
            return tail;
        }
        int previous = name.lastIndexOf('_', last - 1);
        if (previous > 0 && ISO_COUNTRIES.contains(tail)) {
            String language = name.substring(previous + 1, last);
            if (ISO_LANGUAGES.contains(language)) {
                return language + "_" + tail;
            }
        }
        return null;
    }
}
