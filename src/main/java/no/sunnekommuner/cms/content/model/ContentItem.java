package no.sunnekommuner.cms.content.model;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A stored node with its bookkeeping: where it is, its revision (for conflict detection), publication status,
 * who changed it when, and its editorial workflow (review, schedule).
 */
public record ContentItem(
        String workspace,
        String path,
        ContentNode node,
        long revision,
        PublicationStatus status,
        OffsetDateTime created,
        String createdBy,
        OffsetDateTime lastModified,
        String lastModifiedBy,
        OffsetDateTime lastPublished,
        String lastPublishedBy,
        WorkflowState workflow) {

    public ContentItem {
        workflow = workflow == null ? WorkflowState.NONE : workflow;
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(status, "status");
    }

    public String id() {
        return node.identifier();
    }

    public String name() {
        return node.name();
    }

    public String parentPath() {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
