package no.sunnekommuner.cms.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The caches of rendered responses, query counts and sampled types: bounded, and a value computed before an
 * invalidation is never stored (nor answered) after it, even when the invalidation falls between the generation
 * check and the store (forced here with a latch in the hook that runs exactly there).
 */
class GenerationCacheTest {

    @Test
    void aValueComputedBeforeAnInvalidationIsNotStoredAfterIt() {
        GenerationCache<String, String> cache = GenerationCache.ofSize(100);
        long renderedAt = cache.generation();
        cache.invalidate(); // a publish while rendering
        assertThat(cache.put("k", "old state", renderedAt)).isFalse();
        assertThat(cache.get("k")).isNull();
        assertThat(cache.put("k", "new state", cache.generation())).isTrue();
        assertThat(cache.get("k")).isEqualTo("new state");
    }

    @Test
    void anInvalidationBetweenTheCheckAndTheStoreWins() throws Exception {
        CountDownLatch checked = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        GenerationCache<String, String> cache = GenerationCache.<String, String>ofSize(100).withHookBeforeStore(() -> {
            checked.countDown();
            await(invalidated);
        });
        long renderedAt = cache.generation();
        CompletableFuture<Boolean> writer = CompletableFuture.supplyAsync(() -> cache.put("k", "old", renderedAt));
        assertThat(checked.await(10, TimeUnit.SECONDS)).isTrue();
        cache.invalidate(); // the content changes after the renderer's check, before its store
        invalidated.countDown();
        assertThat(writer.get(10, TimeUnit.SECONDS)).as("refused").isFalse();
        assertThat(cache.get("k")).as("the stale response is not served").isNull();
        assertThat(cache.size()).as("nor kept").isZero();
    }

    @Test
    void boundedBySize() {
        GenerationCache<Integer, Integer> cache = GenerationCache.ofSize(50);
        for (int i = 0; i < 5_000; i++) {
            cache.put(i, i, cache.generation());
        }
        assertThat(cache.size()).isLessThanOrEqualTo(50);
    }

    @Test
    void boundedByWeight() {
        GenerationCache<Integer, byte[]> cache = GenerationCache.ofWeight(10_000, (k, v) -> v.length);
        for (int i = 0; i < 1_000; i++) {
            cache.put(i, new byte[1_000], cache.generation());
        }
        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
