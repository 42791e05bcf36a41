package no.sunnekommuner.cms.editor;

import java.time.Instant;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.audit.AuditEntry;

/** Records the account changes made in the editor in the audit log, with the admin who made them. */
final class Audit {

    private Audit() {
    }

    static void account(String action, String username, String detail) {
        Actor admin = CurrentUser.actor();
        Cms.runtime().workflow().audit().record(new AuditEntry(Instant.now(), admin.username(), action, null,
                username, null, admin.address(), detail));
    }
}
