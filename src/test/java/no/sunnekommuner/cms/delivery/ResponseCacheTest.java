package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import no.sunnekommuner.cms.repository.GenerationCache;
import org.junit.jupiter.api.Test;

/** The response cache: keyed by a record, and a publish during rendering never leaves the old page cached. */
class ResponseCacheTest {

    private static DeliveryResponse body(String text) {
        return new DeliveryResponse(200, text.getBytes(StandardCharsets.UTF_8), "nb", false);
    }

    @Test
    void aResponseRenderedBeforeAPublishIsNotCachedEvenWhenThePublishFallsInsideTheStore() throws Exception {
        CountDownLatch checked = new CountDownLatch(1);
        CountDownLatch published = new CountDownLatch(1);
        ResponseCache cache = new ResponseCache(GenerationCache.<ResponseCache.Key, ResponseCache.Entry>ofWeight(
                1_000_000, (k, e) -> e.response().body().length).withHookBeforeStore(() -> {
                    checked.countDown();
                    try {
                        published.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        ResponseCache.Key key = new ResponseCache.Key("/delivery/news/v1/sak", null, "nb");
        long renderedAt = cache.generation();
        CompletableFuture<ResponseCache.Entry> renderer = CompletableFuture.supplyAsync(
                () -> cache.put(key, body("{\"title\":\"old\"}"), renderedAt));
        assertThat(checked.await(10, TimeUnit.SECONDS)).isTrue();
        cache.invalidate();
        published.countDown();
        assertThat(renderer.get(10, TimeUnit.SECONDS).etag()).as("the renderer still answers its own request")
                .startsWith("\"");
        assertThat(cache.get(key)).as("but the next request renders again").isNull();
    }

    @Test
    void keysOfDifferentRequestsNeverCollide() {
        ResponseCache cache = new ResponseCache(1_000_000);
        // with a concatenated key these two were "/a?b\0c" alike
        ResponseCache.Key one = new ResponseCache.Key("/a", "b\u0000c", null);
        ResponseCache.Key two = new ResponseCache.Key("/a", "b", "c");
        cache.put(one, body("one"), cache.generation());
        assertThat(cache.get(two)).isNull();
        assertThat(cache.get(one)).isNotNull();
    }
}
