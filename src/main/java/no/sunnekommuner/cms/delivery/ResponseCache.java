package no.sunnekommuner.cms.delivery;

import com.google.common.hash.Hashing;
import java.util.concurrent.atomic.AtomicLong;
import no.sunnekommuner.cms.repository.GenerationCache;

/**
 * Rendered public responses with their ETags, bounded by their size in bytes. Any content change empties it at
 * once (the content service calls {@link #invalidate()} before its write returns), so a publish is visible to the
 * next request; a response rendered before a change is never stored after it ({@link GenerationCache}).
 */
public final class ResponseCache {

    /** A cached response and its strong ETag (quoted). */
    public record Entry(DeliveryResponse response, String etag) {
    }

    /**
     * What a response depends on: the decoded path, the query string as received and the Accept-Language header
     * (a record, so no choice of values can make two requests share a key).
     */
    public record Key(String path, String rawQuery, String acceptLanguage) {
    }

    private final GenerationCache<Key, Entry> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public ResponseCache(long maxBytes) {
        this(GenerationCache.ofWeight(maxBytes, ResponseCache::weight));
    }

    /** With the given store (tests hand one with a hook). */
    ResponseCache(GenerationCache<Key, Entry> entries) {
        this.entries = entries;
    }

    private static int weight(Key k, Entry e) {
        long chars = k.path().length() + (k.rawQuery() == null ? 0 : k.rawQuery().length())
                + (k.acceptLanguage() == null ? 0 : k.acceptLanguage().length());
        return (int) Math.min(Integer.MAX_VALUE, chars * 2 + e.response().body().length + 64);
    }

    public Entry get(Key key) {
        Entry entry = entries.get(key);
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
    public Entry put(Key key, DeliveryResponse response, long renderedAt) {
        Entry entry = new Entry(response, etag(response));
        entries.put(key, entry, renderedAt);
        return entry;
    }

    public long generation() {
        return entries.generation();
    }

    public void invalidate() {
        entries.invalidate();
    }

    public static String etag(DeliveryResponse response) {
        return "\"" + Hashing.murmur3_128().newHasher().putBytes(response.body())
                .putUnencodedChars(String.valueOf(response.contentLanguage())).hash() + "\"";
    }
}
