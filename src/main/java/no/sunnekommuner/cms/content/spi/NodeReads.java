package no.sunnekommuner.cms.content.spi;

import com.google.common.collect.ImmutableList;
import java.util.Optional;
import no.sunnekommuner.cms.content.model.NodePage;
import no.sunnekommuner.cms.content.model.NodeQuery;

/**
 * The reads of one response (sessions held until {@link #close}). Every node handed out counts against the
 * budget it was opened with; an unknown workspace, a path no node can have or a missing node is empty.
 */
public interface NodeReads extends AutoCloseable {

    Optional<StoredNode> node(String workspace, String path);

    Optional<StoredNode> nodeById(String workspace, String identifier);

    /**
     * The item as it was stored by a publish ({@code 1.0}, {@code 1.1} …): the snapshot shows the item's path,
     * identifier and node type, and so do its children. Empty when that version was never stored.
     *
     * @param versionedWorkspace the content workspace whose history is asked (the drafts' workspace)
     */
    Optional<StoredNode> version(StoredNode item, String versionedWorkspace, String versionName);

    /** The child nodes of a node (of a version's snapshot too), in tree order. */
    ImmutableList<StoredNode> children(StoredNode parent);

    /** One page of a query and the number of all its matches. */
    NodePage query(NodeQuery query);

    @Override
    void close();
}
