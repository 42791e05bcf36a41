package no.sunnekommuner.cms.content.model;

import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * One stored version of an item: made by every save, publish and restore.
 *
 * @param action what made it; versions made by a publish are kept when old ones are pruned
 */
public record VersionInfo(String name, OffsetDateTime created, String createdBy, String comment, Action action) {

    /** What made a version. */
    public enum Action {
        SAVED, PUBLISHED, RESTORED;

        public String stored() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Versions stored before saves made versions were all made by a publish. */
        public static Action fromStored(String value) {
            return value == null ? PUBLISHED : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
