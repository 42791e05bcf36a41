package no.sunnekommuner.cms.content;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Reduces rich text to a safe HTML subset before it is stored: text structure, lists, links, tables and images;
 * no scripts, styles, event handlers or {@code javascript:} links. Delivery emits stored HTML raw (as Magnolia 6.2
 * does), so this is the guard.
 */
public final class RichTextSanitizer {

    private final Safelist safelist = Safelist.relaxed()
            .addAttributes("a", "target", "rel")
            .addAttributes(":all", "lang")
            .addProtocols("a", "href", "http", "https", "mailto", "tel")
            .preserveRelativeLinks(true);

    private final Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);

    public String sanitize(String html) {
        if (html == null || html.isEmpty()) {
            return html;
        }
        // Safe input is stored exactly as written (no re-serialisation of entities or whitespace); anything with a
        // disallowed element, attribute or protocol is rewritten to the safe subset.
        if (Jsoup.isValid(html, safelist)) {
            return html;
        }
        return Jsoup.clean(html, "", safelist, output);
    }
}
