package no.sunnekommuner.cms.content.webhooks;

import java.time.Instant;

/**
 * One attempt to hand an event to a target, for the admin view.
 *
 * @param status the HTTP status answered, or 0 when none came (refused connection, time-out)
 */
public record WebhookDelivery(Instant time, String target, long sequence, String event, String workspace,
        String path, int attempt, int status, Outcome outcome, String message) {

    public enum Outcome {
        /** the target answered 2xx */
        DELIVERED,
        /** failed; tried again later */
        RETRYING,
        /** failed for the last allowed time: kept as failed, the next event goes on */
        GAVE_UP,
        /** the outbox was full: the event was not queued */
        REFUSED
    }
}
