package no.sunnekommuner.cms.website;

import java.util.Locale;

/** The site's two languages: Norwegian Bokmål at {@code /}, English below {@code /en/}. */
public enum Lang {
    NB("nb", "", Locale.forLanguageTag("nb-NO"), "nb_NO"),
    EN("en", "/en", Locale.UK, "en_GB");

    private final String code;
    private final String prefix;
    private final Locale locale;
    private final String ogLocale;

    Lang(String code, String prefix, Locale locale, String ogLocale) {
        this.code = code;
        this.prefix = prefix;
        this.locale = locale;
        this.ogLocale = ogLocale;
    }

    public String code() {
        return code;
    }

    /** Path prefix of the language's pages ({@code ""} or {@code "/en"}). */
    public String prefix() {
        return prefix;
    }

    public Locale locale() {
        return locale;
    }

    public String ogLocale() {
        return ogLocale;
    }

    public Lang other() {
        return this == NB ? EN : NB;
    }

    // bean-style getters for the templates
    public String getCode() {
        return code;
    }

    public String getPrefix() {
        return prefix;
    }
}
