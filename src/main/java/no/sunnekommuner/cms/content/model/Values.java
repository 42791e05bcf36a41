package no.sunnekommuner.cms.content.model;

import com.google.common.collect.ImmutableList;
import com.google.common.io.ByteSource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import no.sunnekommuner.cms.definition.PropertyType;

/** The value types content properties may hold, and conversions from text and plain Java values to them. */
public final class Values {

    /** Magnolia's delivery date format: millis and the offset as stored ({@code Z} for UTC). */
    public static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private Values() {
    }

    static void requireSupported(String name, Object value) {
        if (value instanceof List<?> list) {
            if (!(value instanceof ImmutableList)) {
                throw new IllegalArgumentException("multi-value " + name + " must be an ImmutableList");
            }
            list.forEach(v -> requireSingle(name, v));
        } else {
            requireSingle(name, value);
        }
    }

    private static void requireSingle(String name, Object value) {
        if (!(value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double
                || value instanceof BigDecimal || value instanceof OffsetDateTime || value instanceof ByteSource)) {
            throw new IllegalArgumentException("unsupported value for " + name + ": "
                    + (value == null ? "null" : value.getClass().getName()));
        }
    }

    /** Widens plain Java values (int, Integer, Date, LocalDate, collections) to the supported types. */
    public static Object normalize(Object value) {
        if (value instanceof Collection<?> c) {
            return c.stream().map(Values::normalize).collect(ImmutableList.toImmutableList());
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Short s) {
            return s.longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Date d) {
            return OffsetDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC);
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof byte[] bytes) {
            return ByteSource.wrap(bytes.clone());
        }
        return value;
    }

    /** A value as text: dates in Magnolia's format, multi-values by their first value. */
    public static String asText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : asText(list.get(0));
        }
        if (value instanceof OffsetDateTime d) {
            return DATE_FORMAT.format(d);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof ByteSource) {
            return "(binary)";
        }
        return value.toString();
    }

    /** True when a value counts as "not filled in": null, blank text or an empty list. */
    public static boolean isEmpty(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof String s) {
            return s.isBlank();
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() || list.stream().allMatch(Values::isEmpty);
        }
        return false;
    }

    /**
     * Converts text to the Java value of a property type (editor input, bootstrap files, nodes API).
     *
     * @throws IllegalArgumentException with a message fit for a user when the text does not parse
     */
    public static Object parse(String text, PropertyType type) {
        String t = text.trim();
        return switch (type.kind()) {
            case BOOLEAN -> switch (t.toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not a boolean (true or false): " + text);
            };
            case LONG -> {
                try {
                    yield Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a whole number: " + text);
                }
            }
            case DOUBLE -> {
                try {
                    yield Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: " + text);
                }
            }
            case DECIMAL -> {
                try {
                    yield new BigDecimal(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a decimal number: " + text);
                }
            }
            case DATE -> parseDate(t);
            default -> text;
        };
    }

    /** Accepts ISO date-times with or without offset (UTC assumed) and plain dates (midnight UTC). */
    public static OffsetDateTime parseDate(String text) {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t);
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(t).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(t).atStartOfDay().atOffset(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("not a date (yyyy-MM-dd or ISO date-time): " + text);
                }
            }
        }
    }

    /** Converts a value already typed loosely (e.g. a YAML scalar) to the property type, parsing text if needed. */
    public static Object coerce(Object value, PropertyType type, boolean multiple) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(v -> coerce(v, type, false)).collect(ImmutableList.toImmutableList());
        }
        Object normalized = normalize(value);
        Object single = switch (type.kind()) {
            case LONG -> normalized instanceof Long ? normalized : parse(normalized.toString(), type);
            case DOUBLE -> normalized instanceof Double ? normalized
                    : normalized instanceof Long l ? (Object) l.doubleValue() : parse(normalized.toString(), type);
            case DECIMAL -> normalized instanceof BigDecimal ? normalized : parse(normalized.toString(), type);
            case BOOLEAN -> normalized instanceof Boolean ? normalized : parse(normalized.toString(), type);
            case DATE -> normalized instanceof OffsetDateTime ? normalized : parse(normalized.toString(), type);
            default -> normalized instanceof String ? normalized : asText(normalized);
        };
        return multiple ? ImmutableList.of(single) : single;
    }
}
