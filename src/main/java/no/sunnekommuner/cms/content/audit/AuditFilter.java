package no.sunnekommuner.cms.content.audit;

import java.time.Instant;

/**
 * What the admin view asks for: every field optional (null or blank = any). {@code item} matches a path (or a
 * part of one), an identifier or an account name; {@code user} and {@code action} match exactly (ignoring case);
 * the period is from (inclusive) to (exclusive).
 */
public record AuditFilter(String user, String item, String action, Instant from, Instant to) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);

    public boolean matches(AuditEntry e) {
        if (present(user) && !user.trim().equalsIgnoreCase(e.user())) {
            return false;
        }
        if (present(action) && !action.trim().equalsIgnoreCase(e.action())) {
            return false;
        }
        if (present(item)) {
            String wanted = item.trim();
            boolean hit = (e.target() != null && e.target().contains(wanted))
                    || (e.id() != null && e.id().equals(wanted));
            if (!hit) {
                return false;
            }
        }
        if (from != null && e.time().isBefore(from)) {
            return false;
        }
        return to == null || e.time().isBefore(to);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
