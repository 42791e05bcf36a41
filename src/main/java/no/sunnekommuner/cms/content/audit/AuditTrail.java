package no.sunnekommuner.cms.content.audit;

/** Where events worth auditing are recorded (the sign-in and the account views write to it). */
@FunctionalInterface
public interface AuditTrail {

    /** Records nothing (tests and tools that need no audit log). */
    AuditTrail NONE = entry -> { };

    void record(AuditEntry entry);
}
