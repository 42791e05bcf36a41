package no.sunnekommuner.cms.definition.problem;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A problem found in a definition file, reported the way Magnolia's Definitions app does: where (file, line, key),
 * how bad, and what is wrong.
 *
 * @param line 1-based line, or 0 when unknown
 * @param key  the key path inside the file ({@code model.properties[2].type}), or empty for the whole file
 */
public record Problem(Severity severity, Path file, int line, String key, String message) {

    /** Magnolia's problem severities; {@link #SEVERE} stops start-up. */
    public enum Severity { MINOR, MAJOR, SEVERE }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        key = key == null ? "" : key;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(severity.name()).append(' ');
        s.append(file == null ? "<unknown file>" : file.toString());
        if (line > 0) {
            s.append(':').append(line);
        }
        if (!key.isEmpty()) {
            s.append(" [").append(key).append(']');
        }
        return s.append(": ").append(message).toString();
    }
}
