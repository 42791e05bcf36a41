package no.sunnekommuner.cms.testing;

import com.google.common.hash.Hashing;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import javax.jcr.Property;
import javax.jcr.PropertyIterator;
import javax.jcr.PropertyType;
import javax.jcr.RepositoryException;
import javax.jcr.Value;
import javax.jcr.nodetype.NodeType;
import no.sunnekommuner.cms.repository.JcrRepository;

/**
 * Every node and property of a repository as text, for comparing two repositories: per node its primary type,
 * mixins, identifier (of referenceable nodes: JCR's export carries no other), every property (type, values; binaries by SHA-256) and child order.
 * {@code jcr:created}/{@code jcr:createdBy} (protected, set by Jackrabbit when a node is imported, as in
 * Magnolia) are left out; {@code mgnl:created} and every other stamp are compared.
 */
public final class RepositorySnapshot {

    private static final Set<String> SET_ON_IMPORT = Set.of("jcr:created", "jcr:createdBy");

    private RepositorySnapshot() {
    }

    /** Fails with the nodes missing, added and different (a readable diff instead of two huge maps). */
    public static void assertSame(Map<String, String> actual, Map<String, String> expected) {
        List<String> problems = new ArrayList<>();
        for (String key : expected.keySet()) {
            if (!actual.containsKey(key)) {
                problems.add("missing " + key);
            } else if (!actual.get(key).equals(expected.get(key))) {
                problems.add("different " + key + ":\n" + expected.get(key) + "\n  became\n" + actual.get(key));
            }
        }
        for (String key : actual.keySet()) {
            if (!expected.containsKey(key)) {
                problems.add("added " + key);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " differences, the first ones:\n"
                    + String.join("\n", problems.subList(0, Math.min(5, problems.size()))));
        }
    }

    /** Every node of every workspace (except jcr:system): type, mixins, identifier, properties, child order. */
    public static Map<String, String> of(JcrRepository repository) throws RepositoryException {
        Map<String, String> nodes = new TreeMap<>();
        List<String> workspaces = repository.withSession("default",
                s -> List.of(s.getWorkspace().getAccessibleWorkspaceNames()));
        for (String workspace : workspaces) {
            repository.withSession(workspace, s -> {
                for (NodeIterator it = s.getRootNode().getNodes(); it.hasNext(); ) {
                    Node node = it.nextNode();
                    if (!node.getName().equals("jcr:system")) {
                        describe(workspace, node, nodes);
                    }
                }
                return null;
            });
        }
        return nodes;
    }

    private static void describe(String workspace, Node node, Map<String, String> out) throws RepositoryException {
        StringBuilder d = new StringBuilder(node.getPrimaryNodeType().getName());
        List<String> mixins = new ArrayList<>();
        for (NodeType mixin : node.getMixinNodeTypes()) {
            mixins.add(mixin.getName());
        }
        mixins.sort(null);
        // identifiers of referenceable nodes are exported (jcr:uuid) and must be kept; JCR gives other nodes new ones
        d.append(' ').append(mixins).append(" id=")
                .append(node.isNodeType("mix:referenceable") ? node.getIdentifier() : "(not referenceable)")
                .append('\n');
        Map<String, String> properties = new TreeMap<>();
        for (PropertyIterator it = node.getProperties(); it.hasNext(); ) {
            Property p = it.nextProperty();
            if (SET_ON_IMPORT.contains(p.getName())) {
                continue;
            }
            StringBuilder v = new StringBuilder(PropertyType.nameFromValue(p.getType()))
                    .append(p.isMultiple() ? "[]=" : "=");
            for (Value value : p.isMultiple() ? p.getValues() : new Value[] {p.getValue()}) {
                v.append(value.getType() == PropertyType.BINARY ? "sha256:" + sha256(value) : value.getString())
                        .append('|');
            }
            properties.put(p.getName(), v.toString());
        }
        properties.forEach((k, v) -> d.append("  ").append(k).append(' ').append(v).append('\n'));
        List<String> children = new ArrayList<>();
        for (NodeIterator it = node.getNodes(); it.hasNext(); ) {
            children.add(it.nextNode().getName());
        }
        d.append("  children ").append(children);
        out.put(workspace + ":" + node.getPath(), d.toString());
        for (NodeIterator it = node.getNodes(); it.hasNext(); ) {
            describe(workspace, it.nextNode(), out);
        }
    }

    private static String sha256(Value value) throws RepositoryException {
        try (InputStream in = value.getBinary().getStream()) {
            return Hashing.sha256().hashBytes(in.readAllBytes()).toString();
        } catch (java.io.IOException e) {
            throw new RepositoryException(e);
        }
    }
}
