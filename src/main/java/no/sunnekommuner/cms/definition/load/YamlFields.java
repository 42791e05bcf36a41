package no.sunnekommuner.cms.definition.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.sunnekommuner.cms.definition.problem.Problem.Severity;

/**
 * Typed access to the values of one definition file. A value of the wrong type is a major problem (Magnolia's
 * bean mapping reports those the same way) and reads as absent, so the default applies.
 */
final class YamlFields {

    private final YamlDocument document;
    private final ProblemReporter problems;

    YamlFields(YamlDocument document, ProblemReporter problems) {
        this.document = document;
        this.problems = problems;
    }

    YamlDocument document() {
        return document;
    }

    void report(Severity severity, String key, String message) {
        problems.report(severity, document, key, message);
    }

    /** The map at a key path, or an empty map when absent; reports a value that is not a map. */
    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object value, String key) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        report(Severity.MAJOR, key, "Expected a map of keys and values, found " + describe(value));
        return Map.of();
    }

    /**
     * Named entries written either as a list of maps with {@code name} or as a map keyed by name (Magnolia accepts
     * both for properties, fields, columns, validators and references). Keys are the element key paths.
     */
    LinkedHashMap<String, Map<String, Object>> namedEntries(Object value, String key) {
        LinkedHashMap<String, Map<String, Object>> entries = new LinkedHashMap<>();
        if (value == null) {
            return entries;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String path = YamlDocument.element(key, i);
                Map<String, Object> entry = map(list.get(i), path);
                if (!entry.isEmpty() || list.get(i) instanceof Map) {
                    entries.put(path, entry);
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String path = YamlDocument.child(key, String.valueOf(e.getKey()));
                Map<String, Object> entry = new LinkedHashMap<>(e.getValue() == null ? Map.of()
                        : map(e.getValue(), path));
                entry.putIfAbsent("name", String.valueOf(e.getKey()));
                entries.put(path, entry);
            }
        } else {
            report(Severity.MAJOR, key, "Expected a list or a map, found " + describe(value));
        }
        return entries;
    }

    String string(Map<String, Object> map, String name, String path) {
        Object value = map.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        report(Severity.MAJOR, YamlDocument.child(path, name), "Expected a text value for '" + name + "', found "
                + describe(value));
        return null;
    }

    Boolean bool(Map<String, Object> map, String name, String path) {
        Object value = map.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        report(Severity.MAJOR, YamlDocument.child(path, name), "Expected true or false for '" + name + "', found "
                + describe(value));
        return null;
    }

    boolean bool(Map<String, Object> map, String name, String path, boolean fallback) {
        Boolean value = bool(map, name, path);
        return value == null ? fallback : value;
    }

    Integer integer(Map<String, Object> map, String name, String path) {
        Object value = map.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        if (value instanceof String s && s.trim().matches("-?\\d{1,9}")) {
            return Integer.parseInt(s.trim());
        }
        report(Severity.MAJOR, YamlDocument.child(path, name), "Expected a whole number for '" + name + "', found "
                + describe(value));
        return null;
    }

    int integer(Map<String, Object> map, String name, String path, int fallback) {
        Integer value = integer(map, name, path);
        return value == null ? fallback : value;
    }

    /** A list of texts: a YAML list, a single text, or a map whose values are the texts (Magnolia's roles form). */
    ImmutableList<String> strings(Map<String, Object> map, String name, String path) {
        Object value = map.get(name);
        if (value == null) {
            return null;
        }
        List<Object> items = value instanceof List<?> list ? new ArrayList<>(list)
                : value instanceof Map<?, ?> m ? new ArrayList<>(m.values()) : List.of(value);
        ImmutableList.Builder<String> out = ImmutableList.builder();
        for (Object item : items) {
            if (item instanceof String || item instanceof Number || item instanceof Boolean) {
                out.add(item.toString());
            } else {
                report(Severity.MAJOR, YamlDocument.child(path, name), "Expected text values in '" + name
                        + "', found " + describe(item));
            }
        }
        return out.build();
    }

    /** A map of texts (such as namespaces); values of other types are reported. */
    ImmutableMap<String, String> stringMap(Map<String, Object> map, String name, String path) {
        Map<String, Object> values = map(map.get(name), YamlDocument.child(path, name));
        ImmutableMap.Builder<String, String> out = ImmutableMap.builder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String value = string(values, e.getKey(), YamlDocument.child(path, name));
            if (value != null) {
                out.put(e.getKey(), value);
            }
        }
        return out.buildKeepingLast();
    }

    /** Reports keys this runtime does not know as minor problems (typos are otherwise silently ignored). */
    void unknownKeys(Map<String, Object> map, Set<String> known, String path, String what) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                report(Severity.MINOR, YamlDocument.child(path, key), "Unknown key '" + key + "' in " + what
                        + "; ignored" + Suggestions.hint(key, known));
            }
        }
    }

    static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return "'" + value + "'";
    }
}
