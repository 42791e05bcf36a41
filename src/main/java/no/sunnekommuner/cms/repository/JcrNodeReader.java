package no.sunnekommuner.cms.repository;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.jcr.ItemNotFoundException;
import javax.jcr.NoSuchWorkspaceException;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import javax.jcr.Property;
import javax.jcr.PropertyIterator;
import javax.jcr.PropertyType;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import javax.jcr.Value;
import javax.jcr.nodetype.NodeType;
import javax.jcr.nodetype.NodeTypeIterator;
import no.sunnekommuner.cms.content.model.NodePage;
import no.sunnekommuner.cms.content.model.NodeQuery;
import no.sunnekommuner.cms.content.model.ValueKind;
import no.sunnekommuner.cms.content.spi.NodeBudgetExceededException;
import no.sunnekommuner.cms.content.spi.NodeReader;
import no.sunnekommuner.cms.content.spi.NodeReads;
import no.sunnekommuner.cms.content.spi.StoreFailureException;
import no.sunnekommuner.cms.content.spi.StoredNode;
import no.sunnekommuner.cms.content.spi.StoredProperty;
import org.apache.jackrabbit.util.ISO9075;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read port on the Jackrabbit repository: nodes as plain values, queries through the one planner and runner.
 * Binary values are never read (their size stands in for them), and every node handed out counts against the
 * budget of its read.
 */
public final class JcrNodeReader implements NodeReader {

    private static final Logger LOG = LoggerFactory.getLogger(JcrNodeReader.class);

    private final JcrRepository repository;
    private final XPathPlanner planner;
    private final QueryRunner runner;
    private final QueryCounts counts;

    /** @param zone the time zone of day-only date filters ({@code delivery.timeZone}) */
    public JcrNodeReader(JcrRepository repository, ZoneId zone) {
        this(repository, zone, repository.queryCounts());
    }

    /** With its own remembered counts and hit lists (tests compare pages with and without hit lists). */
    JcrNodeReader(JcrRepository repository, ZoneId zone, QueryCounts counts) {
        this.repository = repository;
        this.planner = new XPathPlanner(zone);
        this.runner = new QueryRunner(counts);
        this.counts = counts;
    }

    @Override
    public NodeReads open(int maxNodes) {
        return new Reads(maxNodes);
    }

    private record ById(String workspace, String identifier) {
    }

    private final class Reads implements NodeReads {
        private final int budget;
        private int handedOut;
        private final Map<String, Session> sessions = new HashMap<>();
        private final Map<String, ImmutableSet<String>> typeNames = new HashMap<>();
        /** Nodes read by identifier in this response (reference targets). */
        private final Map<ById, StoredNode> byId = new HashMap<>();
        /** Nodes handed out of a version's snapshot, and where they really are in the versions workspace. */
        private final Map<StoredNode, String> snapshotPaths = new IdentityHashMap<>();

        Reads(int budget) {
            this.budget = budget;
        }

        @Override
        public Optional<StoredNode> node(String workspace, String path) {
            return read(() -> {
                Session s = session(workspace);
                Node node;
                try {
                    node = s == null || !s.nodeExists(path) ? null : s.getNode(path);
                } catch (RepositoryException | IllegalArgumentException e) {
                    node = null; // not a valid JCR path (an unknown prefix, '['): nothing can be there
                }
                return node == null ? Optional.<StoredNode>empty() : Optional.of(stored(workspace, node));
            });
        }

        @Override
        public Optional<StoredNode> nodeById(String workspace, String identifier) {
            // the same member or theme group is referenced by many items of a page: read once per response, but
            // counted against the budget at every use (the budget bounds what is rendered)
            ById key = new ById(workspace, identifier);
            StoredNode known = byId.get(key);
            if (known == null) {
                // and across responses until content changes: rendering a page of news read the same members
                // again for every response (a third of an uncached list's time, JFR at 100,000 articles)
                known = counts.node(workspace, identifier);
                if (known != null) {
                    byId.put(key, known);
                }
            }
            if (known != null) {
                count();
                return Optional.of(known);
            }
            long readAt = counts.nodeGeneration();
            Optional<StoredNode> found = readById(workspace, identifier);
            found.ifPresent(n -> {
                byId.put(key, n);
                counts.rememberNode(workspace, identifier, n, readAt);
            });
            return found;
        }

        private Optional<StoredNode> readById(String workspace, String identifier) {
            return read(() -> {
                Session s = session(workspace);
                if (s == null) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(stored(workspace, s.getNodeByIdentifier(identifier)));
                } catch (ItemNotFoundException | IllegalArgumentException missing) {
                    LOG.debug("No node {} in {}", identifier, workspace);
                    return Optional.empty();
                } catch (RepositoryException malformed) {
                    LOG.debug("Unreadable identifier {}: {}", identifier, malformed.toString());
                    return Optional.empty();
                }
            });
        }

