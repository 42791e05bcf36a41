package no.sunnekommuner.cms.delivery;

import javax.jcr.Node;
import javax.jcr.RepositoryException;
import javax.jcr.nodetype.NodeTypeManager;
import no.sunnekommuner.cms.repository.VersionSnapshots;

/**
 * The {@code @path}, {@code @id} and node type a rendered node shows. Stored nodes show their own; a version's
 * snapshot (plain unstructured nodes in the version store) shows those of the item it was taken from, so a
 * {@code ?version=} read looks like a read of the item as it was.
 */
interface NodeIdentity {

    String path(Node node) throws RepositoryException;

    String id(Node node) throws RepositoryException;

    String type(Node node) throws RepositoryException;

    boolean isNodeType(Node node, String type) throws RepositoryException;

    NodeIdentity STORED = new NodeIdentity() {
        @Override
        public String path(Node node) throws RepositoryException {
            return node.getPath();
        }

        @Override
        public String id(Node node) throws RepositoryException {
            return node.getIdentifier();
        }

        @Override
        public String type(Node node) throws RepositoryException {
            return node.getPrimaryNodeType().getName();
        }

        @Override
        public boolean isNodeType(Node node, String type) throws RepositoryException {
            return node.isNodeType(type);
        }
    };

    /** Nodes below {@code snapshotRoot} are shown as below {@code itemPath}; other nodes (references) as stored. */
    static NodeIdentity ofVersion(Node snapshotRoot, String itemPath, NodeTypeManager types)
            throws RepositoryException {
        String rootPath = snapshotRoot.getPath();
        return new NodeIdentity() {
            private boolean inSnapshot(Node node) throws RepositoryException {
                String p = node.getPath();
                return p.equals(rootPath) || p.startsWith(rootPath + "/");
            }

            @Override
            public String path(Node node) throws RepositoryException {
                return inSnapshot(node) ? itemPath + node.getPath().substring(rootPath.length()) : node.getPath();
            }

            @Override
            public String id(Node node) throws RepositoryException {
                return inSnapshot(node) ? VersionSnapshots.originalIdentifier(node) : node.getIdentifier();
            }

            @Override
            public String type(Node node) throws RepositoryException {
                return inSnapshot(node) ? VersionSnapshots.originalType(node) : node.getPrimaryNodeType().getName();
            }

            @Override
            public boolean isNodeType(Node node, String type) throws RepositoryException {
                if (!inSnapshot(node)) {
                    return node.isNodeType(type);
                }
                try {
                    return types.getNodeType(VersionSnapshots.originalType(node)).isNodeType(type);
                } catch (javax.jcr.nodetype.NoSuchNodeTypeException gone) {
                    return false; // a type no longer registered matches nothing
                }
            }
        };
    }
}
