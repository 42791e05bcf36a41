package no.sunnekommuner.cms.delivery;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import no.sunnekommuner.cms.security.Authenticator;
import no.sunnekommuner.cms.security.BasicCredentials;
import no.sunnekommuner.cms.security.SessionUser;
import no.sunnekommuner.cms.security.User;

/** Who makes a REST request: the editor signed in to this server's session, or HTTP Basic credentials. */
public final class RequestUser {

    private final Authenticator authenticator;

    public RequestUser(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public Optional<User> of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SessionUser.ATTRIBUTE) instanceof User user) {
            return Optional.of(user);
        }
        return BasicCredentials.parse(request.getHeader("Authorization"))
                .flatMap(c -> authenticator.authenticate(c.username(), c.password()));
    }

    /** The user if they hold an editor role; otherwise a 401 that asks for credentials. */
    public User requireEditor(HttpServletRequest request) {
        return of(request).filter(User::canEdit).orElseThrow(() -> new DeliveryException(401, "unauthorized",
                "Sign in with an editor account (HTTP Basic or the editor's session)"));
    }
}
