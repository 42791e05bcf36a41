package no.sunnekommuner.cms.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Slows down password guessing without letting anyone lock a real user out (README, "Lock-out policy"):
 * <ul>
 * <li><b>per client address</b>: after {@code addressFailures} (default {@value #ADDRESS_FREE_FAILURES}) failed
 * sign-ins within
 * {@link #WINDOW} an address is refused (without a password check) until {@link #WINDOW} after its last failure;
 * this stops one machine guessing, and only that machine;</li>
 * <li><b>per account</b>: after {@value #ACCOUNT_FREE_FAILURES} failures a password is only checked once a short
 * delay has passed since the account's last failure (1 s, doubling, at most {@link #MAX_ACCOUNT_DELAY}); the delay
 * does not apply to an address that signed in to this account successfully in the last {@link #KNOWN_FOR}, so the
 * real user at their usual computer is never slowed down by someone else's guesses.</li>
 * </ul>
 * All state is in bounded caches (at most {@code maxTracked} entries each, forgotten after {@link #WINDOW}), and a
 * username that breaks the username rule is never stored: such an account cannot exist.
 */
public final class LoginThrottle {

    static final int ADDRESS_FREE_FAILURES = 10;
    static final int ACCOUNT_FREE_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration FIRST_ACCOUNT_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_ACCOUNT_DELAY = Duration.ofSeconds(8);
    static final Duration KNOWN_FOR = Duration.ofDays(30);
    /** The username rule of {@link UserDirectory}: names that break it are never tracked. */
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

    private final Clock clock;
    private final int addressFailures;
    private final Cache<String, Failures> addresses;
    private final Cache<String, Failures> accounts;
    /** "username\u0000address" of successful sign-ins. */
    private final Cache<String, Boolean> knownAddresses;

    public LoginThrottle(Clock clock, int maxTracked) {
        this(clock, maxTracked, ADDRESS_FREE_FAILURES);
    }

    public LoginThrottle(Clock clock, int maxTracked, int addressFailures) {
        if (addressFailures < 1 || maxTracked < 1) {
            throw new IllegalArgumentException("security.signIn.addressFailures and security.signIn.maxTracked must "
                    + "be at least 1");
        }
        this.clock = clock;
        this.addressFailures = addressFailures;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.addresses = Caffeine.newBuilder().ticker(ticker).maximumSize(maxTracked)
                .expireAfterWrite(WINDOW).build();
        this.accounts = Caffeine.newBuilder().ticker(ticker).maximumSize(maxTracked)
                .expireAfterWrite(WINDOW).build();
        this.knownAddresses = Caffeine.newBuilder().ticker(ticker).maximumSize(maxTracked)
                .expireAfterWrite(KNOWN_FOR).build();
    }

    private record Failures(int count, Instant last) {
        Failures next(Instant now) {
            return new Failures(count + 1, now);
        }
    }

    /**
     * True when this attempt is to be answered as a failure without checking the password: the address has failed
     * too often, or the account is in its short delay and the address is not one the account signed in from.
     */
    public boolean refuses(String username, String address) {
        Failures byAddress = addresses.getIfPresent(addressKey(address));
        if (byAddress != null && byAddress.count() >= addressFailures) {
            return true;
        }
        String account = accountKey(username);
        if (account == null) {
            return false;
        }
        Failures byAccount = accounts.getIfPresent(account);
        if (byAccount == null || byAccount.count() < ACCOUNT_FREE_FAILURES
                || knownAddresses.getIfPresent(account + '\u0000' + addressKey(address)) != null) {
            return false;
        }
        return clock.instant().isBefore(byAccount.last().plus(accountDelay(byAccount.count())));
    }

    static Duration accountDelay(int failures) {
        int doublings = Math.min(failures - ACCOUNT_FREE_FAILURES, 10);
        Duration delay = FIRST_ACCOUNT_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_ACCOUNT_DELAY) > 0 ? MAX_ACCOUNT_DELAY : delay;
    }

    /** A wrong password (or an attempt refused by {@link #refuses}: it counts against the address only). */
    public void failed(String username, String address, boolean passwordChecked) {
        Instant now = clock.instant();
        addresses.asMap().compute(addressKey(address), (k, f) -> f == null ? new Failures(1, now) : f.next(now));
        String account = accountKey(username);
        if (passwordChecked && account != null) {
            accounts.asMap().compute(account, (k, f) -> f == null ? new Failures(1, now) : f.next(now));
        }
    }

    public void succeeded(String username, String address) {
        String account = accountKey(username);
        if (account != null) {
            accounts.invalidate(account);
            knownAddresses.put(account + '\u0000' + addressKey(address), Boolean.TRUE);
        }
    }

    /** How many addresses and accounts are tracked (for tests of the bound; Caffeine's estimate). */
    public long trackedEntries() {
        addresses.cleanUp();
        accounts.cleanUp();
        knownAddresses.cleanUp();
        return addresses.estimatedSize() + accounts.estimatedSize() + knownAddresses.estimatedSize();
    }

    private static String addressKey(String address) {
        return address == null || address.isBlank() ? "unknown" : address.length() > 64 ? address.substring(0, 64)
                : address;
    }

    /** The account's key, or null for a name that breaks the username rule (such an account cannot exist). */
    private static String accountKey(String username) {
        if (username == null) {
            return null;
        }
        String name = username.trim().toLowerCase(Locale.ROOT);
        return USERNAME.matcher(name).matches() ? name : null;
    }
}
