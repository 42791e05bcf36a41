package no.sunnekommuner.cms.delivery;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.sunnekommuner.cms.content.i18n.SiteLocales;

/**
 * The language a delivery response is rendered in, resolved as Magnolia 6.2 does (FINDINGS §4.1): a {@code lang}
 * parameter matching a site locale, else {@code Accept-Language}, else the default language; {@code lang=all}
 * asks for the stored names.
 *
 * @param language   the resolved language, or null for {@code lang=all}
 * @param negotiated true when the header decided (responses then vary on {@code Accept-Language})
 */
public record ContentLocale(String language, boolean negotiated) {

    private static final ImmutableSet<String> ISO_LANGUAGES = ImmutableSet.copyOf(Locale.getISOLanguages());
    private static final ImmutableSet<String> ISO_COUNTRIES = ImmutableSet.copyOf(Locale.getISOCountries());

    public boolean all() {
        return language == null;
    }

    /**
     * Resolves the language.
     *
     * @throws DeliveryException 400 for a {@code lang} that is no language at all (Magnolia: 500)
     */
    public static ContentLocale resolve(String lang, String acceptLanguage, SiteLocales site) {
        if (lang != null) {
            if (lang.equalsIgnoreCase("all")) {
                return new ContentLocale(null, false);
            }
            String[] parts = lang.replace('-', '_').split("_", -1);
            String language = parts[0].toLowerCase(Locale.ROOT);
            boolean valid = lang.length() <= 35 && ISO_LANGUAGES.contains(language) && (parts.length == 1
                    || (parts.length == 2 && parts[1].matches("[A-Za-z]{2}|\\d{3}"))
                    || (parts.length == 3 && parts[1].matches("[A-Za-z]{2}") && !parts[2].isEmpty()));
            if (!valid) {
                throw DeliveryException.badRequest("Language parameter: " + abbreviate(lang) + " is not allowed; "
                        + "use one of " + String.join(", ", site.languages()) + " or all");
            }
            if (site.languages().contains(language)) {
                return new ContentLocale(language, false);
            }
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            List<Locale.LanguageRange> ranges = languageRanges(acceptLanguage);
            if (!ranges.isEmpty()) {
                List<Locale> locales = new ArrayList<>();
                site.languages().forEach(l -> locales.add(Locale.forLanguageTag(l)));
                Locale match = Locale.lookup(ranges, locales);
                if (match != null) {
                    return new ContentLocale(match.getLanguage(), true);
                }
            }
        }
        return new ContentLocale(site.defaultLanguage(), true);
    }

    /**
     * The readable ranges of an {@code Accept-Language} header, each parsed on its own: an invalid range
     * ({@code -}, {@code en;q=x}) is ignored rather than spoiling the others, as browsers and bots send odd headers
     * ({@link Locale.LanguageRange#parse} throws on them, for {@code -} even an ArrayIndexOutOfBoundsException).
     * At most 32 ranges are read.
     */
    public static List<Locale.LanguageRange> languageRanges(String header) {
        List<Locale.LanguageRange> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        int read = 0;
        for (String part : header.split(",", 64)) {
            if (part.isBlank() || read++ >= 32) {
                continue;
            }
            try {
                out.addAll(Locale.LanguageRange.parse(part.trim()));
            } catch (RuntimeException invalidRange) {
                // ignored, see above
            }
        }
        // most preferred first, as LanguageRange.parse orders a whole header
        out.sort(java.util.Comparator.comparingDouble(Locale.LanguageRange::getWeight).reversed());
        return out;
    }

    /**
     * The language a stored name is localised for ({@code title_en} → {@code en}), or null: the last one or two
     * {@code _}-separated segments are read as a locale when they are an ISO 639 language (and country).
     */
    public static String localeOfName(String name) {
        return no.sunnekommuner.cms.content.i18n.LocalisedNames.localeOf(name);
    }

    /** The base name of a localised stored name ({@code title_en} → {@code title}). */
    public static String baseName(String name, String locale) {
        return name.substring(0, name.length() - locale.length() - 1);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
