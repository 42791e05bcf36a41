package no.sunnekommuner.cms.content.webhooks;

import java.time.Duration;

/**
 * How webhooks are retried and bounded: the first retry after {@code initialBackoff}, each next one after twice
 * the time before (at most {@code maxBackoff}); after {@code maxAttempts} failed attempts an event is given up
 * (kept in the failed list of the admin view) and the next one is sent; at most {@code maxOutbox} events wait per
 * target; one attempt waits {@code timeout} for the target's answer.
 */
public record WebhookSettings(Duration initialBackoff, Duration maxBackoff, int maxAttempts, int maxOutbox,
        Duration timeout) {

    public WebhookSettings {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0
                || maxAttempts < 1 || maxOutbox < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("webhooks.*: backoffs and timeout must be positive (max >= initial), "
                    + "maxAttempts and maxOutbox at least 1");
        }
    }

    /** The wait before attempt {@code attempt + 1} after {@code attempt} failures (1, 2, 4 … times the first). */
    Duration backoff(int attempt) {
        Duration d = initialBackoff;
        for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
