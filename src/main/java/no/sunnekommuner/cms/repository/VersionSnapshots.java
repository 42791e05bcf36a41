package no.sunnekommuner.cms.repository;

import java.util.Optional;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import no.sunnekommuner.cms.content.model.VersionInfo;

/**
 * Finds the stored snapshot of one version in the {@link Workspaces#VERSIONS} workspace, laid out by
 * {@link JcrContentStore} as {@code /<workspace>/<bucket>/<identifier>/<version name>/<item snapshot>} (see
 * {@link VersionHistories}), and reads the
 * original node type and identifier a snapshot node remembers (snapshots are plain unstructured nodes).
 */
public final class VersionSnapshots {

    private VersionSnapshots() {
    }

    public static boolean isVersionName(String name) {
        return VersionInfo.isVersionName(name);
    }

    /** The snapshot of {@code versionName} of the item with {@code identifier} in {@code workspace}, if stored. */
    public static Optional<Node> find(Session versions, String workspace, String identifier, String versionName)
            throws RepositoryException {
        if (!isVersionName(versionName)) {
            return Optional.empty();
        }
        Optional<Node> history = VersionHistories.find(versions, workspace, identifier);
        if (history.isEmpty() || !history.get().hasNode(versionName)) {
            return Optional.empty();
        }
        NodeIterator content = history.get().getNode(versionName).getNodes();
        return content.hasNext() ? Optional.of(content.nextNode()) : Optional.empty();
    }

    /** The node type the snapshotted node had (its own type for a node that is no snapshot). */
    public static String originalType(Node node) throws RepositoryException {
        return node.hasProperty(ContentNodes.ORIGINAL_TYPE) ? node.getProperty(ContentNodes.ORIGINAL_TYPE).getString()
                : node.getPrimaryNodeType().getName();
    }

    /** The identifier the snapshotted node had (its own for a node that is no snapshot). */
    public static String originalIdentifier(Node node) throws RepositoryException {
        return node.hasProperty(ContentNodes.ORIGINAL_ID) ? node.getProperty(ContentNodes.ORIGINAL_ID).getString()
                : node.getIdentifier();
    }
}
