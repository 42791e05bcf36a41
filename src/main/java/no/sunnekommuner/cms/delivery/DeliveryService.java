package no.sunnekommuner.cms.delivery;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import javax.jcr.Property;
import javax.jcr.PropertyType;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import javax.jcr.nodetype.NodeType;
import javax.jcr.nodetype.NodeTypeIterator;
import javax.jcr.query.InvalidQueryException;
import javax.jcr.query.Query;
import javax.jcr.query.QueryResult;
import no.sunnekommuner.cms.content.i18n.SiteLocales;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.DeliveryEndpointDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.repository.GenerationCache;
import no.sunnekommuner.cms.repository.JcrRepository;
import org.apache.jackrabbit.api.query.JackrabbitQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers delivery requests from the repository: reads a node, lists the children of a node ({@code @nodes}) or
 * runs a query, and renders Magnolia's JSON. Public endpoints read the published twins of the workspaces,
 * preview endpoints the drafts. Everything here is read-only.
 */
public final class DeliveryService {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);
    private static final JsonFactory JSON = new JsonFactory();
    static final String NODES_SUFFIX = "@nodes";

    private final JcrRepository repository;
    private final DefinitionRegistry definitions;
    private final SiteLocales locales;
    private final String linkBase;
    private final ZoneId zone;
    /**
     * JCR types of filtered properties seen in content, per workspace; cleared when content changes. Bounded: the
     * property names come from query strings, which anyone can vary.
     */
    private final GenerationCache<SampleKey, Integer> sampledTypes = GenerationCache.ofSize(MAX_SAMPLED_TYPES);

    private static final int MAX_SAMPLED_TYPES = 2_000;

    private record SampleKey(String workspace, String property) {
    }

    /** How asset references are rendered (set once by the composition root; none = the stored string). */
    private volatile AssetReferenceWriter assets = AssetReferenceWriter.NONE;

    public void resolveAssetsWith(AssetReferenceWriter writer) {
        this.assets = writer;
    }

    public DeliveryService(JcrRepository repository, DefinitionRegistry definitions, SiteLocales locales,
            String linkBase, ZoneId zone) {
        this.repository = repository;
        this.definitions = definitions;
        this.locales = locales;
        this.linkBase = linkBase;
        this.zone = zone;
    }

    /** Forgets what was learnt from content (called whenever content changes). */
    public void contentChanged() {
        sampledTypes.invalidate();
    }

    /**
     * The language an answer of this request is in, also when the request fails: an invalid {@code lang} is the
     * default language, as Magnolia's errors say ({@code Content-Language: nb} on its 500 for {@code lang=xx}).
     */
    public ContentLocale requestLanguage(QueryParameters parameters, String acceptLanguage) {
        try {
            return ContentLocale.resolve(parameters.first("lang").orElse(null), acceptLanguage, locales);
        } catch (DeliveryException e) {
            return new ContentLocale(locales.defaultLanguage(), false);
        }
    }

    /** Serves a GET on an endpoint: {@code remainder} is the path below the endpoint, possibly ending in @nodes. */
    public DeliveryResponse get(DeliveryEndpoint endpoint, String remainder, boolean trailingSlash,
            QueryParameters parameters, String acceptLanguage) {
        ContentLocale locale = ContentLocale.resolve(parameters.first("lang").orElse(null), acceptLanguage, locales);
        DeliveryEndpointDefinition d = endpoint.definition();
        RenderOptions options = new RenderOptions(endpoint, locale, locales.fallbackLanguage(), null, null, linkBase);
        try (Sessions sessions = new Sessions()) {
            Session session = sessions.session(endpoint.readWorkspace());
            byte[] body;
            if (remainder.endsWith(NODES_SUFFIX)) {
                String parent = remainder.substring(0, remainder.length() - NODES_SUFFIX.length());
                body = children(session, sessions, options, parent);
            } else if (remainder.equals("/")) {
                body = query(session, sessions, endpoint, locale, parameters);
            } else {
                body = read(session, sessions, options, remainder);
            }
            return new DeliveryResponse(200, body, locale.language(), locale.negotiated());
        } catch (DeliveryException e) {
            throw e;
        } catch (RepositoryException e) {
            LOG.error("Delivery failed for {}{}", endpoint.path(), remainder, e);
            throw new DeliveryException(500, "unknown", "The repository could not answer this request");
        }
    }

    private byte[] read(Session session, Sessions sessions, RenderOptions options, String relativePath)
            throws RepositoryException {
        String path = absolute(options.endpoint().definition().rootPath(), relativePath);
        Node node = nodeAt(session, path);
        if (node == null) {
            throw DeliveryException.pathNotFound(path);
        }
        if (!matchesNodeTypes(node, options.endpoint().definition())) {
            throw DeliveryException.notFound("Node 'node " + path + "' does not match any configured node type");
        }
        return render(g -> new NodeJsonWriter(options.forRead(), sessions::session, assets).writeItem(g, node, false));
    }

    private byte[] children(Session session, Sessions sessions, RenderOptions options, String relativeParent)
            throws RepositoryException {
        String path = absolute(options.endpoint().definition().rootPath(), relativeParent);
        Node parent = nodeAt(session, path);
        if (parent == null) {
            throw DeliveryException.pathNotFound(path);
        }
        List<Node> children = new ArrayList<>();
        for (NodeIterator it = parent.getNodes(); it.hasNext(); ) {
            Node child = it.nextNode();
            if (matchesNodeTypes(child, options.endpoint().definition())) {
                children.add(child);
            }
        }
        NodeJsonWriter writer = new NodeJsonWriter(options.forRead(), sessions::session, assets);
        return render(g -> {
            g.writeStartArray();
            for (Node child : children) {
                writer.writeItem(g, child, false);
            }
            g.writeEndArray();
        });
    }

    private byte[] query(Session session, Sessions sessions, DeliveryEndpoint endpoint, ContentLocale locale,
            QueryParameters parameters) throws RepositoryException {
        DeliveryEndpointDefinition d = endpoint.definition();
        int limit = Math.min(parameters.integer("limit").orElse(d.limit()), d.maxLimit());
        int offset = parameters.integer("offset").orElse(0);
        RenderOptions options = new RenderOptions(endpoint, locale, locales.fallbackLanguage(),
                list(parameters, "properties"), list(parameters, "excludeProperties"), linkBase);
        XPathQueryBuilder builder = new XPathQueryBuilder(d.rootPath(), concreteTypes(session, d.nodeTypes()),
                name -> typeOf(session, endpoint, name), p -> identifierOf(session, p), prefix -> knownPrefix(session,
                prefix), zone);
        XPathQueryBuilder.Built built = builder.build(parameters);
        List<Node> page = new ArrayList<>();
        long total = 0;
        if (!built.matchesNothing()) {
            try {
                @SuppressWarnings("deprecation")
                Query query = session.getWorkspace().getQueryManager().createQuery(built.xpath(), Query.XPATH);
                if (built.ancestorAlternatives().isEmpty() && !built.sortsByName()) {
                    query.setOffset(offset);
                    query.setLimit(Math.max(limit, 1)); // JCR reads limit 0 as "no limit"
                    QueryResult result = query.execute();
                    total = ((JackrabbitQueryResult) result).getTotalSize();
                    for (NodeIterator it = result.getNodes(); it.hasNext() && page.size() < limit; ) {
                        page.add(it.nextNode());
                    }
                    if (page.size() == limit || total < 0 || (page.isEmpty() && offset > 0)) {
                        // Jackrabbit's total stops at the limit; a full page needs a real count
                        total = repository.queryCounts().count(session, built.xpath());
                    }
                } else {
                    // several @ancestor alternatives or order by name: Jackrabbit's XPath can express neither, so
                    // the matching rows are filtered and paged here (rare requests; sorted pages by property stay
                    // in the index)
                    List<Node> rows = new ArrayList<>();
                    for (NodeIterator it = query.execute().getNodes(); it.hasNext(); ) {
                        Node n = it.nextNode();
                        String p = n.getPath();
                        if (built.ancestorAlternatives().isEmpty() || built.ancestorAlternatives().stream()
                                .anyMatch(a -> p.startsWith(a.equals("/") ? "/" : a + "/"))) {
                            rows.add(n);
                        }
                    }
                    if (built.sortsByName()) {
                        java.util.Comparator<Node> byName = java.util.Comparator.comparing(DeliveryService::lowerName);
                        rows.sort(built.nameDescending() ? byName.reversed() : byName);
                    }
                    total = rows.size();
                    for (int i = offset; i < rows.size() && page.size() < limit; i++) {
                        page.add(rows.get(i));
                    }
                }
            } catch (InvalidQueryException e) {
                LOG.debug("Rejected query {}: {}", built.xpath(), e.getMessage());
                throw DeliveryException.invalidQuery("Invalid query: " + firstLine(e.getMessage()));
            } catch (RepositoryException e) {
                if (!(rootCause(e) instanceof org.apache.lucene.queryParser.ParseException)) {
                    throw e;
                }
                // the full-text statement is escaped (FullTextStatement); should Lucene still refuse one, it is the
                // client's query that is wrong, not the repository
                LOG.warn("Lucene refused the full-text query {}: {}", built.xpath(), firstLine(e.getMessage()));
                throw DeliveryException.invalidQuery("Invalid query");
            }
        }
        long finalTotal = total;
        NodeJsonWriter writer = new NodeJsonWriter(options, sessions::session, assets);
        return render(g -> {
            g.writeStartObject();
            g.writeNumberField("total", finalTotal);
            g.writeNumberField("offset", offset);
            g.writeNumberField("limit", limit);
            g.writeArrayFieldStart("results");
            for (Node n : page) {
                writer.writeItem(g, n, true);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String lowerName(Node node) {
        try {
            return node.getName().toLowerCase(java.util.Locale.ROOT);
        } catch (RepositoryException e) {
            return "";
        }
    }

    private static ImmutableSet<String> list(QueryParameters parameters, String name) {
        return parameters.first(name).map(v -> Arrays.stream(v.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(ImmutableSet.toImmutableSet())).orElse(ImmutableSet.of());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The primary node types a query must match: the endpoint's types and all their subtypes. */
    private static List<String> concreteTypes(Session session, List<String> nodeTypes) throws RepositoryException {
        List<String> out = new ArrayList<>();
        for (NodeTypeIterator it = session.getWorkspace().getNodeTypeManager().getPrimaryNodeTypes(); it.hasNext(); ) {
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
        return out;
    }

    private int typeOf(Session session, DeliveryEndpoint endpoint, String name) {
        ContentTypeDefinition type = definitions.contentTypeOfWorkspace(endpoint.definition().workspace()).orElse(null);
        if (type != null) {
            for (PropertyDefinition p : type.properties()) {
                if (p.name().equals(name) || (p.i18n() && ContentLocale.localeOfName(name) != null
                        && ContentLocale.baseName(name, ContentLocale.localeOfName(name)).equals(p.name()))) {
                    Integer mapped = jcrType(p);
                    if (mapped != null) {
                        return mapped;
                    }
                }
            }
        }
        return sampledTypes.get(new SampleKey(endpoint.readWorkspace(), name), k -> sample(session, name));
    }

    private static Integer jcrType(PropertyDefinition p) {
        return switch (p.type().kind()) {
            case LONG -> PropertyType.LONG;
            case DOUBLE -> PropertyType.DOUBLE;
            case DECIMAL -> PropertyType.DECIMAL;
            case BOOLEAN -> PropertyType.BOOLEAN;
            case DATE -> PropertyType.DATE;
            case SUB_MODEL -> null;
            default -> PropertyType.STRING;
        };
    }

    /** The type of a property not in the model (e.g. {@code mgnl:created}), taken from a node that has it. */
    private static int sample(Session session, String name) {
        if (name.equals("jcr:uuid") || name.equals("jcr:primaryType")) {
            return PropertyType.STRING;
        }
        try {
            @SuppressWarnings("deprecation")
            Query q = session.getWorkspace().getQueryManager().createQuery("//element(*, nt:base)[@"
                    + org.apache.jackrabbit.util.ISO9075.encode(name) + "]", Query.XPATH);
            q.setLimit(1);
            NodeIterator it = q.execute().getNodes();
            if (it.hasNext()) {
                Property p = it.nextNode().getProperty(name);
                return p.getType();
            }
        } catch (RepositoryException e) {
            LOG.debug("Could not sample type of {}: {}", name, e.toString());
        }
        return PropertyType.UNDEFINED;
    }

    private static String identifierOf(Session session, String path) {
        try {
            return session.nodeExists(path) ? session.getNode(path).getIdentifier() : null;
        } catch (RepositoryException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean knownPrefix(Session session, String prefix) {
        try {
            return Arrays.asList(session.getNamespacePrefixes()).contains(prefix);
        } catch (RepositoryException e) {
            return false;
        }
    }

    static boolean matchesNodeTypes(Node node, DeliveryEndpointDefinition d) throws RepositoryException {
        for (String t : d.nodeTypes()) {
            try {
                if (node.isNodeType(t)) {
                    return true;
                }
            } catch (RepositoryException unknownType) {
                // fall through: an unknown type matches nothing
            }
        }
        return false;
    }

    static String absolute(String rootPath, String relative) {
        String r = relative.startsWith("/") ? relative : "/" + relative;
        if (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        if (rootPath.equals("/")) {
            return r;
        }
        return r.equals("/") ? rootPath : rootPath + r;
    }

    private static Node nodeAt(Session session, String path) {
        try {
            return session.nodeExists(path) ? session.getNode(path) : null;
        } catch (RepositoryException | IllegalArgumentException e) {
            return null; // not a valid JCR path: nothing can be there
        }
    }

    private interface JsonBody {
        void write(JsonGenerator g) throws IOException, RepositoryException;
    }

    private static byte[] render(JsonBody body) throws RepositoryException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Sessions opened for one response (the endpoint's workspace and reference targets), closed together. */
    private final class Sessions implements AutoCloseable {
        private final Map<String, Session> open = new HashMap<>();

        Session session(String workspace) throws RepositoryException {
            Session s = open.get(workspace);
            if (s == null) {
                try {
                    s = repository.login(workspace);
                } catch (javax.jcr.NoSuchWorkspaceException e) {
                    return null;
                }
                open.put(workspace, s);
            }
            return s;
        }

        @Override
        public void close() {
            open.values().forEach(Session::logout);
        }
    }

    ImmutableList<String> languages() {
        return locales.languages();
    }
}
