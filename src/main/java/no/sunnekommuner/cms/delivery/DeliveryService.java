package no.sunnekommuner.cms.delivery;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import no.sunnekommuner.cms.content.InvalidQueryException;
import no.sunnekommuner.cms.content.i18n.SiteLocales;
import no.sunnekommuner.cms.content.model.NodePage;
import no.sunnekommuner.cms.content.model.NodeQuery;
import no.sunnekommuner.cms.content.model.VersionInfo;
import no.sunnekommuner.cms.content.spi.NodeBudgetExceededException;
import no.sunnekommuner.cms.content.spi.NodeReader;
import no.sunnekommuner.cms.content.spi.NodeReads;
import no.sunnekommuner.cms.content.spi.StoreFailureException;
import no.sunnekommuner.cms.content.spi.StoredNode;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.DeliveryEndpointDefinition;
import no.sunnekommuner.cms.definition.OptionLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers delivery requests through the {@link NodeReader} port: reads a node (or a stored version of it), lists
 * the children of a node ({@code @nodes}) or runs a query parsed by {@link DeliveryQueryParser}, and renders
 * Magnolia's JSON. Public endpoints read the published twins of the workspaces, preview endpoints the drafts.
 * Every response is held to the node budget. Everything here is read-only.
 */
public final class DeliveryService {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);
    private static final JsonFactory JSON = new JsonFactory();
    static final String NODES_SUFFIX = "@nodes";
    /** Magnolia's read parameter naming a stored version ({@code 1.0}, {@code 1.1} …) of the item. */
    static final String VERSION = "version";

    private final NodeReader reader;
    private final DefinitionRegistry definitions;
    private final SiteLocales locales;
    private final String linkBase;
    private final int maxNodes;
    private final OptionLabels optionLabels;

    /**
     * @param maxNodes the node budget of one response ({@code rest.maxRenderedNodes}): items, their children and
     *                 reference targets together
     */
    /** How asset references are rendered (set once by the composition root; none = the stored string). */
    private volatile AssetReferenceWriter assets = AssetReferenceWriter.NONE;

    public void resolveAssetsWith(AssetReferenceWriter writer) {
        this.assets = writer;
    }

    public DeliveryService(NodeReader reader, DefinitionRegistry definitions, SiteLocales locales, String linkBase,
            int maxNodes) {
        this.reader = reader;
        this.definitions = definitions;
        this.locales = locales;
        this.linkBase = linkBase;
        this.maxNodes = maxNodes;
        this.optionLabels = OptionLabels.of(definitions, locales.languages());
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
        RenderOptions options = new RenderOptions(endpoint, locale, locales.fallbackLanguage(), null, null, linkBase)
                .withExtras(definitions.endpointOptions(d.endpointPath()));
        try (NodeReads reads = reader.open(maxNodes)) {
            Rendered body;
            if (remainder.endsWith(NODES_SUFFIX)) {
                String parent = remainder.substring(0, remainder.length() - NODES_SUFFIX.length());
                body = children(reads, options, parent);
            } else if (remainder.equals("/")) {
                body = query(reads, endpoint, locale, parameters);
            } else if (parameters.first(VERSION).isPresent()) {
                body = readVersion(reads, options, remainder, parameters.first(VERSION).get());
            } else {
                body = read(reads, options, remainder);
            }
            return new DeliveryResponse(200, body.bytes(), locale.language(), locale.negotiated(),
                    body.lastModified());
        } catch (InvalidQueryException e) {
            throw e.kind() == InvalidQueryException.Kind.BAD_REQUEST ? DeliveryException.badRequest(e.getMessage())
                    : DeliveryException.invalidQuery(e.getMessage());
        } catch (NodeBudgetExceededException e) {
            LOG.warn("Refused {}{}: {} (setting rest.maxRenderedNodes)", endpoint.path(), remainder, e.getMessage());
            throw DeliveryException.tooManyNodes(e);
        } catch (StoreFailureException e) {
            LOG.error("Delivery failed for {}{}", endpoint.path(), remainder, e);
            throw new DeliveryException(500, "unknown", "The repository could not answer this request");
        }
    }

    private Rendered read(NodeReads reads, RenderOptions options, String relativePath) {
        String path = absolute(options.endpoint().definition().rootPath(), relativePath);
        StoredNode node = reads.node(options.endpoint().readWorkspace(), path)
                .orElseThrow(() -> DeliveryException.pathNotFound(path));
        if (!matchesNodeTypes(node, options.endpoint().definition())) {
            throw DeliveryException.notFound("Node 'node " + path + "' does not match any configured node type");
        }
        NodeJsonWriter writer = new NodeJsonWriter(options.forRead(), reads, assets, optionLabels);
        return render(writer, g -> writer.writeItem(g, node, false));
    }

    /**
     * A read of one stored version of the item (Magnolia's {@code version} parameter). Versions are the history of
     * published states kept on the author side, so only preview endpoints (signed-in editors) serve them: a public
     * endpoint answers 400, as content taken off the public site must not stay readable through its history
     * (Magnolia's public instances keep no versions; their answer is a 500).
     */
    private Rendered readVersion(NodeReads reads, RenderOptions options, String relativePath, String version) {
        DeliveryEndpoint endpoint = options.endpoint();
        if (!endpoint.preview()) {
            throw DeliveryException.badRequest("Parameter 'version' is served by the preview endpoint only (/.rest/"
                    + endpoint.path().replaceFirst("^delivery", "preview") + "/…?version=" + QueryParameters
                    .abbreviate(version) + ", for signed-in editors); public delivery serves the published state");
        }
        if (!VersionInfo.isVersionName(version)) {
            throw DeliveryException.badRequest("Parameter 'version' must name a version such as 1.0, not '"
                    + QueryParameters.abbreviate(version) + "'");
        }
        String path = absolute(endpoint.definition().rootPath(), relativePath);
        StoredNode node = reads.node(endpoint.readWorkspace(), path)
                .orElseThrow(() -> DeliveryException.pathNotFound(path));
        if (!matchesNodeTypes(node, endpoint.definition())) {
            throw DeliveryException.notFound("Node 'node " + path + "' does not match any configured node type");
        }
        StoredNode snapshot = reads.version(node, endpoint.definition().workspace(), version)
                .orElseThrow(() -> new DeliveryException(404, "versionNotFound", "No version '" + version + "' of "
                        + path));
        NodeJsonWriter writer = new NodeJsonWriter(options.forRead(), reads, assets, optionLabels);
        return render(writer, g -> writer.writeItem(g, snapshot, false));
    }

    private Rendered children(NodeReads reads, RenderOptions options, String relativeParent) {
        String path = absolute(options.endpoint().definition().rootPath(), relativeParent);
        StoredNode parent = reads.node(options.endpoint().readWorkspace(), path)
                .orElseThrow(() -> DeliveryException.pathNotFound(path));
        List<StoredNode> children = new ArrayList<>();
        for (StoredNode child : reads.children(parent)) {
            if (matchesNodeTypes(child, options.endpoint().definition())) {
                children.add(child);
            }
        }
        NodeJsonWriter writer = new NodeJsonWriter(options.forRead(), reads, assets, optionLabels);
        return render(writer, g -> {
            g.writeStartArray();
            for (StoredNode child : children) {
                writer.writeItem(g, child, false);
            }
            g.writeEndArray();
        });
    }

    private Rendered query(NodeReads reads, DeliveryEndpoint endpoint, ContentLocale locale,
            QueryParameters parameters) {
        DeliveryEndpointDefinition d = endpoint.definition();
        parameters = EndpointDefaults.withDefaultOrder(definitions.endpointOptions(d.endpointPath()), parameters);
        NodeQuery query = DeliveryQueryParser.parse(parameters, d, endpoint.readWorkspace(),
                definitions.contentTypeOfWorkspace(d.workspace()).orElse(null));
        RenderOptions options = new RenderOptions(endpoint, locale, locales.fallbackLanguage(),
                list(parameters, "properties"), list(parameters, "excludeProperties"), linkBase)
                .withExtras(definitions.endpointOptions(d.endpointPath()));
        NodePage page = reads.query(query);
        NodeJsonWriter writer = new NodeJsonWriter(options, reads, assets, optionLabels);
        return render(writer, g -> {
            g.writeStartObject();
            g.writeNumberField("total", page.total());
            g.writeNumberField("offset", query.offset());
            g.writeNumberField("limit", query.limit());
            g.writeArrayFieldStart("results");
            for (StoredNode n : page.nodes()) {
                writer.writeItem(g, n, true);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static ImmutableSet<String> list(QueryParameters parameters, String name) {
        return parameters.first(name).map(v -> Arrays.stream(v.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(ImmutableSet.toImmutableSet())).orElse(ImmutableSet.of());
    }

    static boolean matchesNodeTypes(StoredNode node, DeliveryEndpointDefinition d) {
        return d.nodeTypes().stream().anyMatch(node::isNodeType);
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

    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    /** A rendered body and the newest last change of the nodes in it. */
    private record Rendered(byte[] bytes, Instant lastModified) {
    }

    private Rendered render(NodeJsonWriter writer, JsonBody body) {
        // the buffer starts at the size of the last body rendered: a list page (26 KB) grown from 2 KB copied
        // itself five times, 60 KB of the 775 KB a page allocated (JFR); a body of another size only costs a
        // larger buffer or one copy more
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(lastRendered, MAX_INITIAL_BUFFER));
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastRendered = Math.max(2048, out.size() + 256);
        return new Rendered(out.toByteArray(), writer.lastModified());
    }

    private static final int MAX_INITIAL_BUFFER = 256 * 1024;
    /** The size of the last body rendered (a hint, read and written without locks: any value is a valid one). */
    private volatile int lastRendered = 2048;

    ImmutableList<String> languages() {
        return locales.languages();
    }
}
