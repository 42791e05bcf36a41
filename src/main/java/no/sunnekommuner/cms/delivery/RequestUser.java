package no.sunnekommuner.cms.delivery;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import no.sunnekommuner.cms.security.ApiTokens;
import no.sunnekommuner.cms.security.Authenticator;
import no.sunnekommuner.cms.security.BasicCredentials;
import no.sunnekommuner.cms.security.SessionUser;
import no.sunnekommuner.cms.security.User;
import no.sunnekommuner.cms.security.UserDirectory;

/**
 * Who makes a REST request, for every resource that needs a signed-in user (nodes API, preview, any later one):
 * the {@code Authorization} header when there is one ({@code Bearer} API token or HTTP {@code Basic}), otherwise
 * the editor's session. A session keeps only the username and a credential stamp; the account and its roles are
 * read for every request, so a deleted or demoted user loses their rights at once.
 */
public final class RequestUser {

    private final UserDirectory users;
    private final Authenticator basic;
    private final ApiTokens tokens;

    public RequestUser(UserDirectory users, Authenticator basic, ApiTokens tokens) {
        this.users = users;
        this.basic = basic;
        this.tokens = tokens;
    }

    public Optional<User> of(HttpServletRequest request) {
        // the address goes with the user into the content service's events (audit log)
        return identify(request).map(u -> u.at(request.getRemoteAddr()));
    }

    private Optional<User> identify(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            // explicit credentials decide alone: wrong ones are not rescued by a session cookie
            if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return tokens.authenticate(authorization.substring(7).trim());
            }
            return BasicCredentials.parse(authorization)
                    .flatMap(c -> basic.authenticate(c.username(), c.password(), request.getRemoteAddr()));
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SessionUser.ATTRIBUTE) instanceof SessionUser signedIn) {
            return users.resolve(signedIn);
        }
        return Optional.empty();
    }

    /** The user if they hold an editor role; otherwise a 401. */
    public User requireEditor(HttpServletRequest request) {
        return of(request).filter(User::canEdit).orElseThrow(() -> new DeliveryException(401, "unauthorized",
                "Sign in with an editor account (API token, HTTP Basic or the editor's session)"));
    }
}
