package no.sunnekommuner.cms.repository;

import java.lang.reflect.Field;
import javax.jcr.NodeIterator;
import org.apache.jackrabbit.core.query.lucene.ScoreNodeIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hits of a query as Jackrabbit's index found them (node identifiers in the query's order, access already
 * checked by the query result), without loading a node: JCR's node iterator reads every hit's bundle from the
 * persistence manager, which made the first walk of a 100,000-hit list take 13 s (JFR: bundle reads from Derby),
 * where the identifiers alone take a fraction of it. The score nodes sit in a field of Jackrabbit's iterator
 * that its public API does not hand out, so they are reached by reflection; should a Jackrabbit version not have
 * it, the caller walks the nodes as before.
 */
final class HitIdentifiers {

    private static final Logger LOG = LoggerFactory.getLogger(HitIdentifiers.class);
    private static final Field SCORE_NODES = scoreNodesField();

    private HitIdentifiers() {
    }

    private static Field scoreNodesField() {
        try {
            Field f = Class.forName("org.apache.jackrabbit.core.query.lucene.NodeIteratorImpl")
                    .getDeclaredField("scoreNodes");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("Jackrabbit's query hits are not reachable ({}): hit lists are walked node by node",
                    e.toString());
            return null;
        }
    }

    /**
     * The score nodes behind a query result's node iterator that has not been read yet, or null when they are
     * not reachable (then iterate the nodes).
     */
    static ScoreNodeIterator of(NodeIterator nodes) {
        if (SCORE_NODES == null || !SCORE_NODES.getDeclaringClass().isInstance(nodes)) {
            return null;
        }
        try {
            return (ScoreNodeIterator) SCORE_NODES.get(nodes);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
