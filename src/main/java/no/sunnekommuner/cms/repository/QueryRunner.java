package no.sunnekommuner.cms.repository;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import javax.jcr.query.Query;
import javax.jcr.query.QueryResult;
import no.sunnekommuner.cms.content.InvalidQueryException;
import org.apache.jackrabbit.api.query.JackrabbitQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a planned XPath statement for one page, with the one count strategy of the store: the page comes from the
 * index (offset and limit in Lucene), and the total from Jackrabbit's result size when the page shows all of it;
 * when the page is full, empty past the start or the size is unknown (Jackrabbit's total stops at the limit),
 * {@link QueryCounts} counts the statement without its order clause, remembered until content changes.
 */
final class QueryRunner {

    private static final Logger LOG = LoggerFactory.getLogger(QueryRunner.class);

    record Rows(ImmutableList<Node> nodes, long total) {
    }

    private final QueryCounts counts;

    QueryRunner(QueryCounts counts) {
        this.counts = counts;
    }

    Rows run(Session session, XPathPlanner.Plan plan, int offset, int limit) throws RepositoryException {
        if (plan.matchesNothing()) {
            return new Rows(ImmutableList.of(), 0);
        }
        try {
            return plan.pagedByIndex() ? paged(session, plan, offset, limit)
                    : filtered(query(session, plan), plan, offset, limit);
        } catch (javax.jcr.query.InvalidQueryException e) {
            LOG.debug("Rejected query {}: {}", plan.xpath(), e.getMessage());
            throw InvalidQueryException.invalid("Invalid query: " + firstLine(e.getMessage()));
        } catch (RepositoryException e) {
            if (!(rootCause(e) instanceof org.apache.lucene.queryParser.ParseException)) {
                throw e;
            }
            // the full-text statement is escaped (FullTextStatement); should Lucene still refuse one, it is the
            // client's query that is wrong, not the repository
            LOG.warn("Lucene refused the full-text query {}: {}", plan.xpath(), firstLine(e.getMessage()));
            throw InvalidQueryException.invalid("Invalid query");
        }
    }

    /** The statement parsed by Jackrabbit (only when the index is asked: a remembered hit list needs no parse). */
    private static Query query(Session session, XPathPlanner.Plan plan) throws RepositoryException {
        @SuppressWarnings("deprecation")
        Query query = session.getWorkspace().getQueryManager().createQuery(plan.xpath(), Query.XPATH);
        return query;
    }

    private Rows paged(Session session, XPathPlanner.Plan plan, int offset, int limit)
            throws RepositoryException {
        String workspace = session.getWorkspace().getName();
        QueryCounts.HitList hits = counts.hitList(workspace, plan.xpath());
        if (hits != null) {
            ImmutableList<Node> page = page(session, hits, offset, limit);
            if (page != null) {
                return new Rows(page, hits.size());
            }
            // a listed node is gone: a change whose announcement (which empties the lists) is still on its way
        }
        Query query = query(session, plan);
        if (counts.keepsHitLists()) {
            return walked(session, query, plan, offset, limit);
        }
        query.setOffset(offset);
        query.setLimit(Math.max(limit, 1)); // JCR reads limit 0 as "no limit"
        QueryResult result = query.execute();
        long total = result instanceof JackrabbitQueryResult jr ? jr.getTotalSize() : -1;
        ImmutableList.Builder<Node> page = ImmutableList.builder();
        int n = 0;
        for (NodeIterator it = result.getNodes(); it.hasNext() && n < limit; n++) {
            page.add(it.nextNode());
        }
        if (total < 0 || n == limit || (n == 0 && offset > 0)) {
            total = counts.count(session, plan.xpath());
        }
        return new Rows(page.build(), total);
    }

    /**
     * A page read from a remembered hit list: the nodes by identifier, no index involved. Null when one of them
     * is gone.
     */
    private static ImmutableList<Node> page(Session session, QueryCounts.HitList hits, int offset, int limit)
            throws RepositoryException {
        ImmutableList.Builder<Node> page = ImmutableList.builder();
        for (long i = offset; i < hits.size() && i < (long) offset + limit; i++) {
            try {
                page.add(session.getNodeByIdentifier(hits.identifier((int) i)));
            } catch (javax.jcr.ItemNotFoundException gone) {
                return null;
            }
        }
        return page.build();
    }

    /**
     * Walks every hit of the statement once, in its order: the page is taken on the way and the identifiers are
     * remembered, so that the next page of the same statement (at any offset) and its total cost no index walk
     * until content changes. A count needs this walk anyway whenever the page is full.
     */
    private Rows walked(Session session, Query query, XPathPlanner.Plan plan, int offset, int limit)
            throws RepositoryException {
        long walkedAt = counts.hitListGeneration();
        QueryCounts.HitList.Builder hits = new QueryCounts.HitList.Builder();
        ImmutableList.Builder<Node> page = ImmutableList.builder();
        long end = (long) offset + limit;
        int n = 0;
        NodeIterator it = query.execute().getNodes();
        org.apache.jackrabbit.core.query.lucene.ScoreNodeIterator scoreNodes = HitIdentifiers.of(it);
        if (scoreNodes != null) {
            // identifiers straight from the index: only the page's nodes are read
            while (scoreNodes.hasNext()) {
                org.apache.jackrabbit.core.query.lucene.ScoreNode[] row = scoreNodes.nextScoreNodes();
                if (row == null || row.length == 0 || row[0] == null) {
                    continue;
                }
                String identifier = row[0].getNodeId().toString();
                if (n >= offset && n < end) {
                    try {
                        page.add(session.getNodeByIdentifier(identifier));
                    } catch (javax.jcr.ItemNotFoundException gone) {
                        continue; // in the index but removed (JCR's iterator skips these too)
                    }
                }
                hits.add(identifier);
                n++;
            }
        } else {
            for (; it.hasNext(); n++) {
                Node node = it.nextNode();
                hits.add(node.getIdentifier());
                if (n >= offset && n < end) {
                    page.add(node);
                }
            }
        }
        counts.rememberHitList(session.getWorkspace().getName(), plan.xpath(), hits.build(), walkedAt);
        return new Rows(page.build(), n);
    }

    /**
     * Several {@code @ancestor} alternatives or an order by name, which Jackrabbit's XPath can express neither:
     * the matching rows are filtered and paged here (rare requests; sorted pages by property stay in the index).
     */
    private static Rows filtered(Query query, XPathPlanner.Plan plan, int offset, int limit)
            throws RepositoryException {
        List<Node> rows = new ArrayList<>();
        for (NodeIterator it = query.execute().getNodes(); it.hasNext(); ) {
            Node n = it.nextNode();
            String p = n.getPath();
            if (plan.ancestorAlternatives().isEmpty() || plan.ancestorAlternatives().stream()
                    .anyMatch(a -> p.startsWith(a.equals("/") ? "/" : a + "/"))) {
                rows.add(n);
            }
        }
        if (plan.sortsByName()) {
            Comparator<Node> byName = Comparator.comparing(QueryRunner::lowerName);
            rows.sort(plan.nameDescending() ? byName.reversed() : byName);
        }
        ImmutableList.Builder<Node> page = ImmutableList.builder();
        for (int i = offset; i < rows.size() && i < (long) offset + limit; i++) {
            page.add(rows.get(i));
        }
        return new Rows(page.build(), rows.size());
    }

    private static String lowerName(Node node) {
        try {
            return node.getName().toLowerCase(Locale.ROOT);
        } catch (RepositoryException e) {
            return "";
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
