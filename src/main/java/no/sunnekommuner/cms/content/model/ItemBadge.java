package no.sunnekommuner.cms.content.model;

import java.util.Locale;

/**
 * The one status an editor sees on an item (grid and detail view): review and schedule before the publication
 * state, since they say what happens next.
 */
public enum ItemBadge {
    DRAFT, IN_REVIEW, SCHEDULED, PUBLISHED, MODIFIED;

    public static ItemBadge of(ContentItem item) {
        WorkflowState w = item.workflow();
        if (w.review() == WorkflowState.Review.IN_REVIEW) {
            return IN_REVIEW;
        }
        if (w.scheduled()) {
            return SCHEDULED;
        }
        return switch (item.status()) {
            case DRAFT -> DRAFT;
            case PUBLISHED -> PUBLISHED;
            case MODIFIED -> MODIFIED;
        };
    }

    /** The message key suffix ({@code status.<key>}), shared with the publication status's keys. */
    public String key() {
        return switch (this) {
            case IN_REVIEW -> "inReview";
            case SCHEDULED -> "scheduled";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }
}
