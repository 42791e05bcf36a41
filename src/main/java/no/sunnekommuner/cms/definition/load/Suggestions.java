package no.sunnekommuner.cms.definition.load;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" hints for misspelt names: the closest known name within two edits. */
final class Suggestions {

    private static final int MAX_DISTANCE = 2;

    private Suggestions() {
    }

    static Optional<String> closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= MAX_DISTANCE && !name.equals(best) ? Optional.of(best) : Optional.empty();
    }

    /** The message tail for a hint: {@code "; did you mean 'x'?"}, or empty. */
    static String hint(String name, Collection<String> known) {
        return closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    /** Levenshtein distance (names are short: the quadratic table is fine). */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
