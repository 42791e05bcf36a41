package no.sunnekommuner.cms.repository;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import javax.jcr.Property;
import javax.jcr.PropertyIterator;
import javax.jcr.RepositoryException;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.definition.NodeTypeNames;
import org.apache.jackrabbit.core.NodeImpl;

/**
 * Reads and writes {@link ContentNode}s on JCR nodes. Items and folders are "item-like"; every other child
 * (sub-model nodes and the like) belongs to its item and travels with it.
 */
final class ContentNodes {

    static final String REVISION = "cms:revision";
    static final String STATUS = "cms:publicationStatus";
    static final String ORIGINAL_TYPE = "cms:nodeType";
    static final String ORIGINAL_ID = "cms:identifier";

    private ContentNodes() {
    }

    static boolean isSystemProperty(String name) {
        // a resource's binary and MIME type are content (an asset's jcr:content), not bookkeeping
        return (name.startsWith("jcr:") && !name.equals("jcr:data") && !name.equals("jcr:mimeType"))
                || name.startsWith("mgnl:") || name.startsWith("cms:");
    }

    static boolean isItemLike(Node node) throws RepositoryException {
        return node.isNodeType(NodeTypeNames.CONTENT) || node.isNodeType(NodeTypeNames.FOLDER)
                || node.isNodeType(DamNodeTypes.ASSET);
    }

    /** The node's own properties and its non-item children, recursively. */
    static ContentNode read(Node node) throws RepositoryException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (PropertyIterator it = node.getProperties(); it.hasNext(); ) {
            Property p = it.nextProperty();
            if (!isSystemProperty(p.getName())) {
                properties.put(p.getName(), JcrValues.read(p));
            }
        }
        Map<String, ContentNode> children = new LinkedHashMap<>();
        for (NodeIterator it = node.getNodes(); it.hasNext(); ) {
            Node child = it.nextNode();
            if (!isItemLike(child)) {
                children.put(child.getName(), read(child));
            }
        }
        String type = nodeType(node);
        String id = node.hasProperty(ORIGINAL_ID) ? node.getProperty(ORIGINAL_ID).getString() : node.getIdentifier();
        return new ContentNode(node.getName(), type, id, ImmutableMap.copyOf(properties),
                ImmutableMap.copyOf(children));
    }

    /** The node's type as content sees it (a version snapshot names the type it was taken from). */
    static String nodeType(Node node) throws RepositoryException {
        return node.hasProperty(ORIGINAL_TYPE) ? node.getProperty(ORIGINAL_TYPE).getString()
                : node.getPrimaryNodeType().getName();
    }

    /** Adds a child node, with the given identifier when one is set (imports and the published twin need that). */
    static Node addNode(Node parent, String name, String nodeType, String identifier) throws RepositoryException {
        if (identifier != null) {
            // Jackrabbit's own API: the JCR API cannot choose an identifier, but Magnolia's bootstrap and
            // publication rely on identical identifiers across workspaces.
            return ((NodeImpl) parent).addNodeWithUuid(name, nodeType, identifier);
        }
        return parent.addNode(name, nodeType);
    }

    /**
     * Makes {@code target}'s own (non-system) properties equal to {@code source}'s; when {@code children} is set,
     * its non-item children too (recursively, keeping identifiers). Item-like children are never touched.
     */
    static void writeContent(Node target, ContentNode source, boolean children, boolean keepIdentifiers)
            throws RepositoryException {
        for (PropertyIterator it = target.getProperties(); it.hasNext(); ) {
            Property p = it.nextProperty();
            if (!isSystemProperty(p.getName()) && !source.properties().containsKey(p.getName())) {
                p.remove();
            }
        }
        for (Map.Entry<String, Object> e : source.properties().entrySet()) {
            JcrValues.set(target, e.getKey(), e.getValue());
        }
        if (!children) {
            return;
        }
        for (NodeIterator it = target.getNodes(); it.hasNext(); ) {
            Node child = it.nextNode();
            if (!isItemLike(child) && !source.children().containsKey(child.getName())) {
                child.remove();
            }
        }
        for (ContentNode child : source.children().values()) {
            Node existing = target.hasNode(child.name()) ? target.getNode(child.name()) : null;
            if (existing != null && (!existing.getPrimaryNodeType().getName().equals(child.nodeType())
                    || (keepIdentifiers && child.identifier() != null
                        && !child.identifier().equals(existing.getIdentifier())))) {
                existing.remove();
                existing = null;
            }
            if (existing == null) {
                existing = addNode(target, child.name(), child.nodeType(), keepIdentifiers ? child.identifier() : null);
            }
            writeContent(existing, child, true, keepIdentifiers);
        }
        // Keep the order the source gives (tree order is visible in delivery's @nodes).
        for (String name : source.children().keySet()) {
            target.orderBefore(name, null);
        }
    }

    /** Writes a snapshot as plain unstructured nodes, remembering the original types and identifiers. */
    static void writeSnapshot(Node parent, ContentNode source) throws RepositoryException {
        Node node = parent.addNode(source.name(), "nt:unstructured");
        node.setProperty(ORIGINAL_TYPE, source.nodeType());
        if (source.identifier() != null) {
            node.setProperty(ORIGINAL_ID, source.identifier());
        }
        for (Map.Entry<String, Object> e : source.properties().entrySet()) {
            JcrValues.set(node, e.getKey(), e.getValue());
        }
        for (ContentNode child : source.children().values()) {
            writeSnapshot(node, child);
        }
    }
}
