package no.sunnekommuner.cms.repository;

import com.google.common.collect.ImmutableList;
import java.lang.reflect.Method;
import java.util.List;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import javax.jcr.RepositoryException;
import org.apache.jackrabbit.core.NodeImpl;
import org.apache.jackrabbit.core.SessionImpl;
import org.apache.jackrabbit.core.state.ChildNodeEntry;
import org.apache.jackrabbit.core.state.NodeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names of the siblings that follow a node, read from its parent's list of child entries (names and
 * identifiers) instead of through {@link Node#getNodes()}: JCR's iterator loads every sibling it passes (also
 * when skipping), which made the first publish of an item in a folder of n items cost O(n) node loads.
 * Jackrabbit keeps that list on the parent's state, which its public API does not hand out, so it is reached by
 * reflection; should a Jackrabbit version not have it, the JCR iteration answers the same (slowly).
 */
final class SiblingNames {

    private static final Logger LOG = LoggerFactory.getLogger(SiblingNames.class);
    private static final Method NODE_STATE = nodeStateAccessor();

    private SiblingNames() {
    }

    private static Method nodeStateAccessor() {
        try {
            Method m = NodeImpl.class.getDeclaredMethod("getNodeState");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("Jackrabbit's child entries are not reachable ({}): sibling order is read through JCR", e
                    .toString());
            return null;
        }
    }

    /** Whether the child entries are read directly (else every sibling is loaded through JCR). */
    static boolean readsChildEntries() {
        return NODE_STATE != null;
    }

    /** The names of the nodes after {@code node} below its parent, in tree order. */
    static ImmutableList<String> after(Node node) throws RepositoryException {
        Node parent = node.getParent();
        if (NODE_STATE != null && parent instanceof NodeImpl p && node instanceof NodeImpl n
                && node.getSession() instanceof SessionImpl session) {
            List<ChildNodeEntry> entries;
            try {
                entries = ((NodeState) NODE_STATE.invoke(p)).getChildNodeEntries();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return afterByIteration(parent, node);
            }
            ImmutableList.Builder<String> names = ImmutableList.builder();
            boolean seen = false;
            for (ChildNodeEntry e : entries) {
                if (seen) {
                    names.add(session.getJCRName(e.getName()));
                } else {
                    seen = e.getId().equals(n.getNodeId());
                }
            }
            return names.build();
        }
        return afterByIteration(parent, node);
    }

    /** How many child nodes {@code parent} has, from its child entries (no child is loaded). */
    static int count(Node parent) throws RepositoryException {
        if (NODE_STATE != null && parent instanceof NodeImpl p) {
            try {
                return ((NodeState) NODE_STATE.invoke(p)).getChildNodeEntries().size();
            } catch (ReflectiveOperationException | RuntimeException e) {
                // fall through to JCR
            }
        }
        // JCR's iterator knows its size from the same entries; items it would skip are not loaded to count
        long size = parent.getNodes().getSize();
        return size < 0 ? Integer.MAX_VALUE : (int) Math.min(size, Integer.MAX_VALUE);
    }

    private static ImmutableList<String> afterByIteration(Node parent, Node node) throws RepositoryException {
        ImmutableList.Builder<String> names = ImmutableList.builder();
        boolean seen = false;
        for (NodeIterator it = parent.getNodes(); it.hasNext(); ) {
            Node sibling = it.nextNode();
            if (seen) {
                names.add(sibling.getName());
            } else {
                seen = sibling.isSame(node);
            }
        }
        return names.build();
    }
}
