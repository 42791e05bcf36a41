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
 * Jackrabbit's repository, handing out sessions that the garbage collector can free at once.
 *
 * <p>Jackrabbit's {@code SessionImpl} has a finalizer that logs out a session its caller forgot. It can never
 * act: the repository keeps every live session in a strong map until its logout, so only logged-out sessions
 * ever become unreachable, and for those the finalizer does nothing. But a class with a finalizer makes every
 * instance wait for the finalizer thread: each request's logged-out session, with its item caches, survived one
 * more young collection and was promoted when the survivor spaces overflowed (JFR, heap histograms: hundreds of
 * dead sessions; issue 13). A subclass whose {@code finalize} is empty is not registered for finalization by the
 * JVM. Every session of ours is logged out in a {@code finally} or try-with-resources block.
 */
final class SessionsWithoutFinalizer extends RepositoryImpl {

    private SessionsWithoutFinalizer(RepositoryConfig config) throws RepositoryException {
        super(config);
    }

    static RepositoryImpl start(RepositoryConfig config) throws RepositoryException {
        return new SessionsWithoutFinalizer(config);
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
