package no.sunnekommuner.cms.website;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/** Formatting helpers the templates call ({@code ${fmt.date(...)}}), in the page's language. */
public final class Fmt {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    /** What the site keeps of rich text: basic text markup, and images (of the CMS only, see {@link #html}). */
    private static final Safelist RICH_TEXT = Safelist.basic().addTags("img")
            .addAttributes("img", "src", "alt", "width", "height").addProtocols("img", "src", "http", "https");

    private final Lang lang;
    private final DateTimeFormatter dates;
    private final String apiBase;
    private final ItemPaths paths;

    Fmt(Lang lang, java.net.URI apiBase, ItemPaths paths) {
        this.lang = lang;
        String base = apiBase.toString();
        this.apiBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.paths = paths;
        this.dates = DateTimeFormatter.ofPattern(lang == Lang.NB ? "d. MMMM yyyy" : "d MMMM yyyy", lang.locale());
    }

    static OffsetDateTime parse(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toString()).atZoneSameInstant(OSLO).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** "12. juni 2024" or "12 June 2024"; empty for no or a malformed date. */
    public String date(Object value) {
        OffsetDateTime d = parse(value);
        return d == null ? "" : dates.format(d);
    }

    /** The ISO day for {@code <time datetime>}. */
    public String isoDate(Object value) {
        OffsetDateTime d = parse(value);
        return d == null ? "" : d.toLocalDate().toString();
    }

    public String year(Object value) {
        OffsetDateTime d = parse(value);
        return d == null ? "" : String.valueOf(d.getYear());
    }

    /**
     * Rich text from the API. The CMS stores it sanitised already; the site cleans it again because it is a
     * separate client that must not trust an API it may be pointed at.
     */
    public String html(Object value) {
        if (value == null) {
            return "";
        }
        // the CMS's rich text embeds pictures of its media library by root-relative links (/dam/..., /.imaging/...):
        // they are the CMS's, so they are made absolute on the API; any other picture is left out
        org.jsoup.nodes.Document doc = Jsoup.parseBodyFragment(value.toString());
        for (org.jsoup.nodes.Element img : doc.select("img")) {
            String src = img.attr("src");
            if (img.attr("alt").isBlank() || !(src.startsWith("/dam/") || src.startsWith("/.imaging/"))) {
                img.remove();
            } else {
                img.attr("src", apiBase + src);
            }
        }
        return Jsoup.clean(doc.body().html(), RICH_TEXT);
    }

    public String text(String key, Object... args) {
        return Messages.get(lang, key, args);
    }

    /** The label of an option value: the message {@code <property>.<value>} (templates name the property). */
    public String option(String property, Object code) {
        return code == null ? "" : Messages.get(lang, property + "." + code);
    }

    /**
     * A site path of an item: {@code /en/members/asker}; given the item itself (a node of the API's JSON read in
     * the page's language), its slug in that language names it, else its node name.
     */
    public String link(String section, Object item) {
        String below = item instanceof java.util.Map<?, ?> node ? paths.itemPath(node)
                : item == null ? "" : item.toString();
        return Section.valueOf(section).path(lang) + below;
    }

    /** The label of an option as the API gives it next to the code ({@code memberType@label}), else the site's. */
    public String label(java.util.Map<?, ?> item, String property) {
        Object label = item == null ? null : item.get(property + SitePages.OPTION_LABEL);
        return label != null ? label.toString() : option(property, item == null ? null : item.get(property));
    }
}
