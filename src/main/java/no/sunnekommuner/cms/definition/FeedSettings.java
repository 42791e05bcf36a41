package no.sunnekommuner.cms.definition;

import java.util.Optional;

/**
 * The Atom feed of one delivery endpoint, from the module's {@code standalone/content-rules.yaml}
 * ({@code endpoints.<endpoint path>.feed}); Magnolia's {@code jcrDeliveryEndpoint_v2} has no such keys, and an
 * unknown key on it would be a problem in Magnolia's Definitions app. Unset values fall back to the global
 * {@code delivery.feed.*} settings.
 *
 * @param dateProperty    the Date property that dates and orders the entries
 * @param summaryProperty the property giving an entry's summary
 * @param orderBy         the feed's order, in the delivery API's {@code orderBy} form; default: date descending
 */
public record FeedSettings(String dateProperty, String summaryProperty, String orderBy) {

    public static final FeedSettings NONE = new FeedSettings(null, null, null);

    public Optional<String> date() {
        return Optional.ofNullable(dateProperty);
    }

    public Optional<String> summary() {
        return Optional.ofNullable(summaryProperty);
    }

    public Optional<String> order() {
        return Optional.ofNullable(orderBy);
    }
}
