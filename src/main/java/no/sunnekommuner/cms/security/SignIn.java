package no.sunnekommuner.cms.security;

import java.util.Optional;

/**
 * Password sign-in with the lock-out policy of {@link LoginThrottle}: the editor's sign-in form and every HTTP
 * Basic request that is not answered from the {@link BasicAuthCache}.
 */
public final class SignIn implements Authenticator {

    private final UserDirectory users;
    private final LoginThrottle throttle;

    public SignIn(UserDirectory users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    @Override
    public Optional<User> authenticate(String username, char[] password, String clientAddress) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        if (throttle.refuses(username, clientAddress)) {
            throttle.failed(username, clientAddress, false);
            return Optional.empty();
        }
        // one bcrypt check whatever the username or password (a dummy hash for unknown users, too long passwords)
        Optional<User> user = users.verify(username, password);
        if (user.isPresent()) {
            throttle.succeeded(username, clientAddress);
        } else {
            throttle.failed(username, clientAddress, true);
        }
        return user;
    }

    public LoginThrottle throttle() {
        return throttle;
    }
}
