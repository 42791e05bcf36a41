package no.sunnekommuner.cms.editor;

import java.util.Objects;
import no.sunnekommuner.cms.content.audit.AuditLog;
import no.sunnekommuner.cms.content.preview.PreviewLinks;
import no.sunnekommuner.cms.content.webhooks.WebhookDispatcher;

/** The editor's share of the editorial workflow: the audit log, the webhooks' state and the preview links. */
public record WorkflowServices(AuditLog audit, WebhookDispatcher webhooks, PreviewLinks previews) {

    public WorkflowServices {
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(previews, "previews");
    }
}
