package no.sunnekommuner.cms.content;

import org.jsoup.Jsoup;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Reduces rich text to a safe HTML subset before it is stored: text structure, lists, links, tables and images of
 * the media library; no scripts, styles, event handlers or {@code javascript:} links. Delivery emits stored HTML
 * raw (as Magnolia 6.2 does), so this is the guard.
 *
 * <p>An {@code <img>} stays only when its {@code src} is a root-relative link of the library, a download link
 * {@code /dam/jcr:<uuid>/<file>} or a rendition link {@code /.imaging/mte/<theme>/<variation>/dam/<path>/jcr:content/<file>}
 * ({@code /.imaging/default/dam/<path>/jcr:content.<ext>}), of an asset the library holds, and it has a non-blank
 * {@code alt}; every other image is dropped (no hot-linked pictures of other sites, no tracking pixels). Those
 * links answer {@code 404} publicly until the asset is published, so a body cannot show a draft picture.
 *
 * <p>What is kept is always re-serialised from jsoup's tree, never passed through as written: a parser's idea of
 * "valid" input is not a browser's (jsoup reads {@code <![CDATA[…]]>} as text, a browser as a bogus comment that
 * ends at the first {@code >}). Only elements, attributes and text of the safe list come out; comments, CDATA,
 * processing instructions and doctype are dropped or become escaped text. The result is stable: sanitising it
 * again gives the same string, so unchanged text never looks edited.
 */
public final class RichTextSanitizer {

    /** Re-cleaning converges after one round for jsoup's output; the bound only guards against a surprise. */
    private static final int MAX_ROUNDS = 4;

    /** {@code /dam/jcr:<uuid>/<file name>} (Magnolia's download link by identifier). */
    private static final Pattern DOWNLOAD = Pattern.compile("/dam/jcr:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}"
            + "-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:/[^/?#\\s]+)?");
    /** A rendition link; group 1 is the asset's path in the dam workspace. */
    private static final Pattern RENDITION = Pattern.compile(
            "/\\.imaging/(?:mte/[\\w.-]+/[\\w.-]+|default)/dam((?:/[\\w.-]+)+)/jcr:content"
                    + "(?:\\.[A-Za-z0-9]+|/[^/?#\\s]+)");
    private static final Pattern VERSION_QUERY = Pattern.compile("(?:\\?v=[0-9A-Za-z._-]+)?");

    /** What the library holds: an asset by identifier, or by its path in the {@code dam} workspace. */
    @FunctionalInterface
    public interface Library {
        /** Any well-formed library link (where the library is not at hand, as in the editor's field). */
        Library ANY = ref -> true;

        boolean holds(String identifierOrPath);
    }

    private final Safelist safelist = Safelist.relaxed()
            .addAttributes("a", "target", "rel")
            .addAttributes(":all", "lang")
            .addProtocols("a", "href", "http", "https", "mailto", "tel")
            // relative image links reach the library check below, which keeps library links only
            .removeProtocols("img", "src", "http", "https")
            .preserveRelativeLinks(true);
    private final Library library;

    /** A sanitizer that keeps images of well-formed library links (the content service checks they exist). */
    public RichTextSanitizer() {
        this(Library.ANY);
    }

    public RichTextSanitizer(Library library) {
        this.library = library;
    }

    public String sanitize(String html) {
        if (html == null || html.isEmpty()) {
            return html;
        }
        String current = html;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String cleaned = clean(current);
            if (cleaned.equals(current) && round > 0) {
                return cleaned;
            }
            current = cleaned;
        }
        // No fixed point: keep the words only, escaped, which is stable and cannot carry markup.
        return Entities.escape(Jsoup.parse(html).text());
    }

    private String clean(String html) {
        Document dirty = Jsoup.parseBodyFragment(html, "");
        Document clean = new Cleaner(safelist).clean(dirty);
        clean.outputSettings().prettyPrint(false).charset("UTF-8").escapeMode(Entities.EscapeMode.base);
        for (Element img : clean.body().getElementsByTag("img")) {
            if (!libraryImage(img)) {
                img.remove();
            }
        }
        return clean.body().html();
    }

    private boolean libraryImage(Element img) {
        if (img.attr("alt").isBlank()) {
            return false; // WCAG 1.1.1, as for the image of an article
        }
        String src = img.attr("src").trim();
        int query = src.indexOf('?');
        if (query >= 0 && !VERSION_QUERY.matcher(src.substring(query)).matches()) {
            return false;
        }
        String link = query >= 0 ? src.substring(0, query) : src;
        Matcher download = DOWNLOAD.matcher(link);
        if (download.matches()) {
            return library.holds(download.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        Matcher rendition = RENDITION.matcher(link);
        return rendition.matches() && !rendition.group(1).contains("..") && library.holds(rendition.group(1));
    }
}
