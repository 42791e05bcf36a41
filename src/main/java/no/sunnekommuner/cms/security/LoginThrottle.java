package no.sunnekommuner.cms.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@value #FREE_ATTEMPTS} failed sign-ins for a username, further attempts
 * are refused for a delay that doubles with each failure (up to 15 minutes). A success clears the count.
 */
public final class LoginThrottle {

    static final int FREE_ATTEMPTS = 5;
    private static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant blockedUntil) {
    }

    /** True while attempts for this username are refused without checking the password. */
    public boolean isBlocked(String username) {
        Failures f = failures.get(key(username));
        return f != null && f.blockedUntil() != null && clock.instant().isBefore(f.blockedUntil());
    }

    public void failed(String username) {
        failures.compute(key(username), (k, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            Instant until = null;
            if (count >= FREE_ATTEMPTS) {
                long factor = 1L << Math.min(count - FREE_ATTEMPTS, 10);
                Duration delay = FIRST_DELAY.multipliedBy(factor);
                until = clock.instant().plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
            }
            return new Failures(count, until);
        });
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
