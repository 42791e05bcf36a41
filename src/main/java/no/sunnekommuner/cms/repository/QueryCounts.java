package no.sunnekommuner.cms.repository;

import javax.jcr.RepositoryException;
import no.sunnekommuner.cms.content.model.ValueKind;
import javax.jcr.Session;
import javax.jcr.query.Query;
import javax.jcr.query.QueryResult;
import javax.jcr.query.RowIterator;
import org.apache.jackrabbit.api.query.JackrabbitQueryResult;

/**
 * The number of matches of XPath queries, remembered per workspace and statement until content changes: Jackrabbit
 * counts by walking every hit (about 25 ms at 10,000 items), while a page of results costs a millisecond or two.
 */
public final class QueryCounts {

    private static final int MAX_ENTRIES = 10_000;

    /** What a count depends on: the workspace and the statement without its order clause (or a property name). */
    record Key(String workspace, String statement) {
    }

    private final GenerationCache<Key, Long> counts;
    /**
     * Stored types of properties the content types do not declare, per workspace (the planner samples a node
     * that has one). Bounded: the names come from query strings, which anyone can vary.
     */
    private final GenerationCache<Key, ValueKind> sampledTypes = GenerationCache.ofSize(MAX_SAMPLED_TYPES);

    private static final int MAX_SAMPLED_TYPES = 2_000;

    public QueryCounts() {
        this(GenerationCache.ofSize(MAX_ENTRIES));
    }

    /** With the given store (tests hand one with a hook). */
    QueryCounts(GenerationCache<Key, Long> counts) {
        this.counts = counts;
    }

    /** The number of matches of {@code xpath} in the session's workspace (its order clause changes nothing). */
    public long count(Session session, String xpath) throws RepositoryException {
        int order = xpath.lastIndexOf(" order by ");
        String statement = order < 0 ? xpath : xpath.substring(0, order);
        Key key = new Key(session.getWorkspace().getName(), statement);
        Long known = counts.get(key);
        if (known != null) {
            return known;
        }
        long seen = counts.generation();
        @SuppressWarnings("deprecation")
        QueryResult result = session.getWorkspace().getQueryManager().createQuery(statement, Query.XPATH).execute();
        long total = total(result);
        counts.put(key, total, seen); // not when content changed while counting: the count may be of the old state
        return total;
    }

    /** Forgets every count and sampled type (called whenever content changes). */
    public void invalidate() {
        counts.invalidate();
        sampledTypes.invalidate();
    }

    /** The remembered stored type of a property in a workspace, sampled once until content changes. */
    ValueKind sampledType(String workspace, String property, java.util.function.Function<String, ValueKind> sample) {
        return sampledTypes.get(new Key(workspace, property), k -> sample.apply(k.statement()));
    }

    private static long total(QueryResult result) throws RepositoryException {
        if (result instanceof JackrabbitQueryResult jr && jr.getTotalSize() >= 0) {
            return jr.getTotalSize();
        }
        // rows, not nodes: walking rows checks each hit without loading its node (about half the time)
        RowIterator rows = result.getRows();
        if (rows.getSize() >= 0) {
            return rows.getSize();
        }
        long n = 0;
        while (rows.hasNext()) {
            rows.nextRow();
            n++;
        }
        return n;
    }
}