        @Override
        public Optional<StoredNode> version(StoredNode item, String versionedWorkspace, String versionName) {
            return read(() -> {
                Session versions = session(Workspaces.VERSIONS);
                Optional<Node> snapshot = versions == null ? Optional.empty()
                        : VersionSnapshots.find(versions, versionedWorkspace, item.identifier(), versionName);
                return snapshot.isEmpty() ? Optional.<StoredNode>empty()
                        : Optional.of(snapshotNode(item.workspace(), snapshot.get(), item.path()));
            });
        }

        /** A snapshot node shown as the node it was taken from, at {@code shownPath}. */
        private StoredNode snapshotNode(String workspace, Node node, String shownPath) throws RepositoryException {
            String type = VersionSnapshots.originalType(node);
            ImmutableSet<String> types;
            try {
                types = typeNames(node.getSession().getWorkspace().getNodeTypeManager().getNodeType(type));
            } catch (javax.jcr.nodetype.NoSuchNodeTypeException gone) {
                types = ImmutableSet.of(); // a type no longer registered matches nothing
            }
            StoredNode stored = stored(workspace, node, shownPath, VersionSnapshots.originalIdentifier(node), type,
                    types);
            snapshotPaths.put(stored, node.getPath());
            return stored;
        }

        @Override
        public ImmutableList<StoredNode> children(StoredNode parent) {
            String snapshotPath = snapshotPaths.get(parent);
            if (snapshotPath != null) {
                return read(() -> {
                    ImmutableList.Builder<StoredNode> out = ImmutableList.builder();
                    for (NodeIterator it = session(Workspaces.VERSIONS).getNode(snapshotPath).getNodes();
                            it.hasNext(); ) {
                        Node child = it.nextNode();
                        out.add(snapshotNode(parent.workspace(), child, parent.path() + "/" + child.getName()));
                    }
                    return out.build();
                });
            }
            return read(() -> {
                Session s = session(parent.workspace());
                if (s == null || !s.nodeExists(parent.path())) {
                    return ImmutableList.of();
                }
                ImmutableList.Builder<StoredNode> out = ImmutableList.builder();
                for (NodeIterator it = s.getNode(parent.path()).getNodes(); it.hasNext(); ) {
                    out.add(stored(parent.workspace(), it.nextNode()));
                }
                return out.build();
            });
        }

        @Override
        public NodePage query(NodeQuery query) {
            return read(() -> {
                Session s = session(query.workspace());
                if (s == null) {
                    return new NodePage(0, ImmutableList.of());
                }
                XPathPlanner.Plan plan = planner.plan(query, new SessionWorkspace(s, counts));
                QueryRunner.Rows rows = runner.run(s, plan, query.offset(), query.limit());
                ImmutableList.Builder<StoredNode> nodes = ImmutableList.builder();
                for (Node n : rows.nodes()) {
                    nodes.add(stored(query.workspace(), n));
                }
                return new NodePage(rows.total(), nodes.build());
            });
        }

        private Session session(String workspace) throws RepositoryException {
            Session s = sessions.get(workspace);
            if (s == null) {
                try {
                    s = repository.login(workspace);
                } catch (NoSuchWorkspaceException e) {
                    return null;
                }
                sessions.put(workspace, s);
            }
            return s;
        }

        private StoredNode stored(String workspace, Node node) throws RepositoryException {
            NodeType primary = node.getPrimaryNodeType();
            ImmutableSet.Builder<String> types = ImmutableSet.builder();
            types.addAll(typeNames(primary));
            for (NodeType mixin : node.getMixinNodeTypes()) {
                types.addAll(typeNames(mixin));
            }
            return stored(workspace, node, node.getPath(), node.getIdentifier(), primary.getName(), types.build());
        }

        private StoredNode stored(String workspace, Node node, String path, String identifier, String primaryType,
                ImmutableSet<String> types) throws RepositoryException {
            count();
            ImmutableList.Builder<StoredProperty> properties = ImmutableList.builder();
            for (PropertyIterator it = node.getProperties(); it.hasNext(); ) {
                properties.add(property(it.nextProperty()));
            }
            return new StoredNode(workspace, node.getName(), path, identifier, primaryType, types, properties.build());
        }

        private void count() {
            if (++handedOut > budget) {
                throw new NodeBudgetExceededException(budget);
            }
        }

        private ImmutableSet<String> typeNames(NodeType type) {
            return typeNames.computeIfAbsent(type.getName(), n -> {
                ImmutableSet.Builder<String> b = ImmutableSet.<String>builder().add(n);
                for (NodeType s : type.getSupertypes()) {
                    b.add(s.getName());
                }
                return b.build();
            });
        }

