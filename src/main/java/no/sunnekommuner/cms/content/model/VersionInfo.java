package no.sunnekommuner.cms.content.model;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One stored version of an item: made by every save, publish and restore.
 *
 * @param action what made it; versions made by a publish are kept when old ones are pruned
 */
public record VersionInfo(String name, OffsetDateTime created, String createdBy, String comment, Action action) {

    /** Version names as the repository gives them: {@code 1.0}, {@code 1.1}, … */
    private static final Pattern NAME = Pattern.compile("\\d{1,9}\\.\\d{1,9}");

    public static boolean isVersionName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

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
