package no.sunnekommuner.cms.content.events;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import no.sunnekommuner.cms.content.Actor;

/**
 * A write the content service has just made: what happened to which item, by whom and when. The audit log and
 * the webhooks consume the same events; {@link ContentEventListener}s get them after the store saved, never for a
 * failed write.
 *
 * @param wasPublished for a delete or an unpublish: the item had a published state before (webhooks announce only
 *                     those); true for a publish
 * @param languages    the site languages in which the item has content (empty after a delete)
 * @param detail       free text of the operation (a version name restored, a review comment), or null
 */
public record ContentEvent(Kind kind, String workspace, String path, String id, Actor actor, Instant time,
        boolean wasPublished, ImmutableList<String> languages, String detail) {

    /**
     * What happened. The editorial workflow adds schedule and review kinds: they are listed here already so that
     * the audit log and webhooks can name them without a change of their own.
     */
    public enum Kind {
        CREATE, SAVE, MOVE, DELETE, PUBLISH, UNPUBLISH, RESTORE, IMPORT,
        SCHEDULE, SCHEDULE_CANCEL, REVIEW_SUBMIT, REVIEW_APPROVE, REVIEW_REJECT;

        /** The name in JSON, logs and settings: {@code review-submit}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The kind of a wire name, or null. */
        public static Kind ofWireName(String name) {
            for (Kind k : values()) {
                if (k.wireName().equalsIgnoreCase(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    public ContentEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(time, "time");
        languages = languages == null ? ImmutableList.of() : languages;
    }
}