        @Override
        public void close() {
            sessions.values().forEach(Session::logout);
            sessions.clear();
        }
    }

    static StoredProperty property(Property p) throws RepositoryException {
        ValueKind kind = kind(p.getType());
        ImmutableList.Builder<String> values = ImmutableList.builder();
        if (kind == ValueKind.BINARY) {
            // the size only: a binary is never loaded to render a node
            if (p.isMultiple()) {
                for (long length : p.getLengths()) {
                    values.add(Long.toString(length));
                }
            } else {
                values.add(Long.toString(p.getLength()));
            }
        } else if (p.isMultiple()) {
            for (Value v : p.getValues()) {
                values.add(v.getString());
            }
        } else {
            values.add(p.getValue().getString());
        }
        return new StoredProperty(p.getName(), kind, p.isMultiple(), values.build());
    }

    static ValueKind kind(int jcrType) {
        return switch (jcrType) {
            case PropertyType.STRING -> ValueKind.STRING;
            case PropertyType.BINARY -> ValueKind.BINARY;
            case PropertyType.LONG -> ValueKind.LONG;
            case PropertyType.DOUBLE -> ValueKind.DOUBLE;
            case PropertyType.DATE -> ValueKind.DATE;
            case PropertyType.BOOLEAN -> ValueKind.BOOLEAN;
            case PropertyType.NAME -> ValueKind.NAME;
            case PropertyType.PATH -> ValueKind.PATH;
            case PropertyType.REFERENCE -> ValueKind.REFERENCE;
            case PropertyType.WEAKREFERENCE -> ValueKind.WEAKREFERENCE;
            case PropertyType.URI -> ValueKind.URI;
            case PropertyType.DECIMAL -> ValueKind.DECIMAL;
            default -> ValueKind.UNDEFINED;
        };
    }

    private interface Read<T> {
        T run() throws RepositoryException;
    }

    private static <T> T read(Read<T> read) {
        try {
            return read.run();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RepositoryException e) {
            throw new StoreFailureException("The repository could not answer: " + e.getMessage(), e);
        }
    }

    /** What the planner needs to know of a workspace, answered from one session. */
    static final class SessionWorkspace implements XPathPlanner.Workspace {
        private final Session session;
        private final QueryCounts counts;

        SessionWorkspace(Session session, QueryCounts counts) {
            this.session = session;
            this.counts = counts;
        }

        @Override
        public ValueKind sampledType(String name) {
            if (name.equals("jcr:uuid") || name.equals("jcr:primaryType")) {
                return ValueKind.STRING;
            }
            return counts.sampledType(session.getWorkspace().getName(), name, this::sample);
        }

        /** The type of a property not in the model (e.g. {@code mgnl:created}), taken from a node that has it. */
        private ValueKind sample(String name) {
            try {
                @SuppressWarnings("deprecation")
                javax.jcr.query.Query q = session.getWorkspace().getQueryManager().createQuery(
                        "//element(*, nt:base)[@" + ISO9075.encode(name) + "]", javax.jcr.query.Query.XPATH);
                q.setLimit(1);
                NodeIterator it = q.execute().getNodes();
                if (it.hasNext()) {
                    return kind(it.nextNode().getProperty(name).getType());
                }
            } catch (RepositoryException e) {
                LOG.debug("Could not sample type of {}: {}", name, e.toString());
            }
            return ValueKind.UNDEFINED;
        }

        @Override
        public String identifierOf(String path) {
            try {
                return session.nodeExists(path) ? session.getNode(path).getIdentifier() : null;
            } catch (RepositoryException | IllegalArgumentException e) {
                return null;
            }
        }

        @Override
        public boolean knownPrefix(String prefix) {
            try {
                return Arrays.asList(session.getNamespacePrefixes()).contains(prefix);
            } catch (RepositoryException e) {
                return false;
            }
        }

        @Override
        public List<String> concreteTypes(List<String> nodeTypes) {
            return counts.concreteTypes(nodeTypes, this::lookUpConcreteTypes);
        }

        private List<String> lookUpConcreteTypes(List<String> nodeTypes) {
            List<String> out = new java.util.ArrayList<>();
            try {
                for (NodeTypeIterator it = session.getWorkspace().getNodeTypeManager().getPrimaryNodeTypes();
                        it.hasNext(); ) {
                    NodeType t = it.nextNodeType();
                    for (String wanted : nodeTypes) {
                        try {
                            if (t.isNodeType(wanted)) {
                                out.add(t.getName());
                                break;
                            }
                        } catch (RuntimeException ignored) {
                            // a type name with an unknown prefix matches nothing
                        }
                    }
                }
            } catch (RepositoryException e) {
                throw new StoreFailureException("Node types unreadable: " + e.getMessage(), e);
            }
            return out;
        }
    }
}
