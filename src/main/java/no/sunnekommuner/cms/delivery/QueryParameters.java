package no.sunnekommuner.cms.delivery;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The query string of a delivery request, decoded but kept in order with repeats (filters on the same property
 * are AND-ed, {@code lang} counts the first time). Decoding is strict: a malformed escape is a 400.
 */
public record QueryParameters(ImmutableListMultimap<String, String> values) {

    static final int MAX_VALUE_LENGTH = 1000;
    static final int MAX_PARAMETERS = 50;

    public static QueryParameters parse(String rawQuery) {
        ImmutableListMultimap.Builder<String, String> b = ImmutableListMultimap.builder();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryParameters(b.build());
        }
        for (char c : new char[] {'|', ' ', '"', '<', '>', '\\', '^', '`', '{', '}'}) {
            if (rawQuery.indexOf(c) >= 0) {
                throw DeliveryException.badRequest("Unencoded '" + c + "' in the query string; encode it as %"
                        + String.format("%02X", (int) c));
            }
        }
        int count = 0;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++count > MAX_PARAMETERS) {
                throw DeliveryException.badRequest("Too many query parameters (at most " + MAX_PARAMETERS + ")");
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (value.length() > MAX_VALUE_LENGTH || key.length() > 200) {
                throw DeliveryException.badRequest("Query parameter '" + abbreviate(key) + "' is too long (at most "
                        + MAX_VALUE_LENGTH + " characters)");
            }
            b.put(key, value);
        }
        return new QueryParameters(b.build());
    }

    public Optional<String> first(String name) {
        ImmutableList<String> all = values.get(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** A whole-number parameter within bounds; anything else is a 400 naming the parameter. */
    public Optional<Integer> integer(String name) {
        Optional<String> raw = first(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String v = raw.get().trim();
        if (!v.matches("-?\\d{1,9}")) {
            throw DeliveryException.badRequest("Parameter '" + name + "' must be a whole number, not '"
                    + abbreviate(raw.get()) + "'");
        }
        int n = Integer.parseInt(v);
        if (n < 0) {
            throw DeliveryException.badRequest("Parameter '" + name + "' must not be negative");
        }
        return Optional.of(n);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw DeliveryException.badRequest("Malformed percent-encoding in the query string");
        }
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
