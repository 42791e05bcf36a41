package no.sunnekommuner.cms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Start-up tasks: in their order, on their own thread, not done while one runs, then the warm-up; a failure fails
 * the start and skips the rest.
 */
class StartupTasksTest {

    @Test
    void runInOrderOnTheirOwnThreadAndAreDoneOnlyWhenAllAre() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        Map<String, Runnable> tasks = new LinkedHashMap<>();
        tasks.put("first", () -> ran.add("first " + Thread.currentThread().getName()));
        tasks.put("second", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.add("second");
        });
        StartupTasks startup = new StartupTasks(tasks, () -> ran.add("warm-up"));
        Thread.sleep(50);
        assertThat(startup.isDone()).as("the second task waits").isFalse();
        release.countDown();
        startup.await();
        assertThat(startup.isDone()).isTrue();
        startup.finish();
        assertThat(ran).containsExactly("first start-up", "second", "warm-up");
    }

    @Test
    void aFailedTaskIsThrownByAwaitAndStopsTheRest() {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        Map<String, Runnable> tasks = new LinkedHashMap<>();
        tasks.put("migration", () -> {
            throw new IllegalStateException("migration failed");
        });
        tasks.put("scheduler", () -> ran.add("scheduler"));
        StartupTasks startup = new StartupTasks(tasks, () -> ran.add("warm-up"));
        assertThatThrownBy(startup::await).isInstanceOf(IllegalStateException.class).hasMessage("migration failed");
        startup.finish();
        assertThat(startup.isDone()).isFalse();
        assertThat(ran).isEmpty();
    }
}
