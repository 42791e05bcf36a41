package no.sunnekommuner.cms.server;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Wall-clock time of each start-up phase, for one log line when the server is ready: where a slow start goes
 * is then in every log, not only in a profiler's recording. Used by the starting thread only.
 */
final class StartupPhases {

    private final List<String> names = new ArrayList<>();
    private final List<Long> millis = new ArrayList<>();
    private long last = System.nanoTime();

    /** Ends the current phase under this name and starts the next. */
    void done(String phase) {
        long now = System.nanoTime();
        names.add(phase);
        millis.add((now - last) / 1_000_000);
        last = now;
    }

    long totalMillis() {
        return millis.stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        StringJoiner line = new StringJoiner(", ");
        for (int i = 0; i < names.size(); i++) {
            line.add(names.get(i) + " " + millis.get(i) + " ms");
        }
        return line.toString();
    }
}
