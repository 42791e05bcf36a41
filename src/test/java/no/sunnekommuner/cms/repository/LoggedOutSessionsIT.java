package no.sunnekommuner.cms.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.file.Path;
import javax.jcr.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A logged-out session is garbage at the next collection. With Jackrabbit's own session class (it has a
 * finalizer) it would wait for the finalizer thread and a second collection: under load, each request's session
 * and its item caches were promoted to the old generation (issue 13).
 */
class LoggedOutSessionsIT {

    @TempDir
    Path home;

    @Test
    void aLoggedOutSessionIsFreedByOneCollection() throws Exception {
        try (JcrRepository repository = JcrRepository.start(home)) {
            repository.ensureWorkspace("news");
            ReferenceQueue<Session> freed = new ReferenceQueue<>();
            PhantomReference<Session> watched = loggedOut(repository, freed);

            System.gc();
            // no second collection: a session waiting for finalization would still be phantom-reachable
            Reference<? extends Session> enqueued = freed.remove(5_000);

            assertThat(enqueued).as("the logged-out session freed by one collection").isSameAs(watched);
            assertThat(repository.openSessions()).isZero();
        }
    }

    private static PhantomReference<Session> loggedOut(JcrRepository repository, ReferenceQueue<Session> queue)
            throws Exception {
        Session session = repository.login("news");
        session.getRootNode().getNodes().hasNext();
        session.logout();
        return new PhantomReference<>(session, queue);
    }
}
