package no.sunnekommuner.cms.content.webhooks;

import com.google.common.collect.ImmutableSet;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import no.sunnekommuner.cms.content.events.ContentEvent;

/**
 * A receiver of webhooks, configured by an administrator (never by an editor or over the API, so that nobody can
 * make the server call an address of their choosing): a name, an http(s) URL, a secret for the signature, the
 * events it wants and optionally the workspaces it cares about (empty = all).
 */
public record WebhookTarget(String name, URI url, String secret, ImmutableSet<Event> events,
        ImmutableSet<String> workspaces) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    static final int MIN_SECRET_LENGTH = 16;

    /** The events a webhook can announce: what the public sees changed. */
    public enum Event {
        PUBLISH, UNPUBLISH,
        /** a delete of an item that had a published state (a draft nobody saw is not announced) */
        DELETE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Event parse(String name) {
            for (Event e : values()) {
                if (e.wireName().equalsIgnoreCase(name.trim())) {
                    return e;
                }
            }
            throw new IllegalArgumentException("Unknown webhook event '" + name + "'; known: publish, unpublish, "
                    + "delete");
        }

        /** The webhook event of a content event, or null when the public sees no change. */
        static Event of(ContentEvent event) {
            return switch (event.kind()) {
                case PUBLISH -> PUBLISH;
                case UNPUBLISH -> event.wasPublished() ? UNPUBLISH : null;
                case DELETE -> event.wasPublished() ? DELETE : null;
                default -> null;
            };
        }
    }

    public WebhookTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Webhook target name '" + name + "' must be lower-case letters, "
                    + "digits and '-' (at most 40)");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null || url.getUserInfo() != null) {
            throw new IllegalArgumentException("Webhook target '" + name + "': the URL must be http:// or https:// "
                    + "with a host and without credentials, not '" + url + "'");
        }
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("Webhook target '" + name + "': the secret must have at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        events = events == null || events.isEmpty() ? ImmutableSet.copyOf(Event.values()) : events;
        workspaces = workspaces == null ? ImmutableSet.of() : workspaces;
    }

    /** True when this target wants the event. */
    public boolean wants(Event event, String workspace) {
        return events.contains(event) && (workspaces.isEmpty() || workspaces.contains(workspace));
    }

    @Override
    public String toString() {
        // never the secret (logs, error messages)
        return "WebhookTarget[" + name + " " + url + " " + events + " " + workspaces + "]";
    }
}
