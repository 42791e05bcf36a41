package no.sunnekommuner.cms.content.model;

import java.util.Objects;

/**
 * What an editor list asks for: items of one content type, optionally narrowed by text and publication status,
 * sorted by one property, one page.
 *
 * @param text      full-text words (all must match), or null
 * @param status    only items in this state, or null for all
 * @param orderBy   a stored property name, {@code @name}, {@code mgnl:lastModified}, ... or null (index order)
 */
public record ContentQuery(
        String contentType,
        String text,
        PublicationStatus status,
        String orderBy,
        boolean ascending,
        int offset,
        int limit) {

    public ContentQuery {
        Objects.requireNonNull(contentType, "contentType");
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    public static ContentQuery all(String contentType, int offset, int limit) {
        return new ContentQuery(contentType, null, null, null, true, offset, limit);
    }
}
