package no.sunnekommuner.cms.delivery;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.jcr.PropertyType;
import org.apache.jackrabbit.util.ISO9075;

/**
 * Turns the filter, {@code q} and {@code orderBy} parameters of a delivery query (FINDINGS §5) into a Jackrabbit
 * XPath query. Property names are validated and every value becomes an escaped literal of the property's type:
 * nothing a client sends is pasted into the query. XPath is used because Jackrabbit 2 sorts XPath results in
 * the Lucene index, while JCR-SQL2 {@code ORDER BY} sorts the whole result set in memory.
 */
final class XPathQueryBuilder {

    static final Set<String> RESERVED = ImmutableSet.of("lang", "limit", "offset", "orderBy", "q", "nodeTypes",
            "properties", "excludeProperties");
    private static final Set<String> OPERATORS = ImmutableSet.of("eq", "ne", "gt", "gte", "lt", "lte", "in",
            "not-in", "like", "ilike", "null");
    private static final Pattern FILTER_KEY = Pattern.compile("([^\\[\\]]+)(?:\\[([^\\[\\]]*)])?");
    private static final Pattern NAME = Pattern.compile("(?:[A-Za-z_][\\w.-]*:)?[A-Za-z_][\\w.-]*");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}"
            + "(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,3})?");
    private static final DateTimeFormatter JCR_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    /** The JCR type of a property name as far as known ({@link PropertyType#UNDEFINED} otherwise). */
    interface PropertyTypes {
        int typeOf(String propertyName);
    }

    /** Looks up the identifier of a node by absolute path (for {@code @path}), or null. */
    interface PathLookup {
        String identifierOf(String path);
    }

    /** The built query: XPath, plus ancestors the rows must be below (several {@code @ancestor} alternatives). */
    record Built(String xpath, boolean matchesNothing, ImmutableList<String> ancestorAlternatives,
            Boolean nameDescending) {

        /** True when rows are ordered by node name, which Jackrabbit's XPath cannot sort by. */
        boolean sortsByName() {
            return nameDescending != null;
        }
    }

    private Boolean nameDescending;

    private final String rootPath;
    private final List<String> concreteNodeTypes;
    private final PropertyTypes types;
    private final PathLookup paths;
    private final Function<String, Boolean> knownPrefix;
    private final ZoneId zone;

    XPathQueryBuilder(String rootPath, List<String> concreteNodeTypes, PropertyTypes types, PathLookup paths,
            Function<String, Boolean> knownPrefix, ZoneId zone) {
        this.rootPath = rootPath;
        this.concreteNodeTypes = concreteNodeTypes;
        this.types = types;
        this.paths = paths;
        this.knownPrefix = knownPrefix;
        this.zone = zone;
    }

    Built build(QueryParameters parameters) {
        List<String> predicates = new ArrayList<>();
        boolean nothing = concreteNodeTypes.isEmpty();
        predicates.add(or(concreteNodeTypes.stream().map(t -> "@jcr:primaryType = " + literal(t)).toList()));
        String searchRoot = rootPath;
        List<String> ancestors = new ArrayList<>();
        for (Map.Entry<String, String> e : parameters.values().entries()) {
            String key = e.getKey();
            if (RESERVED.contains(key)) {
                continue;
            }
            Matcher m = FILTER_KEY.matcher(key);
            if (!m.matches()) {
                throw DeliveryException.badRequest("Operator is invalid: '" + QueryParameters.abbreviate(key)
                        + "' (write name[operator]=value with one of " + String.join(", ", OPERATORS) + ")");
            }
            String name = m.group(1);
            String op = m.group(2) == null ? "eq" : m.group(2);
            if (!OPERATORS.contains(op)) {
                throw DeliveryException.badRequest("Operator is invalid: '" + QueryParameters.abbreviate(op)
                        + "' (use one of " + String.join(", ", OPERATORS) + ")");
            }
            String value = e.getValue();
            if (name.equals("@ancestor")) {
                ancestors.add(value);
                continue;
            }
            String predicate = filter(name, op, value);
            if (predicate == null) {
                continue; // a filter Magnolia drops silently ([in] with one value)
            }
            if (predicate.equals(FALSE)) {
                nothing = true;
            }
            predicates.add(predicate);
        }
        ImmutableList<String> ancestorAlternatives = ImmutableList.of();
        if (!ancestors.isEmpty()) {
            // AND across parameters, OR within a value; one ancestor becomes the query root
            List<String> alternatives = null;
            for (String value : ancestors) {
                List<String> these = new ArrayList<>();
                for (String a : value.split("\\|", -1)) {
                    String p = a.trim();
                    if (!p.startsWith("/")) {
                        throw DeliveryException.invalidQuery("Invalid query");
                    }
                    p = p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
                    these.add(p);
                }
                alternatives = alternatives == null ? these : intersect(alternatives, these);
            }
            List<String> inside = alternatives.stream().filter(this::insideRoot).filter(this::possiblePath).toList();
            if (inside.isEmpty()) {
                nothing = true;
            } else if (inside.size() == 1) {
                searchRoot = inside.get(0);
            } else {
                ancestorAlternatives = ImmutableList.copyOf(inside);
            }
        }
        parameters.first("q").ifPresent(q -> predicates.add(fullText(q)));
        predicates.removeIf(String::isEmpty);
        StringBuilder xpath = new StringBuilder("/jcr:root");
        if (!searchRoot.equals("/")) {
            xpath.append(ISO9075.encodePath(searchRoot));
        }
        xpath.append("//element(*, nt:base)");
        if (!predicates.isEmpty()) {
            xpath.append('[').append(String.join(" and ", predicates.stream().map(p -> "(" + p + ")").toList()))
                    .append(']');
        }
        String order = orderBy(parameters.first("orderBy").orElse(null));
        if (!order.isEmpty()) {
            xpath.append(" order by ").append(order);
        }
        return new Built(xpath.toString(), nothing, ancestorAlternatives, nameDescending);
    }

    /**
     * False for an ancestor no node can have (an unknown namespace prefix such as {@code /a:b}, an empty or
     * {@code ..} segment, characters JCR names cannot hold): it matches nothing instead of failing the query.
     */
    private boolean possiblePath(String path) {
        if (path.equals("/")) {
            return true;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || segment.chars().anyMatch(ch -> ch < 0x20 || "[]|*".indexOf(ch) >= 0)) {
                return false;
            }
            int colon = segment.indexOf(':');
            if (colon >= 0 && (colon == 0 || colon == segment.length() - 1 || segment.indexOf(':', colon + 1) >= 0
                    || !NAME.matcher(segment.substring(0, colon) + ":x").matches()
                    || !knownPrefix.apply(segment.substring(0, colon)))) {
                return false;
            }
        }
        return true;
    }

    private boolean insideRoot(String path) {
        return rootPath.equals("/") || path.equals(rootPath) || path.startsWith(rootPath + "/");
    }

    private static List<String> intersect(List<String> a, List<String> b) {
        // a node below both /x and /x/y is below /x/y: keep the deeper of nested pairs
        List<String> out = new ArrayList<>();
        for (String x : a) {
            for (String y : b) {
                if (x.equals(y) || y.startsWith(x + "/") || x.equals("/")) {
                    out.add(y);
                } else if (x.startsWith(y + "/") || y.equals("/")) {
                    out.add(x);
                }
            }
        }
        return out;
    }

    static final String FALSE = "@jcr:primaryType = 'cms:nothing'";

    private String filter(String name, String op, String value) {
        if (name.equals("@name")) {
            return nameFilter(op, value);
        }
        if (name.equals("@path")) {
            return pathFilter(op, value);
        }
        String property = name.equals("@jcr:uuid") ? "jcr:uuid" : name;
        if (!NAME.matcher(property).matches()) {
            throw DeliveryException.badRequest("Invalid property name '" + QueryParameters.abbreviate(name) + "'");
        }
        int colon = property.indexOf(':');
        if (colon > 0 && !knownPrefix.apply(property.substring(0, colon))) {
            // no such property can exist: unknown properties match nothing, [null]=true matches everything
            return op.equals("null") ? (value.equals("true") ? "" : FALSE) : FALSE;
        }
        String attribute = "@" + ISO9075.encode(property);
        int type = types.typeOf(property);
        if (op.equals("null")) {
            return value.equals("true") ? "not(" + attribute + ")" : attribute;
        }
        if (op.equals("in") || op.equals("not-in")) {
            return range(attribute, type, op, value);
        }
        List<String> alternatives = new ArrayList<>();
        for (String alternative : value.split("\\|", -1)) {
            if (type == PropertyType.DATE && alternative.contains("~")) {
                throw DeliveryException.badRequest("Range is not supported.");
            }
            String p = comparison(attribute, type, op, alternative);
            if (p != null) {
                alternatives.add(p);
            }
        }
        return alternatives.isEmpty() ? FALSE : or(alternatives);
    }

    private String comparison(String attribute, int type, String op, String value) {
        if (type == PropertyType.STRING || type == PropertyType.UNDEFINED) {
            value = unquoted(value);
        }
        if (op.equals("like") || op.equals("ilike")) {
            return op.equals("like") ? "jcr:like(" + attribute + ", " + literal(value) + ")"
                    : "jcr:like(fn:lower-case(" + attribute + "), " + literal(value.toLowerCase(Locale.ROOT)) + ")";
        }
        if (type == PropertyType.DATE && DAY.matcher(value).matches()) {
            LocalDate day;
            try {
                day = LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw DeliveryException.badRequest("Invalid date '" + value + "'");
            }
            String start = dateLiteral(day.atStartOfDay(zone).toOffsetDateTime());
            String next = dateLiteral(day.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
            return switch (op) {
                case "eq" -> attribute + " >= " + start + " and " + attribute + " < " + next;
                case "ne" -> attribute + " < " + start + " or " + attribute + " >= " + next;
                case "gt" -> attribute + " >= " + next;
                case "gte" -> attribute + " >= " + start;
                case "lt" -> attribute + " < " + start;
                default -> attribute + " < " + next; // lte
            };
        }
        String literal = typedLiteral(type, value);
        if (literal == null) {
            return null;
        }
        String symbol = switch (op) {
            case "eq" -> "=";
            case "ne" -> "!=";
            case "gt" -> ">";
            case "gte" -> ">=";
            case "lt" -> "<";
            default -> "<="; // lte
        };
        return attribute + " " + symbol + " " + literal;
    }

    private String range(String attribute, int type, String op, String value) {
        List<String> alternatives = new ArrayList<>();
        for (String alternative : value.split("\\|", -1)) {
            String[] bounds = alternative.split("~", -1);
            if (bounds.length > 2) {
                throw DeliveryException.badRequest("Value string is invalid.");
            }
            if (bounds.length == 1) {
                if (type == PropertyType.DATE && DAY.matcher(alternative).matches()) {
                    alternatives.add(comparison(attribute, type, op.equals("in") ? "eq" : "ne", alternative));
                }
                continue; // Magnolia ignores [in] with a single value
            }
            String low = bound(attribute, type, "gte", bounds[0]);
            String high = bound(attribute, type, "lte", bounds[1]);
            if (low == null || high == null) {
                alternatives.add(op.equals("in") ? FALSE : "");
                continue;
            }
            alternatives.add(op.equals("in") ? "(" + low + ") and (" + high + ")"
                    : "(" + bound(attribute, type, "lt", bounds[0]) + ") or (" + bound(attribute, type, "gt", bounds[1])
                    + ")");
        }
        alternatives.removeIf(String::isEmpty);
        return alternatives.isEmpty() ? null : or(alternatives);
    }

    private String bound(String attribute, int type, String op, String value) {
        return comparison(attribute, type, op, value.trim());
    }

    private String typedLiteral(int type, String value) {
        return switch (type) {
            case PropertyType.LONG -> value.matches("-?\\d{1,18}") ? value : null;
            case PropertyType.DOUBLE -> doubleLiteral(value);
            case PropertyType.DECIMAL -> NUMBER.matcher(value).matches() ? value : null;
            case PropertyType.BOOLEAN -> value.equals("true") || value.equals("false") ? literal(value) : null;
            case PropertyType.DATE -> {
                if (!DATE_TIME.matcher(value).matches()) {
                    yield null; // Magnolia compares other forms as strings and finds nothing
                }
                try {
                    yield dateLiteral(OffsetDateTime.parse(value));
                } catch (DateTimeParseException e) {
                    throw DeliveryException.badRequest("Invalid date-time '" + value + "'");
                }
            }
            default -> literal(value);
        };
    }

    /**
     * A Double literal Jackrabbit compares as a number: an integer literal ({@code score[lt]=1}) would be read as a
     * Long and compared with the Double's index terms as text, so it is written with a fraction ({@code 1.0}).
     */
    private static String doubleLiteral(String value) {
        if (!NUMBER.matcher(value).matches()) {
            return null;
        }
        return value.contains(".") || value.contains("e") || value.contains("E") ? value : value + ".0";
    }

    /**
     * A String value in double quotes is the value inside them, as Magnolia reads it ({@code title="Foo bar"}
     * matches the title {@code Foo bar}; its JCR-SQL2 takes the quotes for a string literal).
     */
    static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String dateLiteral(OffsetDateTime t) {
        return "xs:dateTime(" + literal(t.format(JCR_DATE)) + ")";
    }

    private String nameFilter(String op, String value) {
        if (!op.equals("eq") && !op.equals("ne")) {
            throw DeliveryException.badRequest("@name supports eq and ne only");
        }
        // Magnolia normalises the value as a node name first: '|' and '%' become '-', so no OR and no wildcards
        String name = value.replace('|', '-').replace('%', '-').toLowerCase(Locale.ROOT);
        String p = "fn:lower-case(fn:name()) = " + literal(name);
        return op.equals("eq") ? p : "not(" + p + ")";
    }

    private String pathFilter(String op, String value) {
        if (!op.equals("eq") && !op.equals("ne")) {
            throw DeliveryException.badRequest("@path supports eq and ne only");
        }
        String id = value.startsWith("/") ? paths.identifierOf(value) : null;
        if (id == null) {
            return op.equals("eq") ? FALSE : "";
        }
        return "@jcr:uuid " + (op.equals("eq") ? "=" : "!=") + " " + literal(id);
    }

    private String fullText(String raw) {
        String q = raw.trim().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return "";
        }
        if (q.replaceAll("[*?\\s]", "").isEmpty()) {
            throw DeliveryException.badRequest("The search query [" + QueryParameters.abbreviate(raw)
                    + "] can't contain only special characters");
        }
        if (q.startsWith("/")) {
            String id = paths.identifierOf(raw.trim());
            return id == null ? FALSE : "@jcr:uuid = " + literal(id);
        }
        // Lucene's operators are escaped: a stray quote or bracket must not be a parse error (Magnolia: 500)
        String statement = FullTextStatement.of(q).orElseThrow(() -> DeliveryException.badRequest(
                "The search query [" + QueryParameters.abbreviate(raw) + "] can't contain only special characters"));
        // a name prefix matches too (Magnolia: node name LIKE 'q%')
        String prefix = q.replace("%", "\\%").replace("_", "\\_");
        return "jcr:contains(., " + literal(statement) + ") or jcr:like(fn:lower-case(fn:name()), "
                + literal(prefix + "%") + ")";
    }

    private String orderBy(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String item : raw.split(",", -1)) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                throw DeliveryException.invalidQuery("Invalid query");
            }
            String[] tokens = trimmed.split(" ", -1);
            String name = tokens[0];
            boolean descending = false;
            if (tokens.length == 2) {
                String direction = tokens[1].toLowerCase(Locale.ROOT);
                if (!direction.equals("asc") && !direction.equals("desc")) {
                    throw DeliveryException.invalidQuery("Invalid query");
                }
                descending = direction.equals("desc");
            } else if (tokens.length > 2) {
                // Magnolia loses the direction after two spaces; anything else is invalid
                for (int i = 1; i < tokens.length - 1; i++) {
                    if (!tokens[i].isEmpty()) {
                        throw DeliveryException.invalidQuery("Invalid query");
                    }
                }
                String last = tokens[tokens.length - 1].toLowerCase(Locale.ROOT);
                if (!last.equals("asc") && !last.equals("desc")) {
                    throw DeliveryException.invalidQuery("Invalid query");
                }
            }
            String expression;
            if (name.equals("@name")) {
                if (parts.isEmpty() && nameDescending == null) {
                    nameDescending = descending; // sorted by the service; later items only break ties there
                }
                continue;
            } else if (NAME.matcher(name).matches()) {
                int colon = name.indexOf(':');
                if (colon > 0 && !knownPrefix.apply(name.substring(0, colon))) {
                    continue; // unknown property: no effect
                }
                String attribute = "@" + ISO9075.encode(name);
                int type = types.typeOf(name);
                expression = type == PropertyType.STRING || type == PropertyType.UNDEFINED
                        ? "fn:lower-case(" + attribute + ")" : attribute;
            } else {
                throw DeliveryException.invalidQuery("Invalid query");
            }
            parts.add(expression + (descending ? " descending" : " ascending"));
        }
        return String.join(", ", parts);
    }

    private static String or(List<String> predicates) {
        if (predicates.size() == 1) {
            return predicates.get(0);
        }
        return String.join(" or ", predicates.stream().map(p -> "(" + p + ")").toList());
    }

    /** An XPath string literal: single quotes doubled, so a value can never end the literal. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
