package no.sunnekommuner.cms.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The lock-out policy: bounded memory, per-address refusal, per-account delays that never lock a user out. */
class LoginThrottleTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void tenThousandsOfInventedUsernamesLeaveTheStateBounded() {
        int bound = 1_000;
        LoginThrottle throttle = new LoginThrottle(clock, bound);
        String longName = "x".repeat(5_000);
        for (int i = 0; i < 12_000; i++) {
            String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            throttle.refuses(longName + i, address);
            throttle.failed(longName + i, address, true);          // never a key: no account can have this name
            throttle.failed("user" + i, address, true);            // valid names: kept, but only up to the bound
            throttle.succeeded("user" + i, address);
        }
        // three bounded tables (addresses, accounts, known addresses)
        assertThat(throttle.trackedEntries()).isLessThanOrEqualTo(3L * bound);
    }

    @Test
    void oneAddressGuessingIsRefusedWhileOthersAreNot() {
        LoginThrottle throttle = new LoginThrottle(clock, 100);
        for (int i = 0; i < LoginThrottle.ADDRESS_FREE_FAILURES; i++) {
            assertThat(throttle.refuses("user" + i, "10.0.0.66")).isFalse();
            throttle.failed("user" + i, "10.0.0.66", true);
        }
        assertThat(throttle.refuses("someone", "10.0.0.66")).isTrue();
        assertThat(throttle.refuses("someone", "10.0.0.1")).isFalse();
        now.set(now.get().plus(LoginThrottle.WINDOW).plusSeconds(1));
        assertThat(throttle.refuses("someone", "10.0.0.66")).isFalse();
    }

    @Test
    void anAccountUnderAttackIsOnlyDelayedAFewSecondsAndNeverAtItsKnownAddress() {
        LoginThrottle throttle = new LoginThrottle(clock, 100);
        throttle.succeeded("kari", "10.0.0.1"); // Kari's usual computer
        // a thousand guesses from a thousand addresses
        for (int i = 0; i < 1_000; i++) {
            String address = "192.168." + (i >> 8) + "." + (i & 255);
            if (!throttle.refuses("kari", address)) {
                throttle.failed("kari", address, true);
            } else {
                throttle.failed("kari", address, false);
            }
            now.set(now.get().plusMillis(100));
        }
        assertThat(throttle.refuses("kari", "10.0.0.1")).as("the known address").isFalse();
        assertThat(throttle.refuses("kari", "10.0.0.2")).as("a new address, within the delay").isTrue();
        now.set(now.get().plus(LoginThrottle.MAX_ACCOUNT_DELAY));
        assertThat(throttle.refuses("kari", "10.0.0.2")).as("a new address, after at most a few seconds").isFalse();
        assertThat(LoginThrottle.accountDelay(1_000)).isEqualTo(LoginThrottle.MAX_ACCOUNT_DELAY);
        assertThat(LoginThrottle.MAX_ACCOUNT_DELAY).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }
}
