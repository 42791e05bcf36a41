package no.sunnekommuner.cms.editor;

import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import java.util.Optional;
import no.sunnekommuner.cms.security.SessionUser;
import no.sunnekommuner.cms.security.User;

/** The signed-in editor, kept in the HTTP session (shared with the preview endpoints). */
final class CurrentUser {

    private CurrentUser() {
    }

    static Optional<User> get() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null || session.getSession() == null) {
            return Optional.empty();
        }
        return session.getSession().getAttribute(SessionUser.ATTRIBUTE) instanceof User user ? Optional.of(user)
                : Optional.empty();
    }

    static User require() {
        return get().orElseThrow(() -> new IllegalStateException("Not signed in"));
    }

    static void set(User user) {
        WrappedSession session = VaadinSession.getCurrent().getSession();
        session.setAttribute(SessionUser.ATTRIBUTE, user);
    }

    /** Forgets the user without ending the session (the account is gone or may no longer edit). */
    static void clear() {
        VaadinSession.getCurrent().getSession().removeAttribute(SessionUser.ATTRIBUTE);
    }

    static void signOut() {
        VaadinSession.getCurrent().getSession().invalidate();
    }
}
