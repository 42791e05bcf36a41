package no.sunnekommuner.cms.website;

import java.util.Map;

/**
 * The address of an item on the site in the language it was read in: its folder (the node path's parent) and its
 * slug in that language (the API's {@code slug}, localised like every property: {@code slug_en} under
 * {@code lang=en}), or its node name ({@code @name}, Magnolia's) when it has none.
 */
final class ItemPaths {

    private final String slugProperty;

    /** @param slugProperty the content property holding the slug (site-model.properties {@code item.slug}) */
    ItemPaths(String slugProperty) {
        this.slugProperty = slugProperty;
    }

    /** {@code /2024/annual-conference-2024} for an item read with {@code lang=en}. */
    String itemPath(Map<?, ?> item) {
        String path = String.valueOf(item.get("@path"));
        Object own = item.get(slugProperty);
        if (own == null || own.toString().isBlank() || !own.toString().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            return path;
        }
        int slash = path.lastIndexOf('/');
        return (slash <= 0 ? "" : path.substring(0, slash)) + "/" + own;
    }

    /**
     * The stored name of the slug in a language, as a delivery filter names it: Magnolia keeps the default
     * language under the plain name and every other one as {@code <name>_<language>}.
     */
    String slugFilter(Lang lang) {
        return lang == Lang.NB ? slugProperty : slugProperty + "_" + lang.code();
    }
}
