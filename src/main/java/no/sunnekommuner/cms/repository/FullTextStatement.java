package no.sunnekommuner.cms.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a client's {@code q} into a statement for Jackrabbit's {@code jcr:contains}, which hands it to Lucene's
 * query parser: a stray {@code "}, {@code (}, {@code -}, {@code &&} or {@code 1~2~3} there is a parse error
 * (Magnolia answers 500). What Magnolia's users rely on is kept — words (AND-ed), balanced {@code "…"} phrases,
 * {@code *} and {@code ?} wildcards after a letter or digit — and every other Lucene operator character is escaped,
 * so the parser only ever sees plain terms. Words without a letter or digit are dropped: the index has no token
 * for them.
 */
final class FullTextStatement {

    /** Lucene's query syntax characters (QueryParser.escape), plus '/' which newer parsers read as a regex. */
    private static final String SPECIAL = "\\+-!():^[]\"{}~*?|&/";

    private FullTextStatement() {
    }

    /**
     * The safe statement for a lower-cased, trimmed {@code q}, or empty when nothing searchable is left.
     */
    static Optional<String> of(String q) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int close = c == '"' ? q.indexOf('"', i + 1) : -1;
            if (close > 0) {
                String phrase = words(q.substring(i + 1, close));
                if (!phrase.isEmpty()) {
                    parts.add('"' + phrase + '"');
                }
                i = close + 1;
                continue;
            }
            int end = i;
            while (end < q.length() && !Character.isWhitespace(q.charAt(end))) {
                end++;
            }
            String word = word(q.substring(i, end));
            if (!word.isEmpty()) {
                parts.add(word);
            }
            i = end;
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", parts));
    }

    /** The words of a phrase, escaped, without wildcards (Lucene ignores them inside phrases). */
    private static String words(String phrase) {
        List<String> out = new ArrayList<>();
        for (String w : phrase.trim().split("\\s+")) {
            if (searchable(w)) {
                out.add(escape(w, false));
            }
        }
        return String.join(" ", out);
    }

    private static String word(String w) {
        return searchable(w) ? escape(w, true) : "";
    }

    private static boolean searchable(String w) {
        return w.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private static String escape(String w, boolean wildcards) {
        StringBuilder out = new StringBuilder(w.length() + 8);
        boolean afterTermCharacter = false;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            boolean wildcard = c == '*' || c == '?';
            if (wildcard && wildcards && afterTermCharacter) {
                out.append(c); // a wildcard ending or inside a term, as Magnolia's clients use it
            } else if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
            afterTermCharacter = Character.isLetterOrDigit(c) || (wildcard && afterTermCharacter);
        }
        return out.toString();
    }
}
