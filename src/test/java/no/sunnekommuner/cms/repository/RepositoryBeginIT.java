package no.sunnekommuner.cms.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.jcr.RepositoryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository starts on a thread of its own ({@link JcrRepository#begin}): the caller goes on at once, every
 * log-in of another thread waits until Jackrabbit and the start's own work are done, a store may ask for its
 * workspace meanwhile, and a failed start is thrown to whoever waits, never hidden.
 */
class RepositoryBeginIT {

    @TempDir
    Path home;

    @Test
    void logInsWaitForTheStartAndItsWork() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        AtomicReference<String> workThread = new AtomicReference<>();
        try (JcrRepository repository = JcrRepository.begin(home, RepositoryOptions.embedded(), r -> {
            workThread.set(Thread.currentThread().getName());
            // the start's own work logs in without waiting for itself
            r.withSession("default", s -> {
                s.getRootNode().addNode("prepared", "nt:unstructured");
                s.save();
                return null;
            });
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            // asked for while the start is held: created by the start, before any other log-in goes on
            repository.requireWorkspace("asked-early");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                hold.countDown();
            });
            release.start();
            long before = System.nanoTime();
            boolean prepared = repository.withSession("default", s -> s.nodeExists("/prepared"));
            long waitedMillis = (System.nanoTime() - before) / 1_000_000;

            assertThat(prepared).as("the log-in saw what the start's work wrote").isTrue();
            assertThat(waitedMillis).as("it waited for the held start").isGreaterThanOrEqualTo(250);
            assertThat(workThread.get()).isEqualTo("repository-start");
            assertThat(repository.<String>withSession("asked-early", s -> s.getWorkspace().getName()))
                    .isEqualTo("asked-early");
            // once started, asking creates at once
            repository.requireWorkspace("asked-late");
            assertThat(repository.<String>withSession("asked-late", s -> s.getRootNode().getPath())).isEqualTo("/");
        }
    }

    @Test
    void aFailedStartIsThrownToWhoeverWaits() throws Exception {
        try (JcrRepository first = JcrRepository.start(home)) {
            // the same data folder while the first holds it: Jackrabbit refuses it (its lock)
            JcrRepository second = JcrRepository.begin(home, RepositoryOptions.embedded(), r -> {
            });
            assertThatThrownBy(second::awaitStarted).isInstanceOf(RepositoryException.class)
                    .hasMessageContaining("did not start");
            assertThatThrownBy(() -> second.login("default")).isInstanceOf(RepositoryException.class)
                    .hasMessageContaining("did not start");
            assertThatThrownBy(() -> RepositorySetup.awaitStarted(second))
                    .isInstanceOf(no.sunnekommuner.cms.content.spi.StoreFailureException.class)
                    .hasMessageContaining("could not start");
            second.close(); // nothing to shut down: returns

            // the first is untouched
            assertThat(first.<String>withSession("default", s -> s.getRootNode().getPath())).isEqualTo("/");
        }
    }

    @Test
    void aFailingStartWorkFailsTheStartAndShutsJackrabbitDown() throws Exception {
        JcrRepository failing = JcrRepository.begin(home, RepositoryOptions.embedded(), r -> {
            throw new RepositoryException("node types refused");
        });
        assertThatThrownBy(failing::awaitStarted).hasMessageContaining("node types refused");
        failing.close();
        // shut down: the data folder can be started again
        try (JcrRepository again = JcrRepository.start(home)) {
            assertThat(again.<String>withSession("default", s -> s.getRootNode().getPath())).isEqualTo("/");
        }
    }
}
