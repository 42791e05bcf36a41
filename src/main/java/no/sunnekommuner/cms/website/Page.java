package no.sunnekommuner.cms.website;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A page to render: its template, its data, and the path of the same page in each language (language switch,
 * {@code hreflang}, canonical URL). A redirect has status 301 and its target in {@link #LOCATION}.
 */
record Page(int status, String template, Map<String, Object> model, String nbPath, String enPath) {

    /** Model key: a draft shown with a preview token (never stored by caches, never indexed). */
    static final String PREVIEW = "preview";
    /** Model key: a page that must not be reused from a cache (a form with what the visitor typed). */
    static final String UNCACHEABLE = "uncacheable";
    /** Model key of a redirect's target. */
    static final String LOCATION = "location";

    static Page ok(String template, Map<String, Object> model, String nbPath, String enPath) {
        return new Page(200, template, model, nbPath, enPath);
    }

    /** A permanent redirect to a path of the site (an old address of an item that has a slug now). */
    static Page redirect(String location) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(LOCATION, location);
        return new Page(301, null, m, location, location);
    }

    String path(Lang lang) {
        return lang == Lang.NB ? nbPath : enPath;
    }

    boolean preview() {
        return Boolean.TRUE.equals(model.get(PREVIEW));
    }

    /** A page every visitor sees alike: it may carry an ETag and be revalidated by browsers and proxies. */
    boolean shared() {
        return status == 200 && !preview() && !Boolean.TRUE.equals(model.get(UNCACHEABLE));
    }
}
