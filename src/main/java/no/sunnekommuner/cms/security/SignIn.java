package no.sunnekommuner.cms.security;

import java.time.Instant;
import java.util.Optional;
import no.sunnekommuner.cms.content.audit.AuditEntry;
import no.sunnekommuner.cms.content.audit.AuditTrail;

/**
 * Password sign-in with the lock-out policy of {@link LoginThrottle}: the editor's sign-in form and every HTTP
 * Basic request that is not answered from the {@link BasicAuthCache}.
 */
public final class SignIn implements Authenticator {

    private final UserDirectory users;
    private final LoginThrottle throttle;
    private final AuditTrail audit;

    public SignIn(UserDirectory users, LoginThrottle throttle) {
        this(users, throttle, AuditTrail.NONE);
    }

    /** With every sign-in, failed sign-in and lock-out refusal recorded in the audit trail. */
    public SignIn(UserDirectory users, LoginThrottle throttle, AuditTrail audit) {
        this.users = users;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Optional<User> authenticate(String username, char[] password, String clientAddress) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        if (throttle.refuses(username, clientAddress)) {
            throttle.failed(username, clientAddress, false);
            record(AuditEntry.LOCK_OUT, username, clientAddress);
            return Optional.empty();
        }
        // one bcrypt check whatever the username or password (a dummy hash for unknown users, too long passwords)
        Optional<User> user = users.verify(username, password);
        if (user.isPresent()) {
            throttle.succeeded(username, clientAddress);
            record(AuditEntry.SIGN_IN, user.get().username(), clientAddress);
        } else {
            throttle.failed(username, clientAddress, true);
            record(AuditEntry.SIGN_IN_FAILED, username, clientAddress);
        }
        return user;
    }

    private void record(String action, String username, String clientAddress) {
        // a typed name is recorded as typed (bounded): it may be a mistyped password, so never more than 64 chars
        String name = username.length() > 64 ? username.substring(0, 64) + "…" : username;
        audit.record(new AuditEntry(Instant.now(), name, action, null, name, null, clientAddress, null));
    }

    public LoginThrottle throttle() {
        return throttle;
    }
}
