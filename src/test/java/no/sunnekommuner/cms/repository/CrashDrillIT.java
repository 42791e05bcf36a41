package no.sunnekommuner.cms.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash drill: a child JVM writes through the content service and is killed with SIGKILL mid-way; after a restart
 * every save that returned must be present and found by a query (the Lucene index must not miss the last
 * writes). Three rounds on the same repository.
 */
class CrashDrillIT {

    @TempDir
    Path data;

    @Test
    void noReturnedSaveIsLostAfterKillMinus9() throws Exception {
        Set<String> saved = new HashSet<>();
        Set<String> published = new HashSet<>();
        int next = 0;
        for (int round = 0; round < 3; round++) {
            int killAfter = 40 + ThreadLocalRandom.current().nextInt(60);
            next = runAndKill(next, killAfter, saved, published);
            verify(saved, published);
        }
    }

    private int runAndKill(int first, int killAfter, Set<String> saved, Set<String> published) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashDrillWriter.class.getName(),
                data.toString(), String.valueOf(first))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int count = 0;
        int highest = first;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("saved ")) {
                    saved.add(line.substring(6));
                    highest = Math.max(highest, Integer.parseInt(line.substring(line.lastIndexOf('-') + 1)));
                    if (++count >= killAfter) {
                        break;
                    }
                } else if (line.startsWith("published ")) {
                    published.add(line.substring(10));
                }
            }
            // SIGKILL while the child is still writing: no shutdown hook, no flush
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(count).as("the writer made saves before it was killed").isEqualTo(killAfter);
        return highest + 1000;
    }

    private void verify(Set<String> saved, Set<String> published) throws Exception {
        try (CmsRuntime runtime = TestRuntimes.start(data, List.of(TestRuntimes.LIGHT_MODULES))) {
            for (String path : saved) {
                assertThat(runtime.content().get("benefits", path)).as("saved %s is present", path).isPresent();
            }
            for (String path : published) {
                assertThat(runtime.content().getPublished("benefits", path)).as("published %s", path).isPresent();
            }
            Set<String> found = new HashSet<>();
            for (ContentItem item : runtime.content().list(new ContentQuery("benefit", "drillitem", null, null, true,
                    0, 100_000)).items()) {
                found.add(item.path());
            }
            assertThat(found).as("the index finds every saved node").containsAll(saved);
        }
    }
}
