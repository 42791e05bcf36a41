package no.sunnekommuner.cms.editor;

import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import java.util.Optional;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.security.SessionUser;
import no.sunnekommuner.cms.security.User;

/**
 * The signed-in editor. The HTTP session (shared with the REST endpoints) keeps only a {@link SessionUser}; the
 * account and its roles are read from the user directory at every call (cached there for a few seconds, and
 * invalidated by every change), the same way the REST endpoints read them.
 */
final class CurrentUser {

    private CurrentUser() {
    }

    static Optional<User> get() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null || session.getSession() == null) {
            return Optional.empty();
        }
        return session.getSession().getAttribute(SessionUser.ATTRIBUTE) instanceof SessionUser signedIn
                ? Cms.runtime().users().resolve(signedIn) : Optional.empty();
    }

    /** The signed-in user as the access policy sees them. */
    static Actor actor() {
        com.vaadin.flow.server.VaadinRequest request = com.vaadin.flow.server.VaadinRequest.getCurrent();
        // the client address goes into the audit log with every write the editor makes
        return require().actor().from(request == null ? null : request.getRemoteAddr());
    }

    static User require() {
        return get().orElseThrow(() -> new IllegalStateException("Not signed in"));
    }

    /** Remembers the user in the session (after sign-in, or after changing one's own password). */
    static void set(User user) {
        WrappedSession session = VaadinSession.getCurrent().getSession();
        SessionUser signedIn = Cms.runtime().users().sessionUser(user.username())
                .orElseThrow(() -> new IllegalStateException("No user " + user.username()));
        session.setAttribute(SessionUser.ATTRIBUTE, signedIn);
    }

    /** Forgets the user without ending the session (the account is gone or may no longer edit). */
    static void clear() {
        VaadinSession.getCurrent().getSession().removeAttribute(SessionUser.ATTRIBUTE);
    }

    static void signOut() {
        VaadinSession.getCurrent().getSession().invalidate();
    }
}
