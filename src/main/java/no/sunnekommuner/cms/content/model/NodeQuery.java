package no.sunnekommuner.cms.content.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Locale;
import java.util.Objects;

/**
 * A query over the nodes of one workspace, the one model that the store's planner answers (delivery queries and
 * editor listings alike). Values stay as the client wrote them: the planner types each one by its property (a
 * declared type from {@link #declaredTypes}, else the type stored in content), so nothing here is a statement.
 *
 * <p>Matches are nodes below {@link #rootPath} of one of {@link #nodeTypes} (or a subtype) that pass every
 * filter and lie below one of the paths of every entry of {@link #ancestors} (AND across entries, OR within one).
 *
 * @param fullText      Magnolia's {@code q} as given (words, phrases, wildcards; a path finds that node), or null
 * @param declaredTypes value types the content type declares, by property name
 */
public record NodeQuery(
        String workspace,
        String rootPath,
        ImmutableList<String> nodeTypes,
        ImmutableList<Filter> filters,
        ImmutableList<ImmutableList<String>> ancestors,
        String fullText,
        ImmutableList<Order> order,
        ImmutableMap<String, ValueKind> declaredTypes,
        int offset,
        int limit) {

    public NodeQuery {
        Objects.requireNonNull(workspace, "workspace");
        rootPath = rootPath == null ? "/" : rootPath;
        nodeTypes = nodeTypes == null ? ImmutableList.of() : nodeTypes;
        filters = filters == null ? ImmutableList.of() : filters;
        ancestors = ancestors == null ? ImmutableList.of() : ancestors;
        order = order == null ? ImmutableList.of() : order;
        declaredTypes = declaredTypes == null ? ImmutableMap.of() : declaredTypes;
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    /** Magnolia's filter operators ({@code name[op]=value}), and the editor's word search. */
    public enum Operator {
        EQ, NE, GT, GTE, LT, LTE,
        /** {@code low~high} bounds, inclusive; alternatives separated by {@code |}. */
        IN, NOT_IN,
        LIKE, ILIKE,
        /** {@code true}: the property is missing; {@code false}: it is there. */
        NULL,
        /** Editor search: every word (letters and digits) as a full-text prefix or inside the property. */
        WORDS;

        /** The name in Magnolia's grammar ({@code not-in}); null for {@link #WORDS}, which it has not. */
        public String grammarName() {
            return this == WORDS ? null : name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Operator ofGrammarName(String name) {
            for (Operator o : values()) {
                if (name.equals(o.grammarName())) {
                    return o;
                }
            }
            return null;
        }
    }

    /**
     * One filter: {@code property} is a property name, {@code @name}, {@code @path} or {@code @jcr:uuid};
     * {@code value} as given ({@code |} separates alternatives where Magnolia allows them). For {@link
     * Operator#WORDS} the property may be null (full text only).
     */
    public record Filter(String property, Operator operator, String value) {
        public Filter {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * One sort key: a property name or {@code @name}. {@code ignoreCase} sorts text properties case-insensitively
     * (Magnolia's delivery order).
     */
    public record Order(String property, boolean descending, boolean ignoreCase) {
        public Order {
            Objects.requireNonNull(property, "property");
        }
    }
}
