package no.sunnekommuner.cms.delivery;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.Hashing;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rendered public responses with their ETags. Any content change empties it at once (the content service calls
 * {@link #invalidate()} before its write returns), so a publish is visible to the next request.
 */
public final class ResponseCache {

    /** A cached response and its strong ETag (quoted). */
    public record Entry(DeliveryResponse response, String etag) {
    }

    private final Cache<String, Entry> entries;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public ResponseCache(long maxBytes) {
        this.entries = CacheBuilder.newBuilder()
                .maximumWeight(Math.max(maxBytes, 1))
                .weigher((String k, Entry e) -> k.length() * 2 + e.response().body().length + 64)
                .build();
    }

    public Entry get(String key) {
        Entry entry = entries.getIfPresent(key);
        (entry == null ? misses : hits).incrementAndGet();
        return entry;
    }

    /** Lookups answered from the cache since start (metrics). */
    public long hits() {
        return hits.get();
    }

    /** Lookups that had to render (metrics). */
    public long misses() {
        return misses.get();
    }

    /**
     * Stores a response rendered while the generation was {@code renderedAt}; a response rendered before a
     * change that happened meanwhile is not stored (it may show the old state).
     */
    public Entry put(String key, DeliveryResponse response, long renderedAt) {
        Entry entry = new Entry(response, etag(response));
        if (generation.get() == renderedAt) {
            entries.put(key, entry);
        }
        return entry;
    }

    public long generation() {
        return generation.get();
    }

    public void invalidate() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    public static String etag(DeliveryResponse response) {
        return "\"" + Hashing.murmur3_128().newHasher().putBytes(response.body())
                .putUnencodedChars(String.valueOf(response.contentLanguage())).hash() + "\"";
    }
}
