package no.sunnekommuner.cms.content.i18n;

import com.google.common.collect.ImmutableList;
import java.util.Objects;

/**
 * The content languages of the site (Magnolia's site i18n: {@code DefaultI18nContentSupport}). The default
 * language is stored without suffix ({@code title}); others as {@code title_<language>}.
 */
public record SiteLocales(ImmutableList<String> languages, String defaultLanguage, String fallbackLanguage) {

    public SiteLocales {
        Objects.requireNonNull(languages, "languages");
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        fallbackLanguage = fallbackLanguage == null ? defaultLanguage : fallbackLanguage;
        if (!languages.contains(defaultLanguage)) {
            throw new IllegalArgumentException("default language " + defaultLanguage + " is not among " + languages);
        }
    }

    /** Norwegian Bokmål first, English second: the network's site. */
    public static SiteLocales norwegianAndEnglish() {
        return new SiteLocales(ImmutableList.of("nb", "en"), "nb", "nb");
    }

    /** The stored property name of a localised property in a language. */
    public String storedName(String property, String language) {
        return language.equals(defaultLanguage) ? property : LocalisedNames.suffixed(property, language);
    }

    public ImmutableList<String> otherLanguages() {
        return languages.stream().filter(l -> !l.equals(defaultLanguage)).collect(ImmutableList.toImmutableList());
    }
}
