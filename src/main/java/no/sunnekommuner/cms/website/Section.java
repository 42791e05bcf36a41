package no.sunnekommuner.cms.website;

import java.util.Optional;

/**
 * The site's sections and their path segment in each language. Items keep their node name ({@code @name}) in
 * both languages, so the language switch maps a page to the same item by swapping the section segment.
 */
public enum Section {
    NEWS("nyheter", "news"),
    WHY("hvorfor-medlemskap", "why-membership"),
    MEMBERS("medlemmer", "members"),
    THEME_GROUPS("temagrupper", "theme-groups"),
    GROWTH("vekst", "growth"),
    MAP("kart", "map"),
    ACCESSIBILITY("tilgjengelighet", "accessibility"),
    APPLY("bli-medlem", "become-member");

    private final String nb;
    private final String en;

    Section(String nb, String en) {
        this.nb = nb;
        this.en = en;
    }

    public String segment(Lang lang) {
        return lang == Lang.NB ? nb : en;
    }

    /** The path of the section in a language, e.g. {@code /en/members}. */
    public String path(Lang lang) {
        return lang.prefix() + "/" + segment(lang);
    }

    public static Optional<Section> of(Lang lang, String segment) {
        for (Section s : values()) {
            if (s.segment(lang).equals(segment)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
