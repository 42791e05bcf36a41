package no.sunnekommuner.cms.content.model;

import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/** One stored version of an item, made by a publish. */
public record VersionInfo(String name, OffsetDateTime created, String createdBy, String comment) {

    /** Version names as publishing gives them: {@code 1.0}, {@code 1.1}, … */
    private static final Pattern NAME = Pattern.compile("\\d{1,9}\\.\\d{1,9}");

    public static boolean isVersionName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
