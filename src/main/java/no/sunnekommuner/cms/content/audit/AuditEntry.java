package no.sunnekommuner.cms.content.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: who did what to which item (or account), when, from which address.
 *
 * @param action  a content event's wire name ({@code publish}, {@code review-approve} …) or one of the security
 *                actions below
 * @param target  for content: the item's path; for accounts: the username concerned; may be null
 * @param id      the item's identifier, or null
 * @param address the client address, or null (the runtime's own writes)
 * @param detail  free text (a restored version, a comment, the roles given), or null
 */
public record AuditEntry(Instant time, String user, String action, String workspace, String target, String id,
        String address, String detail) {

    public static final String SIGN_IN = "sign-in";
    public static final String SIGN_IN_FAILED = "sign-in-failed";
    /** An attempt refused without a password check by the lock-out policy. */
    public static final String LOCK_OUT = "lock-out";
    public static final String USER_CREATE = "user-create";
    public static final String USER_CHANGE = "user-change";
    public static final String USER_DELETE = "user-delete";
    public static final String PASSWORD_CHANGE = "password-change";
    public static final String TOKEN_CREATE = "token-create";
    public static final String TOKEN_REVOKE = "token-revoke";

    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
    }
}
