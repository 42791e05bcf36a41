package no.sunnekommuner.cms.delivery.nodes;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.bootstrap.ImportLimitException;
import no.sunnekommuner.cms.content.bootstrap.ImportLimits;
import no.sunnekommuner.cms.content.bootstrap.SystemViewImporter;
import no.sunnekommuner.cms.definition.NodeTypeNames;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ValueKind;
import no.sunnekommuner.cms.content.spi.NodeBudgetExceededException;
import no.sunnekommuner.cms.content.spi.NodeReader;
import no.sunnekommuner.cms.content.spi.NodeReads;
import no.sunnekommuner.cms.content.spi.StoredNode;
import no.sunnekommuner.cms.content.spi.StoredProperty;
import no.sunnekommuner.cms.content.validation.ValidationMode;
import no.sunnekommuner.cms.delivery.DeliveryException;
import no.sunnekommuner.cms.delivery.RequestUser;
import no.sunnekommuner.cms.security.User;

/**
 * Magnolia's REST nodes API v1 ({@code /.rest/nodes/v1/<workspace><path>}), the scripting interface: GET reads a
 * draft node, PUT creates one node below a parent, POST sets properties, DELETE removes a node. Every write goes
 * through the content service (validation, rich-text sanitizing); reference targets are not required to exist
 * yet, as scripts create content in any order. Also {@code PUT /.rest/nodes/v1/import/<workspace><parent>} with a
 * JCR system-view XML body (Magnolia's bootstrap format).
 */
@Path("nodes/v1")
public final class NodesResource {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = new JsonFactory();
    private static final String JSON_TYPE = "application/json;charset=UTF-8";

    private final ContentService content;
    private final NodeReader reader;
    private final int maxNodes;
    private final RequestUser users;
    private final Predicate<String> contentWorkspace;
    private final ImportLimits limits;
    private final long maxJsonBodyBytes;

    /** @param maxNodes the node budget of one GET ({@code rest.maxRenderedNodes}), whatever its depth */
    public NodesResource(ContentService content, NodeReader reader, RequestUser users,
            Predicate<String> contentWorkspace, ImportLimits limits, long maxJsonBodyBytes, int maxNodes) {
        this.limits = limits;
        this.maxJsonBodyBytes = maxJsonBodyBytes;
        this.content = content;
        this.reader = reader;
        this.maxNodes = maxNodes;
        this.users = users;
        this.contentWorkspace = contentWorkspace;
    }

    private record Target(String workspace, String path) {
    }

    private Target target(String raw) {
        String p = raw.startsWith("/") ? raw.substring(1) : raw;
        int slash = p.indexOf('/');
        String workspace = slash < 0 ? p : p.substring(0, slash);
        String path = slash < 0 ? "/" : p.substring(slash);
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (workspace.isEmpty() || !contentWorkspace.test(workspace)) {
            throw DeliveryException.notFound("Unknown workspace '" + workspace + "'");
        }
        return new Target(workspace, path);
    }

