package no.sunnekommuner.cms.repository;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.jcr.RepositoryException;
import no.sunnekommuner.cms.content.model.ValueKind;
import javax.jcr.Session;
import javax.jcr.query.Query;
import javax.jcr.query.QueryResult;
import javax.jcr.query.RowIterator;
import org.apache.jackrabbit.api.query.JackrabbitQueryResult;

/**
 * What the store remembers of XPath queries per workspace and statement until content changes: the number of
 * matches (Jackrabbit counts by walking every hit, about 25 ms at 10,000 items, while a page costs a millisecond
 * or two) and the ordered identifiers of all matches ({@link HitList}), from which any page, however deep, is read
 * without Lucene skipping (and access-checking) every hit before it. Both live in {@link GenerationCache}s emptied
 * by every content change, local or from another cluster node, so a list is never older than the content.
 */
public final class QueryCounts {

    private static final int MAX_ENTRIES = 10_000;
    /**
     * Memory for hit lists: 16 bytes per match, so 16 MB hold e.g. ten lists of 100,000 matches or a hundred of
     * 10,000 (least recently and frequently used go first; a list is built again from the index when needed).
     */
    static final long DEFAULT_HIT_LIST_BYTES = 16L << 20;

    /**
     * Memory for nodes read by identifier (reference targets: the same few members and theme groups are rendered
     * into every page of news), weighed by their strings: 4 MB hold about a thousand members.
     */
    static final long REFERENCED_NODE_BYTES = 4L << 20;

    /** What a count depends on: the workspace and the statement without its order clause (or a property name). */
    record Key(String workspace, String statement) {
    }

    /**
     * The identifiers of every match of one statement (order clause included) in its order, two longs per
     * identifier: Jackrabbit's node identifiers are UUIDs, and a String of one would take four times the memory.
     */
    static final class HitList {
        private final long[] bits;

        private HitList(long[] bits) {
            this.bits = bits;
        }

        int size() {
            return bits.length / 2;
        }

        String identifier(int index) {
            return new UUID(bits[2 * index], bits[2 * index + 1]).toString();
        }

        int bytes() {
            return bits.length * 8 + 32;
        }

        /** Collects identifiers in order; null when one is not a UUID (then no list is kept). */
        static final class Builder {
            private long[] bits = new long[64];
            private int n;
            private boolean usable = true;

            void add(String identifier) {
                if (!usable) {
                    return;
                }
                UUID uuid;
                try {
                    uuid = UUID.fromString(identifier);
                } catch (IllegalArgumentException notAUuid) {
                    usable = false;
                    return;
                }
                if (n + 2 > bits.length) {
                    bits = Arrays.copyOf(bits, bits.length * 2);
                }
                bits[n++] = uuid.getMostSignificantBits();
                bits[n++] = uuid.getLeastSignificantBits();
            }

            HitList build() {
                return usable ? new HitList(Arrays.copyOf(bits, n)) : null;
            }
        }
    }

    private final GenerationCache<Key, Long> counts;
    private final GenerationCache<Key, HitList> hitLists;
    private final boolean keepsHitLists;
    /**
     * Stored types of properties the content types do not declare, per workspace (the planner samples a node
     * that has one). Bounded: the names come from query strings, which anyone can vary.
     */
    private final GenerationCache<Key, ValueKind> sampledTypes = GenerationCache.ofSize(MAX_SAMPLED_TYPES);

    private static final int MAX_SAMPLED_TYPES = 2_000;

    /**
     * The primary types matching a query's node types (every query asks, and answering walks all registered types).
     * Types are registered at start; one registered later (by another cluster instance) matters only once content
     * of it exists, and that content change empties this too.
     */
    private final GenerationCache<List<String>, List<String>> concreteTypes = GenerationCache.ofSize(500);

    /** Nodes by workspace and identifier, as {@link JcrNodeReader} read them (see {@link #REFERENCED_NODE_BYTES}). */
    private final GenerationCache<Key, no.sunnekommuner.cms.content.spi.StoredNode> nodesById =
            GenerationCache.ofWeight(REFERENCED_NODE_BYTES, (k, node) -> weight(node));

    public QueryCounts() {
        this(GenerationCache.ofSize(MAX_ENTRIES), DEFAULT_HIT_LIST_BYTES);
    }

    /** With the given store of counts and memory for hit lists (0 = none: every page comes from the index). */
    QueryCounts(GenerationCache<Key, Long> counts, long maxHitListBytes) {
        this.counts = counts;
        this.keepsHitLists = maxHitListBytes > 0;
        this.hitLists = GenerationCache.ofWeight(Math.max(maxHitListBytes, 1),
                (k, v) -> v.bytes() + 2 * k.statement().length());
    }

    /** With the given store (tests hand one with a hook). */
    QueryCounts(GenerationCache<Key, Long> counts) {
        this(counts, DEFAULT_HIT_LIST_BYTES);
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

    /** Whether hit lists are kept at all (a store configured without memory for them pages in the index). */
    boolean keepsHitLists() {
        return keepsHitLists;
    }

    /** The remembered hit list of a statement (order clause included), or null. */
    HitList hitList(String workspace, String xpath) {
        return keepsHitLists ? hitLists.get(new Key(workspace, xpath)) : null;
    }

    /** The generation to take before walking a statement's hits for {@link #rememberHitList}. */
    long hitListGeneration() {
        return hitLists.generation();
    }

    /**
     * Keeps a hit list walked while the generation was {@code walkedAt} (not when content changed meanwhile: the
     * walk may have seen the old state).
     */
    void rememberHitList(String workspace, String xpath, HitList hits, long walkedAt) {
        if (!keepsHitLists || hits == null) {
            return;
        }
        hitLists.put(new Key(workspace, xpath), hits, walkedAt);
    }

    /** The generation to take before reading a node for {@link #rememberNode}. */
    long nodeGeneration() {
        return nodesById.generation();
    }

    /** A node read by identifier while content was unchanged, or null. */
    no.sunnekommuner.cms.content.spi.StoredNode node(String workspace, String identifier) {
        return nodesById.get(new Key(workspace, identifier));
    }

    /** Keeps a node read while the generation was {@code readAt} (not when content changed meanwhile). */
    void rememberNode(String workspace, String identifier, no.sunnekommuner.cms.content.spi.StoredNode node,
            long readAt) {
        nodesById.put(new Key(workspace, identifier), node, readAt);
    }

    /** Roughly the bytes a node holds: its strings (two bytes a character) and the objects around them. */
    private static int weight(no.sunnekommuner.cms.content.spi.StoredNode node) {
        long bytes = 200L + 2L * (node.path().length() + node.identifier().length());
        for (no.sunnekommuner.cms.content.spi.StoredProperty p : node.properties()) {
            bytes += 80 + 2L * p.name().length();
            for (String v : p.values()) {
                bytes += 48 + 2L * v.length();
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** Forgets every count, hit list, node and sampled type (called whenever content changes). */
    public void invalidate() {
        nodesById.invalidate();
        counts.invalidate();
        hitLists.invalidate();
        sampledTypes.invalidate();
        concreteTypes.invalidate();
    }

    /** Hit lists held now (tests, metrics). */
    long hitListsHeld() {
        return hitLists.size();
    }

    /** The remembered primary types of these node types (and their subtypes), looked up once until content changes. */
    List<String> concreteTypes(List<String> nodeTypes, java.util.function.Function<List<String>, List<String>> lookUp) {
        return concreteTypes.get(List.copyOf(nodeTypes), k -> List.copyOf(lookUp.apply(k)));
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
