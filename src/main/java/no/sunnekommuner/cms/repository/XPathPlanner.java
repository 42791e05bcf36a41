package no.sunnekommuner.cms.repository;

import com.google.common.collect.ImmutableList;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import no.sunnekommuner.cms.content.InvalidQueryException;
import no.sunnekommuner.cms.content.model.NodeQuery;
import no.sunnekommuner.cms.content.model.NodeQuery.Filter;
import no.sunnekommuner.cms.content.model.NodeQuery.Operator;
import no.sunnekommuner.cms.content.model.ValueKind;
import org.apache.jackrabbit.util.ISO9075;

/**
 * The one planner of the store: turns a {@link NodeQuery} (a delivery query in Magnolia's grammar, FINDINGS §5,
 * or an editor listing) into a Jackrabbit XPath statement. Every value becomes an escaped literal of its
 * property's type: nothing a client sends is pasted into the statement. XPath rather than JCR-SQL2 because
 * Jackrabbit 2 sorts XPath results in the Lucene index, while SQL2 {@code ORDER BY} sorts the whole result set in
 * memory (measured: ~21 ms vs ~270 ms at 10k).
 */
final class XPathPlanner {

    private static final Pattern NAME = Pattern.compile("(?:[A-Za-z_][\\w.-]*:)?[A-Za-z_][\\w.-]*");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}"
            + "(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,3})?");
    private static final DateTimeFormatter JCR_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    /** What the planner asks the workspace: types of properties, identifiers of paths, namespace prefixes. */
    interface Workspace {
        /** The stored type of a property not declared by the content type ({@link ValueKind#UNDEFINED} if none). */
        ValueKind sampledType(String propertyName);

        /** The identifier of the node at an absolute path, or null. */
        String identifierOf(String path);

        boolean knownPrefix(String prefix);

        /** The primary node types that are one of these or a subtype of one. */
        List<String> concreteTypes(List<String> nodeTypes);
    }

    /**
     * The planned statement, plus what Jackrabbit's XPath cannot express and the runner does on the rows: several
     * {@code @ancestor} alternatives (rows must be below one), and an order by node name.
     */
    record Plan(String xpath, boolean matchesNothing, ImmutableList<String> ancestorAlternatives,
            Boolean nameDescending) {

        boolean sortsByName() {
            return nameDescending != null;
        }

        /** True when the index can page: no step on the rows is left to the runner. */
        boolean pagedByIndex() {
            return ancestorAlternatives.isEmpty() && !sortsByName();
        }
    }

    private final ZoneId zone;

    XPathPlanner(ZoneId zone) {
        this.zone = zone;
    }

    Plan plan(NodeQuery query, Workspace workspace) {
        return new Planning(query, workspace).plan();
    }

    /** The state of planning one query. */
    private final class Planning {
        private final NodeQuery query;
        private final Workspace ws;
        private final String rootPath;
        private Boolean nameDescending;

        Planning(NodeQuery query, Workspace ws) {
            this.query = query;
            this.ws = ws;
            this.rootPath = query.rootPath();
        }

        private ValueKind typeOf(String property) {
            ValueKind declared = query.declaredTypes().get(property);
            return declared != null ? declared : ws.sampledType(property);
        }

        private boolean knownPrefix(String prefix) {
            return ws.knownPrefix(prefix);
        }

        Plan plan() {
            List<String> predicates = new ArrayList<>();
            List<String> concreteNodeTypes = ws.concreteTypes(query.nodeTypes());
            boolean nothing = concreteNodeTypes.isEmpty();
            predicates.add(or(concreteNodeTypes.stream().map(t -> "@jcr:primaryType = " + literal(t)).toList()));
            String searchRoot = rootPath;
            for (Filter f : query.filters()) {
                String predicate = f.operator() == Operator.WORDS ? words(f.property(), f.value())
                        : filter(f.property(), f.operator().grammarName(), f.value());
                if (predicate == null) {
                    continue; // a filter Magnolia drops silently ([in] with one value)
                }
                if (predicate.equals(FALSE)) {
                    nothing = true;
                }
                predicates.add(predicate);
            }
            ImmutableList<String> ancestorAlternatives = ImmutableList.of();
            if (!query.ancestors().isEmpty()) {
                // AND across parameters, OR within a value; one ancestor becomes the query root
                List<String> alternatives = null;
                for (List<String> these : query.ancestors()) {
                    alternatives = alternatives == null ? these : intersect(alternatives, these);
                }
                List<String> inside = alternatives.stream().filter(this::insideRoot).filter(this::possiblePath)
                        .toList();
                if (inside.isEmpty()) {
                    nothing = true;
                } else if (inside.size() == 1) {
                    searchRoot = inside.get(0);
                } else {
                    ancestorAlternatives = ImmutableList.copyOf(inside);
                }
            }
            if (query.fullText() != null) {
                predicates.add(fullText(query.fullText()));
            }
            predicates.removeIf(String::isEmpty);
            StringBuilder xpath = new StringBuilder("/jcr:root");
            if (!searchRoot.equals("/")) {
                xpath.append(ISO9075.encodePath(searchRoot.replaceAll("/+$", "")));
            }
            xpath.append("//element(*, nt:base)");
            if (!predicates.isEmpty()) {
                xpath.append('[').append(String.join(" and ", predicates.stream().map(p -> "(" + p + ")").toList()))
                        .append(']');
            }
            String order = orderBy(query.order());
            if (!order.isEmpty()) {
                xpath.append(" order by ").append(order);
            }
            return new Plan(xpath.toString(), nothing, ancestorAlternatives, nameDescending);
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
                    || !knownPrefix(segment.substring(0, colon)))) {
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
            throw InvalidQueryException.badRequest("Invalid property name '" + abbreviate(name) + "'");
        }
        int colon = property.indexOf(':');
        if (colon > 0 && !knownPrefix(property.substring(0, colon))) {
            // no such property can exist: unknown properties match nothing, [null]=true matches everything
            return op.equals("null") ? (value.equals("true") ? "" : FALSE) : FALSE;
        }
        String attribute = "@" + ISO9075.encode(property);
        ValueKind type = typeOf(property);
        if (op.equals("null")) {
            return value.equals("true") ? "not(" + attribute + ")" : attribute;
        }
        if (op.equals("in") || op.equals("not-in")) {
            return range(attribute, type, op, value);
        }
        List<String> alternatives = new ArrayList<>();
        for (String alternative : value.split("\\|", -1)) {
            if (type == ValueKind.DATE && alternative.contains("~")) {
                throw InvalidQueryException.badRequest("Range is not supported.");
            }
            String p = comparison(attribute, type, op, alternative);
            if (p != null) {
                alternatives.add(p);
            }
        }
        return alternatives.isEmpty() ? FALSE : or(alternatives);
    }

    private String comparison(String attribute, ValueKind type, String op, String value) {
        if (type.textual()) {
            value = unquoted(value);
        }
        if (op.equals("like") || op.equals("ilike")) {
            return op.equals("like") ? "jcr:like(" + attribute + ", " + literal(value) + ")"
                    : "jcr:like(fn:lower-case(" + attribute + "), " + literal(value.toLowerCase(Locale.ROOT)) + ")";
        }
        if (type == ValueKind.DATE && DAY.matcher(value).matches()) {
            LocalDate day;
            try {
                day = LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw InvalidQueryException.badRequest("Invalid date '" + value + "'");
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

    private String range(String attribute, ValueKind type, String op, String value) {
        List<String> alternatives = new ArrayList<>();
        for (String alternative : value.split("\\|", -1)) {
            String[] bounds = alternative.split("~", -1);
            if (bounds.length > 2) {
                throw InvalidQueryException.badRequest("Value string is invalid.");
            }
            if (bounds.length == 1) {
                if (type == ValueKind.DATE && DAY.matcher(alternative).matches()) {
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

    private String bound(String attribute, ValueKind type, String op, String value) {
        return comparison(attribute, type, op, value.trim());
    }

    private String typedLiteral(ValueKind type, String value) {
        return switch (type) {
            case LONG -> value.matches("-?\\d{1,18}") ? value : null;
            case DOUBLE -> doubleLiteral(value);
            case DECIMAL -> NUMBER.matcher(value).matches() ? value : null;
            case BOOLEAN -> value.equals("true") || value.equals("false") ? literal(value) : null;
            case DATE -> {
                if (!DATE_TIME.matcher(value).matches()) {
                    yield null; // Magnolia compares other forms as strings and finds nothing
                }
                try {
                    yield dateLiteral(OffsetDateTime.parse(value));
                } catch (DateTimeParseException e) {
                    throw InvalidQueryException.badRequest("Invalid date-time '" + value + "'");
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
            throw InvalidQueryException.badRequest("@name supports eq and ne only");
        }
        // Magnolia normalises the value as a node name first: '|' and '%' become '-', so no OR and no wildcards
        String name = value.replace('|', '-').replace('%', '-').toLowerCase(Locale.ROOT);
        String p = "fn:lower-case(fn:name()) = " + literal(name);
        return op.equals("eq") ? p : "not(" + p + ")";
    }

    private String pathFilter(String op, String value) {
        if (!op.equals("eq") && !op.equals("ne")) {
            throw InvalidQueryException.badRequest("@path supports eq and ne only");
        }
        String id = value.startsWith("/") ? ws.identifierOf(value) : null;
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
            throw InvalidQueryException.badRequest("The search query [" + abbreviate(raw)
                    + "] can't contain only special characters");
        }
        if (q.startsWith("/")) {
            String id = ws.identifierOf(raw.trim());
            return id == null ? FALSE : "@jcr:uuid = " + literal(id);
        }
        // Lucene's operators are escaped: a stray quote or bracket must not be a parse error (Magnolia: 500)
        String statement = FullTextStatement.of(q).orElseThrow(() -> InvalidQueryException.badRequest(
                "The search query [" + abbreviate(raw) + "] can't contain only special characters"));
        // a name prefix matches too (Magnolia: node name LIKE 'q%')
        String prefix = q.replace("%", "\\%").replace("_", "\\_");
        return "jcr:contains(., " + literal(statement) + ") or jcr:like(fn:lower-case(fn:name()), "
                + literal(prefix + "%") + ")";
    }

    private String orderBy(List<NodeQuery.Order> order) {
        List<String> parts = new ArrayList<>();
        for (NodeQuery.Order item : order) {
            String name = item.property();
            String expression;
            if (name.equals("@name")) {
                if (parts.isEmpty() && nameDescending == null) {
                    nameDescending = item.descending(); // sorted by the runner; later items only break ties there
                }
                continue;
            } else if (NAME.matcher(name).matches()) {
                int colon = name.indexOf(':');
                if (colon > 0 && !knownPrefix(name.substring(0, colon))) {
                    continue; // unknown property: no effect
                }
                String attribute = "@" + ISO9075.encode(name);
                expression = item.ignoreCase() && typeOf(name).textual() ? "fn:lower-case(" + attribute + ")"
                        : attribute;
            } else {
                throw InvalidQueryException.invalid("Invalid query");
            }
            parts.add(expression + (item.descending() ? " descending" : " ascending"));
        }
        return String.join(", ", parts);
    }

    /**
     * The editor's search: every word (letters and digits only, at most 8) as a full-text prefix, or inside the
     * title property, so nothing typed reaches the statement as is.
     */
    private String words(String titleProperty, String text) {
        List<String> conditions = new ArrayList<>();
        for (String word : editorWords(text)) {
            String contains = "jcr:contains(., '" + word + "*')";
            conditions.add(titleProperty == null || !NAME.matcher(titleProperty).matches() ? contains
                    : "(" + contains + " or jcr:like(fn:lower-case(@" + ISO9075.encode(titleProperty) + "), '%"
                    + word + "%'))");
        }
        return String.join(" and ", conditions);
    }
    }

    /** Letters and digits only: enough for editors' searches and safe inside both jcr:contains and jcr:like. */
    static List<String> editorWords(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && words.size() < 8) {
                words.add(w);
            }
        }
        return words;
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
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
