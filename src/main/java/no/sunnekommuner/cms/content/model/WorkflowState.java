package no.sunnekommuner.cms.content.model;

import java.time.Instant;

/**
 * The editorial workflow of one item, kept next to its draft (never part of its content, never published):
 * where it stands in review and when it is to be published or withdrawn. Every change makes a new value.
 *
 * @param review        none, in review (submitted, waiting for a publisher) or rejected (back with the author)
 * @param requestedBy   who submitted it for review (the author who sees a rejection), or null
 * @param requestedAt   when it was submitted, or null
 * @param comment       the submitter's comment, or null
 * @param decisionBy     the publisher who rejected or approved it last, or null
 * @param decisionAt     when, or null
 * @param decision      the publisher's comment (why it was rejected), or null
 * @param publishAt     when the server publishes it (an instant; the editor shows it in its time zone), or null
 * @param unpublishAt   when the server withdraws it from the public, or null
 * @param scheduledBy   who asked for the schedule (the scheduled publish runs on their behalf), or null
 * @param problem       why the last scheduled run did nothing (e.g. the draft no longer validates), or null
 * @param approvedRevision the draft's revision a publisher approved for a later publish, or null: where the app
 *                      requires review, a draft changed after the approval is not published by the schedule
 */
public record WorkflowState(
        Review review,
        String requestedBy,
        Instant requestedAt,
        String comment,
        String decisionBy,
        Instant decisionAt,
        String decision,
        Instant publishAt,
        Instant unpublishAt,
        String scheduledBy,
        String problem,
        Long approvedRevision) {

    public static final WorkflowState NONE = new WorkflowState(Review.NONE, null, null, null, null, null, null,
            null, null, null, null, null);

    public WorkflowState {
        review = review == null ? Review.NONE : review;
    }

    /** Where an item stands in review. */
    public enum Review {
        NONE, IN_REVIEW, REJECTED;

        public String stored() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Review fromStored(String value) {
            return value == null ? NONE : valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    public WorkflowState submitted(String user, Instant at, String text) {
        return new WorkflowState(Review.IN_REVIEW, user, at, text, decisionBy, decisionAt, decision, publishAt,
                unpublishAt, scheduledBy, problem, approvedRevision);
    }

    public WorkflowState rejected(String user, Instant at, String text) {
        return new WorkflowState(Review.REJECTED, requestedBy, requestedAt, comment, user, at, text, publishAt,
                unpublishAt, scheduledBy, problem, approvedRevision);
    }

    /** Approved: out of review (the approval publishes now or sets {@link #publishAt}). */
    public WorkflowState approved(String user, Instant at) {
        return new WorkflowState(Review.NONE, null, null, null, user, at, null, publishAt, unpublishAt,
                scheduledBy, problem, approvedRevision);
    }

    public WorkflowState scheduled(Instant publish, Instant unpublish, String user) {
        return new WorkflowState(review, requestedBy, requestedAt, comment, decisionBy, decisionAt, decision, publish,
                unpublish, publish == null && unpublish == null ? null : user, null,
                publish == null ? null : approvedRevision);
    }

    public WorkflowState withProblem(String text) {
        return new WorkflowState(review, requestedBy, requestedAt, comment, decisionBy, decisionAt, decision,
                publishAt, unpublishAt, scheduledBy, text, approvedRevision);
    }

    public WorkflowState withoutPublishAt() {
        return new WorkflowState(review, requestedBy, requestedAt, comment, decisionBy, decisionAt, decision, null,
                unpublishAt, unpublishAt == null ? null : scheduledBy, problem, null);
    }

    public WorkflowState withoutUnpublishAt() {
        return new WorkflowState(review, requestedBy, requestedAt, comment, decisionBy, decisionAt, decision,
                publishAt, null, publishAt == null ? null : scheduledBy, problem, approvedRevision);
    }

    /** Remembers which revision of the draft was approved for the planned publish. */
    public WorkflowState withApprovedRevision(long revision) {
        return new WorkflowState(review, requestedBy, requestedAt, comment, decisionBy, decisionAt, decision,
                publishAt, unpublishAt, scheduledBy, problem, revision);
    }

    /** True when a publish or unpublish is planned. */
    public boolean scheduled() {
        return publishAt != null || unpublishAt != null;
    }
}
