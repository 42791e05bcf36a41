package no.sunnekommuner.cms.website;

import java.util.Map;

/**
 * A page to render: its template, its data, and the path of the same page in each language (language switch,
 * {@code hreflang}, canonical URL).
 */
record Page(int status, String template, Map<String, Object> model, String nbPath, String enPath) {

    static Page ok(String template, Map<String, Object> model, String nbPath, String enPath) {
        return new Page(200, template, model, nbPath, enPath);
    }

    String path(Lang lang) {
        return lang == Lang.NB ? nbPath : enPath;
    }
}
