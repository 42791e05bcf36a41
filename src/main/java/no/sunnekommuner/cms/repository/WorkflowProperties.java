package no.sunnekommuner.cms.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import javax.jcr.Node;
import javax.jcr.RepositoryException;
import no.sunnekommuner.cms.content.model.WorkflowState;

/**
 * An item's workflow state as {@code cms:wf*} properties of its draft node. They are bookkeeping like
 * {@code cms:revision}: never part of the content, of versions or of the published twin.
 */
final class WorkflowProperties {

    static final String REVIEW = "cms:wfReview";
    static final String REQUESTED_BY = "cms:wfRequestedBy";
    static final String REQUESTED_AT = "cms:wfRequestedAt";
    static final String COMMENT = "cms:wfComment";
    static final String DECIDED_BY = "cms:wfDecidedBy";
    static final String DECIDED_AT = "cms:wfDecidedAt";
    static final String DECISION = "cms:wfDecision";
    static final String PUBLISH_AT = "cms:wfPublishAt";
    static final String UNPUBLISH_AT = "cms:wfUnpublishAt";
    static final String SCHEDULED_BY = "cms:wfScheduledBy";
    static final String PROBLEM = "cms:wfProblem";
    static final String APPROVED_REVISION = "cms:wfApprovedRevision";

    /** Items with something pending: in review, rejected (shown to their author) or scheduled. */
    static final String QUERY = "/jcr:root//element(*, mgnl:content)[@" + REVIEW + " or @" + PUBLISH_AT + " or @"
            + UNPUBLISH_AT + "]";

    private WorkflowProperties() {
    }

    static WorkflowState read(Node node) throws RepositoryException {
        if (!node.hasProperty(REVIEW) && !node.hasProperty(PUBLISH_AT) && !node.hasProperty(UNPUBLISH_AT)
                && !node.hasProperty(PROBLEM) && !node.hasProperty(DECIDED_BY)) {
            return WorkflowState.NONE; // the usual case, without reading eleven properties
        }
        return new WorkflowState(WorkflowState.Review.fromStored(string(node, REVIEW)), string(node, REQUESTED_BY),
                instant(node, REQUESTED_AT), string(node, COMMENT), string(node, DECIDED_BY),
                instant(node, DECIDED_AT), string(node, DECISION), instant(node, PUBLISH_AT),
                instant(node, UNPUBLISH_AT), string(node, SCHEDULED_BY), string(node, PROBLEM),
                node.hasProperty(APPROVED_REVISION) ? node.getProperty(APPROVED_REVISION).getLong() : null);
    }

    static void write(Node node, WorkflowState state) throws RepositoryException {
        set(node, REVIEW, state.review() == WorkflowState.Review.NONE ? null : state.review().stored());
        set(node, REQUESTED_BY, state.requestedBy());
        set(node, REQUESTED_AT, state.requestedAt());
        set(node, COMMENT, state.comment());
        set(node, DECIDED_BY, state.decisionBy());
        set(node, DECIDED_AT, state.decisionAt());
        set(node, DECISION, state.decision());
        set(node, PUBLISH_AT, state.publishAt());
        set(node, UNPUBLISH_AT, state.unpublishAt());
        set(node, SCHEDULED_BY, state.scheduledBy());
        set(node, PROBLEM, state.problem());
        if (state.approvedRevision() == null) {
            set(node, APPROVED_REVISION, null);
        } else {
            node.setProperty(APPROVED_REVISION, state.approvedRevision().longValue());
        }
    }

    private static void set(Node node, String name, Object value) throws RepositoryException {
        if (value == null) {
            if (node.hasProperty(name)) {
                node.getProperty(name).remove();
            }
        } else if (value instanceof Instant instant) {
            node.setProperty(name, JcrValues.calendar(instant.atOffset(ZoneOffset.UTC)));
        } else {
            node.setProperty(name, value.toString());
        }
    }

    private static String string(Node node, String name) throws RepositoryException {
        return node.hasProperty(name) ? node.getProperty(name).getString() : null;
    }

    private static Instant instant(Node node, String name) throws RepositoryException {
        return node.hasProperty(name) ? node.getProperty(name).getDate().toInstant() : null;
    }
}
