package no.sunnekommuner.cms.delivery.intake;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code perWindow} requests per key (a visitor's address) in any sliding window: the next one is refused
 * until the oldest counted request leaves the window. Memory is bounded (at most {@code maxTracked} keys, each
 * forgotten a window after its last request).
 */
final class IntakeRateLimit {

    private final int perWindow;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Deque<Instant>> recent;

    IntakeRateLimit(int perWindow, Duration window, int maxTracked, Clock clock) {
        if (perWindow < 1) {
            throw new IllegalArgumentException("perWindow must be at least 1");
        }
        this.perWindow = perWindow;
        this.window = window;
        this.clock = clock;
        this.recent = Caffeine.newBuilder().maximumSize(maxTracked).expireAfterAccess(window).build();
    }

    /**
     * Counts a request of the key; empty when it may go on, else how long until it would be allowed.
     */
    java.util.Optional<Duration> acquire(String key) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.get(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
                times.pollFirst();
            }
            if (times.size() >= perWindow) {
                Duration wait = Duration.between(now, times.peekFirst().plus(window));
                return java.util.Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            }
            times.addLast(now);
            return java.util.Optional.empty();
        }
    }
}