    @GET
    @Path("{path: .*}")
    @Produces(JSON_TYPE)
    public Response get(@PathParam("path") String raw, @QueryParam("depth") String depthParam,
            @QueryParam("includeMetadata") String metadataParam, @Context HttpServletRequest request) {
        User user = users.requireEditor(request);
        Target t = target(raw);
        content.access().requireWorkspace(user.actor(), t.workspace());
        int depth = parseDepth(depthParam);
        boolean metadata = "true".equalsIgnoreCase(metadataParam);
        try (NodeReads reads = reader.open(maxNodes)) {
            StoredNode node = reads.node(t.workspace(), t.path())
                    .orElseThrow(() -> DeliveryException.pathNotFound(t.path()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                write(g, reads, node, depth, metadata);
            }
            return Response.ok(out.toByteArray(), JSON_TYPE).build();
        } catch (NodeBudgetExceededException e) {
            throw DeliveryException.tooManyNodes(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PUT
    @Path("{path: .*}")
    @Consumes("*/*")
    public Response create(@PathParam("path") String raw, InputStream body, @Context HttpServletRequest request) {
        User user = users.requireEditor(request);
        requireType(request, "a JSON node", JSON_TYPES);
        Target t = target(raw);
        JsonNode node = parseBody(readJson(body, request));
        if (node.path("nodes").isArray() && node.path("nodes").size() > 0) {
            throw DeliveryException.badRequest("Adding sub nodes is not supported; PUT each node on its own");
        }
        String name = text(node, "name");
        if (name == null || name.isBlank()) {
            throw DeliveryException.badRequest("The node needs a 'name'");
        }
        String type = text(node, "type");
        if (type == null || type.isBlank()) {
            throw DeliveryException.badRequest("The node needs a 'type' (its JCR node type, e.g. mgnl:content)");
        }
        String expectedPath = (t.path().equals("/") ? "" : t.path()) + "/" + name;
        String path = text(node, "path");
        if (path != null && !path.isEmpty() && !path.equals(expectedPath)) {
            throw DeliveryException.badRequest("'path' must be the parent path plus the name: " + expectedPath);
        }
        ContentNode.Builder b = ContentNode.builder(name, type);
        properties(node).forEach(b::property);
        ContentNode created = b.build();
        return write(() -> content.create(t.workspace(), t.path(), created, user.actor(), ValidationMode.IMPORT));
    }

    /**
     * Imports a JCR system-view file below a parent. The body is read as a stream up to
     * {@code import.maxBodyMegabytes} (413 beyond), the file refused at the first node past the depth (400) or
     * node-count (413) limit; the whole tree is validated before anything is written.
     */
    @PUT
    @Path("import/{path: .*}")
    @Consumes("*/*")
    public Response importXml(@PathParam("path") String raw, InputStream body, @Context HttpServletRequest request) {
        User user = users.requireEditor(request);
        requireType(request, "a JCR system view XML document", XML_TYPES);
        Target t = target(raw);
        long declared = request.getContentLengthLong();
        if (declared > limits.maxBodyBytes()) {
            throw tooLarge();
        }
        BoundedBody bounded = new BoundedBody(body, limits.maxBodyBytes());
        try (PushbackInputStream in = new PushbackInputStream(bounded, 1)) {
            int first = in.read();
            if (first < 0) {
                throw DeliveryException.badRequest("The request body must be a JCR system view XML document");
            }
            in.unread(first);
            return write(() -> new SystemViewImporter(content, limits).importXml(t.workspace(), t.path(), in,
                    user.actor()));
        } catch (ImportLimitException e) {
            throw new DeliveryException(e.kind() == ImportLimitException.Kind.TOO_DEEP ? 400 : 413,
                    e.kind() == ImportLimitException.Kind.TOO_DEEP ? "badRequest" : "payloadTooLarge",
                    e.getMessage());
        } catch (ContentException | IOException e) {
            if (bounded.exceeded()) {
                throw tooLarge();
            }
            if (e instanceof ContentException c) {
                throw c;
            }
            throw DeliveryException.badRequest("The request body could not be read");
        }
    }

    private DeliveryException tooLarge() {
        return new DeliveryException(413, "payloadTooLarge", "The request body is larger than "
                + limits.maxBodyBytes() / (1024 * 1024) + " MB (setting import.maxBodyMegabytes)");
    }

    @POST
    @Path("{path: .*}")
    @Consumes("*/*")
    public Response update(@PathParam("path") String raw, InputStream body, @Context HttpServletRequest request) {
        User user = users.requireEditor(request);
        requireType(request, "a JSON node", JSON_TYPES);
        Target t = target(raw);
        JsonNode node = parseBody(readJson(body, request));
        if (node.path("nodes").isArray() && node.path("nodes").size() > 0) {
            throw DeliveryException.badRequest("Adding sub nodes is not supported; PUT each node on its own");
        }
        Map<String, Object> changes = properties(node);
        long baseRevision = baseRevision(request.getHeader("If-Match"));
        return write(() -> content.patch(t.workspace(), t.path(), changes, baseRevision, user.actor()));
    }

    /**
     * The revision a client based its change on, from an optional {@code If-Match: "<revision>"} header (not in
     * Magnolia's API; its scripts send none and overwrite, as there): a change based on an older revision is
     * refused with 409 instead of overwriting what another editor saved meanwhile, also on another instance.
     */
    private static long baseRevision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return -1;
        }
        String value = ifMatch.trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!value.matches("[0-9]{1,18}")) {
            throw DeliveryException.badRequest("If-Match must be the item's revision in quotes, e.g. \"3\"");
        }
        return Long.parseLong(value);
    }

    @DELETE
    @Path("{path: .*}")
    public Response delete(@PathParam("path") String raw, @Context HttpServletRequest request) {
        // the content service's access policy refuses an editor (403): one rule for the editor and this API
        User user = users.requireEditor(request);
        Target t = target(raw);
        if (t.path().equals("/")) {
            throw DeliveryException.badRequest("The root node cannot be deleted");
        }
        return write(() -> {
            content.delete(t.workspace(), t.path(), user.actor());
            return null;
        });
    }

    private static final Set<String> JSON_TYPES = Set.of("application/json");
    private static final Set<String> XML_TYPES = Set.of("application/xml", "text/xml");

    /**
     * Writes take only their own media type: a browser sends {@code text/plain} and form bodies cross-site without
     * a CORS preflight, so reading those as JSON would let any web page write with an editor's cached Basic
     * credentials (415 otherwise).
     */
    private static void requireType(HttpServletRequest request, String what, Set<String> accepted) {
        String header = request.getContentType();
        String type = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!accepted.contains(type)) {
            throw new DeliveryException(415, "unsupportedMediaType", "The request body must be " + what + " with "
                    + "Content-Type " + String.join(" or ", accepted.stream().sorted().toList())
                    + (header == null ? "" : ", not " + abbreviate(header)));
        }
    }

