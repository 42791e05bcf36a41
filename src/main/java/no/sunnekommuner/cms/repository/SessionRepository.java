package no.sunnekommuner.cms.repository;

import javax.jcr.RepositoryException;
import javax.security.auth.Subject;
import org.apache.jackrabbit.core.RepositoryContext;
import org.apache.jackrabbit.core.RepositoryImpl;
import org.apache.jackrabbit.core.SessionImpl;
import org.apache.jackrabbit.core.XASessionImpl;
import org.apache.jackrabbit.core.config.RepositoryConfig;
import org.apache.jackrabbit.core.config.WorkspaceConfig;
import org.apache.jackrabbit.core.security.authentication.AuthContext;

/**
 * Jackrabbit's repository, handing out sessions cheaply: without a finalizer, and without a password check for
 * each one.
 *
 * <p>Jackrabbit's {@code SessionImpl} has a finalizer that logs out a session its caller forgot. It can never
 * act: the repository keeps every live session in a strong map until its logout, so only logged-out sessions
 * ever become unreachable, and for those the finalizer does nothing. But a class with a finalizer makes every
 * instance wait for the finalizer thread: each request's logged-out session, with its item caches, survived one
 * more young collection and was promoted when the survivor spaces overflowed (JFR, heap histograms: hundreds of
 * dead sessions; issue 13). A subclass whose {@code finalize} is empty is not registered for finalization by the
 * JVM. Every session of ours is logged out in a {@code finally} or try-with-resources block.
 *
 * <p>A log-in with credentials runs Jackrabbit's login module, which hashes the password again (salted SHA-256,
 * 1,000 iterations) for every session, and a public read opens one session per workspace it reads (an article,
 * its members, its theme groups). After the first log-in, {@link #sessionFor} opens sessions for the subject
 * that log-in authenticated, as Jackrabbit's own impersonation and system sessions do.
 */
final class SessionRepository extends RepositoryImpl {

    private SessionRepository(RepositoryConfig config) throws RepositoryException {
        super(config);
    }

    static SessionRepository start(RepositoryConfig config) throws RepositoryException {
        return new SessionRepository(config);
    }

    /**
     * A session on {@code workspace} for a subject an earlier log-in authenticated ({@code SessionImpl#getSubject}).
     *
     * @throws javax.jcr.NoSuchWorkspaceException if there is no such workspace
     */
    SessionImpl sessionFor(Subject authenticated, String workspace) throws RepositoryException {
        return createSession(authenticated, workspace);
    }

    @Override
    protected SessionImpl createSessionInstance(AuthContext loginContext, WorkspaceConfig workspace)
            throws RepositoryException {
        return new Session(context, loginContext, workspace);
    }

    @Override
    protected SessionImpl createSessionInstance(Subject subject, WorkspaceConfig workspace)
            throws RepositoryException {
        return new Session(context, subject, workspace);
    }

    /** Jackrabbit's session (with transactions, as the repository's own), without its finalizer. */
    private static final class Session extends XASessionImpl {

        Session(RepositoryContext context, AuthContext loginContext, WorkspaceConfig workspace)
                throws RepositoryException {
            super(context, loginContext, workspace);
        }

        Session(RepositoryContext context, Subject subject, WorkspaceConfig workspace)
                throws RepositoryException {
            super(context, subject, workspace);
        }

        /** Empty on purpose: the JVM does not register instances of a class whose finalizer is empty. */
        @Override
        @SuppressWarnings({"deprecation", "removal", "checkstyle:NoFinalizer"})
        public void finalize() {
        }
    }
}
