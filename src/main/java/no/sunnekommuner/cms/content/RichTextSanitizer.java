package no.sunnekommuner.cms.content;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Reduces rich text to a safe HTML subset before it is stored: text structure, lists, links, tables and images;
 * no scripts, styles, event handlers or {@code javascript:} links. Delivery emits stored HTML raw (as Magnolia 6.2
 * does), so this is the guard.
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

    private final Safelist safelist = Safelist.relaxed()
            .addAttributes("a", "target", "rel")
            .addAttributes(":all", "lang")
            .addProtocols("a", "href", "http", "https", "mailto", "tel")
            .preserveRelativeLinks(true);

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
        return clean.body().html();
    }
}
