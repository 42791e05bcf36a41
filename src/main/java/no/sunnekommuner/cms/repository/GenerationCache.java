package no.sunnekommuner.cms.repository;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bounded cache (Caffeine) of values computed from content, emptied when content changes, that never keeps a
 * value computed before a change: the caller takes {@link #generation()} before computing and hands it to
 * {@link #put}; a value whose generation is no longer current is not stored, is removed again if a change slips in
 * between the check and the store, and is never answered by {@link #get} either. Keys are values (records),
 * never concatenated strings, so two different requests cannot share an entry.
 *
 * <p>Used for rendered delivery responses, query counts and sampled property types.
 */
public final class GenerationCache<K, V> {

    private record Stamped<V>(V value, long generation) {
    }

    private final Cache<K, Stamped<V>> entries;
    private final AtomicLong generation = new AtomicLong();
    private final Runnable beforeStore;

    private GenerationCache(Cache<K, Stamped<V>> entries, Runnable beforeStore) {
        this.entries = entries;
        this.beforeStore = beforeStore;
    }

    /** At most {@code maxEntries} values (least recently and frequently used go first). */
    public static <K, V> GenerationCache<K, V> ofSize(long maxEntries) {
        return new GenerationCache<>(Caffeine.newBuilder().maximumSize(Math.max(maxEntries, 1)).build(), () -> { });
    }

    /** Values weighing at most {@code maxWeight} together (e.g. bytes of rendered responses). */
    public static <K, V> GenerationCache<K, V> ofWeight(long maxWeight, Weigher<K, V> weigher) {
        Weigher<K, Stamped<V>> stamped = (k, s) -> weigher.weigh(k, s.value());
        return new GenerationCache<>(Caffeine.newBuilder().maximumWeight(Math.max(maxWeight, 1)).weigher(stamped)
                .build(), () -> { });
    }

    /**
     * The same cache with a hook run after a value passed its generation check and before it is stored: tests
     * use it to force a change into exactly that moment.
     */
    public GenerationCache<K, V> withHookBeforeStore(Runnable hook) {
        return new GenerationCache<>(entries, Objects.requireNonNull(hook));
    }

    /** The current generation: take it before computing a value to {@link #put}. */
    public long generation() {
        return generation.get();
    }

    /** The stored value, or null (also for one stored under an older generation). */
    public V get(K key) {
        Stamped<V> s = entries.getIfPresent(key);
        return s != null && s.generation() == generation.get() ? s.value() : null;
    }

    /**
     * Stores a value computed while the generation was {@code computedAt}, unless content changed since.
     *
     * @return true when it was stored (and is still current)
     */
    public boolean put(K key, V value, long computedAt) {
        if (generation.get() != computedAt) {
            return false;
        }
        beforeStore.run();
        Stamped<V> stamped = new Stamped<>(value, computedAt);
        entries.put(key, stamped);
        // an invalidation between the check and the store: its clearing may have run before the store
        if (generation.get() != computedAt) {
            entries.asMap().remove(key, stamped);
            return false;
        }
        return true;
    }

    /** The stored value, or computes it (outside any lock) and stores it if content did not change meanwhile. */
    public V get(K key, Function<K, V> compute) {
        V known = get(key);
        if (known != null) {
            return known;
        }
        long at = generation();
        V value = compute.apply(key);
        if (value != null) {
            put(key, value, at);
        }
        return value;
    }

    /** Forgets everything (called whenever content changes): first the generation, then the entries. */
    public void invalidate() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    /** Entries held now (tests, metrics). */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
