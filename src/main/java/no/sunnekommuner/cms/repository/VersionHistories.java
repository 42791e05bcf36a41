package no.sunnekommuner.cms.repository;

import java.util.Optional;
import javax.jcr.Node;
import javax.jcr.RepositoryException;
import javax.jcr.Session;

/**
 * Where an item's version history is kept in the {@link Workspaces#VERSIONS} workspace:
 * {@code /<workspace>/<bucket>/<identifier>}, the bucket being two hex digits of the identifier's hash. Jackrabbit
 * rewrites a node's whole list of children whenever one is added, so one node holding the histories of every item
 * of a workspace made each new item's first version cost O(n); 256 buckets keep that list short. Histories written
 * before the buckets, at {@code /<workspace>/<identifier>}, stay there and keep growing there: adding a version
 * changes only the history node, never the old shared parent, so they cost no more than a bucketed one and need no
 * migration (moving them would rewrite that large parent once per item).
 */
final class VersionHistories {

    private VersionHistories() {
    }

    /** The history node of an item, if it has one (in its bucket, or where histories were kept before). */
    static Optional<Node> find(Session versions, String workspace, String identifier) throws RepositoryException {
        if (identifier.isEmpty() || identifier.contains("/") || identifier.contains("[")) {
            return Optional.empty();
        }
        for (String path : new String[] {path(workspace, identifier), legacyPath(workspace, identifier)}) {
            if (versions.nodeExists(path)) {
                return Optional.of(versions.getNode(path));
            }
        }
        return Optional.empty();
    }

    /** The history node of an item, created in its bucket when it has none yet (unsaved). */
    static Node ensure(Session versions, String workspace, String identifier) throws RepositoryException {
        Optional<Node> existing = find(versions, workspace, identifier);
        if (existing.isPresent()) {
            return existing.get();
        }
        Node root = child(versions.getRootNode(), workspace);
        String name = bucket(identifier);
        if (!root.hasNode(name)) {
            // all buckets at once: in a workspace whose node still holds the old layout's histories, each new
            // bucket would rewrite that large child list, 256 times over
            for (int i = 0; i < 256; i++) {
                child(root, Integer.toHexString(i | 0x100).substring(1));
            }
        }
        return root.getNode(name).addNode(identifier, "nt:unstructured");
    }

    static String path(String workspace, String identifier) {
        return "/" + workspace + "/" + bucket(identifier) + "/" + identifier;
    }

    private static String legacyPath(String workspace, String identifier) {
        return "/" + workspace + "/" + identifier;
    }

    /** Two hex digits: never a JCR identifier, so a bucket cannot be mistaken for a history of the old layout. */
    static String bucket(String identifier) {
        return Integer.toHexString((identifier.hashCode() & 0xff) | 0x100).substring(1);
    }

    private static Node child(Node parent, String name) throws RepositoryException {
        return parent.hasNode(name) ? parent.getNode(name) : parent.addNode(name, "nt:unstructured");
    }
}
