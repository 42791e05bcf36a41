package no.sunnekommuner.cms.delivery;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.sunnekommuner.cms.content.model.NodeQuery;
import no.sunnekommuner.cms.content.model.NodeQuery.Operator;
import no.sunnekommuner.cms.content.model.ValueKind;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.DeliveryEndpointDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;

/**
 * Reads Magnolia's query grammar (FINDINGS §5: {@code prop[op]=value} filters, {@code @ancestor}, {@code @name},
 * {@code @path}, {@code q}, {@code orderBy}, {@code limit}, {@code offset}) into the store's {@link NodeQuery}.
 * Only the syntax is judged here (operators, the shape of keys, orders and ancestors); the store's planner types
 * the values.
 */
final class DeliveryQueryParser {

    static final Set<String> RESERVED = ImmutableSet.of("lang", "limit", "offset", "orderBy", "q", "nodeTypes",
            "properties", "excludeProperties");
    private static final List<String> OPERATORS = List.of("eq", "ne", "gt", "gte", "lt", "lte", "in", "not-in",
            "like", "ilike", "null");
    private static final Pattern FILTER_KEY = Pattern.compile("([^\\[\\]]+)(?:\\[([^\\[\\]]*)])?");

    private DeliveryQueryParser() {
    }

    /** The query of a request to an endpoint, reading its workspace (drafts or published). */
    static NodeQuery parse(QueryParameters parameters, DeliveryEndpointDefinition d, String readWorkspace,
            ContentTypeDefinition type) {
        ImmutableList.Builder<NodeQuery.Filter> filters = ImmutableList.builder();
        ImmutableList.Builder<ImmutableList<String>> ancestors = ImmutableList.builder();
        Map<String, ValueKind> declared = new HashMap<>();
        int limit = Math.min(parameters.integer("limit").orElse(d.limit()), d.maxLimit());
        int offset = parameters.integer("offset").orElse(0);
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
            Operator operator = OPERATORS.contains(op) ? Operator.ofGrammarName(op) : null;
            if (operator == null) {
                throw DeliveryException.badRequest("Operator is invalid: '" + QueryParameters.abbreviate(op)
                        + "' (use one of " + String.join(", ", OPERATORS) + ")");
            }
            String value = e.getValue();
            if (name.equals("@ancestor")) {
                ancestors.add(ancestorAlternatives(value));
                continue;
            }
            if ((name.equals("@name") || name.equals("@path")) && operator != Operator.EQ
                    && operator != Operator.NE) {
                throw DeliveryException.badRequest(name + " supports eq and ne only");
            }
            declare(declared, type, name);
            filters.add(new NodeQuery.Filter(name, operator, value));
        }
        ImmutableList<NodeQuery.Order> order = order(parameters.first("orderBy").orElse(null));
        order.forEach(o -> declare(declared, type, o.property()));
        return new NodeQuery(readWorkspace, d.rootPath(), d.nodeTypes(), filters.build(), ancestors.build(),
                parameters.first("q").orElse(null), order, ImmutableMap.copyOf(declared), offset, limit);
    }

    /** One {@code @ancestor} value: paths separated by {@code |}, each absolute, a trailing slash dropped. */
    private static ImmutableList<String> ancestorAlternatives(String value) {
        ImmutableList.Builder<String> these = ImmutableList.builder();
        for (String a : value.split("\\|", -1)) {
            String p = a.trim();
            if (!p.startsWith("/")) {
                throw DeliveryException.invalidQuery("Invalid query");
            }
            these.add(p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
        }
        return these.build();
    }

    /** The declared value type of a property the query names (its localised names too), when the model has one. */
    private static void declare(Map<String, ValueKind> declared, ContentTypeDefinition type, String name) {
        if (type == null || name.startsWith("@")) {
            return;
        }
        for (PropertyDefinition p : type.properties()) {
            String locale = ContentLocale.localeOfName(name);
            if (p.name().equals(name) || (p.i18n() && locale != null
                    && ContentLocale.baseName(name, locale).equals(p.name()))) {
                ValueKind kind = switch (p.type().kind()) {
                    case LONG -> ValueKind.LONG;
                    case DOUBLE -> ValueKind.DOUBLE;
                    case DECIMAL -> ValueKind.DECIMAL;
                    case BOOLEAN -> ValueKind.BOOLEAN;
                    case DATE -> ValueKind.DATE;
                    case SUB_MODEL -> null;
                    default -> ValueKind.STRING;
                };
                if (kind != null) {
                    declared.put(name, kind);
                    return;
                }
            }
        }
    }

    /** {@code orderBy}: comma-separated names, each with an optional {@code asc}/{@code desc}. */
    static ImmutableList<NodeQuery.Order> order(String raw) {
        if (raw == null || raw.isBlank()) {
            return ImmutableList.of();
        }
        ImmutableList.Builder<NodeQuery.Order> out = ImmutableList.builder();
        for (String item : raw.split(",", -1)) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                throw DeliveryException.invalidQuery("Invalid query");
            }
            String[] tokens = trimmed.split(" ", -1);
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
            out.add(new NodeQuery.Order(tokens[0], descending, true));
        }
        return out.build();
    }
}