    private static String abbreviate(String s) {
        String c = s.replaceAll("\\p{Cntrl}", "?");
        return c.length() > 60 ? c.substring(0, 60) + "…" : c;
    }

    private interface Write {
        Object run();
    }

    private static Response write(Write write) {
        write.run();
        return Response.ok().build();
    }

    /**
     * The JSON body of a write, read up to {@code rest.maxJsonBodyKilobytes}: a larger one is refused with 413 as
     * soon as its declared length or the bytes read pass the limit, so a huge body is never buffered whole.
     */
    private byte[] readJson(InputStream body, HttpServletRequest request) {
        if (request.getContentLengthLong() > maxJsonBodyBytes) {
            throw jsonTooLarge();
        }
        BoundedBody bounded = new BoundedBody(body, maxJsonBodyBytes);
        try {
            return bounded.readAllBytes();
        } catch (IOException e) {
            if (bounded.exceeded()) {
                throw jsonTooLarge();
            }
            throw DeliveryException.badRequest("The request body could not be read");
        }
    }

    private DeliveryException jsonTooLarge() {
        return new DeliveryException(413, "payloadTooLarge", "The request body is larger than "
                + maxJsonBodyBytes / 1024 + " KB (setting rest.maxJsonBodyKilobytes)");
    }

    private static JsonNode parseBody(byte[] body) {
        if (body == null || body.length == 0) {
            throw DeliveryException.badRequest("The request body must be a JSON node: "
                    + "{\"name\", \"type\", \"properties\": [{\"name\", \"type\", \"multiple\", \"values\"}]}");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw DeliveryException.badRequest("The request body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw DeliveryException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw DeliveryException.badRequest("'" + field + "' must be a string");
        }
        return v.asText();
    }

    private static Map<String, Object> properties(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonNode list = node.get("properties");
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw DeliveryException.badRequest("'properties' must be a list");
        }
        for (JsonNode p : list) {
            String name = text(p, "name");
            if (name == null || name.isBlank()) {
                throw DeliveryException.badRequest("Every property needs a 'name'");
            }
            if (NodeTypeNames.isBookkeeping(name)) {
                continue; // bookkeeping is the store's job; a resource's jcr:data (base64) is content
            }
            String type = text(p, "type");
            type = type == null ? "String" : type;
            boolean multiple = p.path("multiple").asBoolean(false);
            JsonNode values = p.get("values");
            if (values == null || !values.isArray()) {
                throw DeliveryException.badRequest("Property '" + name + "' needs a 'values' list");
            }
            List<Object> converted = new ArrayList<>();
            for (JsonNode v : values) {
                if (!v.isValueNode() || v.isNull()) {
                    throw DeliveryException.badRequest("Values of property '" + name + "' must be strings");
                }
                try {
                    converted.add(SystemViewImporter.convert(type, v.asText(), name));
                } catch (ContentException e) {
                    throw DeliveryException.badRequest(e.getMessage());
                }
            }
            if (multiple) {
                out.put(name, converted);
            } else if (converted.size() == 1) {
                out.put(name, converted.get(0));
            } else if (converted.isEmpty()) {
                out.put(name, null);
            } else {
                throw DeliveryException.badRequest("Property '" + name + "' is not multiple but has "
                        + converted.size() + " values");
            }
        }
        return out;
    }

    private static int parseDepth(String raw) {
        if (raw == null || raw.isEmpty()) {
            return 0;
        }
        if (!raw.matches("\\d{1,2}")) {
            throw DeliveryException.badRequest("Parameter 'depth' must be a whole number from 0 to 99");
        }
        return Integer.parseInt(raw);
    }

    private static void write(JsonGenerator g, NodeReads reads, StoredNode node, int depth, boolean metadata)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", node.name());
        g.writeStringField("type", node.primaryType());
        g.writeStringField("path", node.path());
        g.writeStringField("identifier", node.identifier());
        g.writeArrayFieldStart("properties");
        for (StoredProperty p : node.properties()) {
            String name = p.name();
            if (name.startsWith("cms:")) {
                continue;
            }
            if (!metadata && (name.startsWith("jcr:") || name.startsWith("mgnl:"))) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeStringField("type", p.kind().typeName());
            g.writeBooleanField("multiple", p.multiple());
            g.writeArrayFieldStart("values");
            for (String v : p.values()) {
                if (p.kind() == ValueKind.BINARY) {
                    // the size only, never the bytes (as in delivery): see BinaryMarker
                    g.writeStartObject();
                    g.writeObjectFieldStart("@binary");
                    g.writeNumberField("size", Long.parseLong(v));
                    g.writeEndObject();
                    g.writeEndObject();
                } else {
                    g.writeString(v);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        if (depth > 0) {
            g.writeArrayFieldStart("nodes");
            for (StoredNode child : reads.children(node)) {
                write(g, reads, child, depth - 1, metadata);
            }
            g.writeEndArray();
        } else {
            g.writeNullField("nodes");
        }
        g.writeEndObject();
    }
}
