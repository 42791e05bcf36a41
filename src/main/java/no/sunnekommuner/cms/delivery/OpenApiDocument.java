package no.sunnekommuner.cms.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.ReferenceDefinition;
import no.sunnekommuner.cms.definition.SubModelDefinition;

/**
 * An OpenAPI 3.0 description of the public delivery endpoints, generated from the loaded endpoint and content-type
 * definitions (so a new content type documents itself), served at {@code /.rest/openapi.json}.
 */
public final class OpenApiDocument {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DefinitionRegistry definitions;
    private final DeliveryEndpoints endpoints;
    private final String serverUrl;

    public OpenApiDocument(DefinitionRegistry definitions, DeliveryEndpoints endpoints, String serverUrl) {
        this.definitions = definitions;
        this.endpoints = endpoints;
        this.serverUrl = serverUrl;
    }

    public byte[] json() {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode build() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("openapi", "3.0.3");
        ObjectNode info = root.putObject("info");
        info.put("title", "Sunne kommuner delivery API");
        info.put("version", "1.0.0");
        info.put("description", "Published content of the Sunne kommuner network, in Magnolia 6.2's delivery "
                + "format. Norwegian Bokmål (nb) is the default language; lang=en gives English where translated.");
        root.putArray("servers").addObject().put("url", serverUrl);
        ObjectNode paths = root.putObject("paths");
        ObjectNode schemas = MAPPER.createObjectNode();
        schemas.set("Error", errorSchema());
        for (DeliveryEndpoint endpoint : endpoints.publicEndpoints()) {
            String base = DeliveryModule.REST_PREFIX + "/" + endpoint.path();
            String schemaName = schemaName(endpoint);
            Optional<ContentTypeDefinition> type = definitions.contentTypeOfWorkspace(
                    endpoint.definition().workspace());
            schemas.set(schemaName, itemSchema(type.orElse(null), endpoint));
            ObjectNode page = schemas.putObject(schemaName + "Page");
            page.put("type", "object");
            ObjectNode pageProps = page.putObject("properties");
            pageProps.putObject("total").put("type", "integer");
            pageProps.putObject("offset").put("type", "integer");
            pageProps.putObject("limit").put("type", "integer");
            ObjectNode results = pageProps.putObject("results");
            results.put("type", "array");
            results.putObject("items").put("$ref", "#/components/schemas/" + schemaName);

            String summary = definitions.message("en", "restEndpoints." + endpoint.path().replace("/", "_")
                    .replaceFirst("^delivery_", "delivery.") + ".description").orElse("Items of workspace "
                    + endpoint.definition().workspace());
            ObjectNode query = paths.putObject(base).putObject("get");
            query.put("summary", "Query: " + summary);
            query.put("operationId", "query_" + schemaName);
            ArrayNode params = query.putArray("parameters");
            queryParameters(params, endpoint, type.orElse(null));
            responses(query, schemaName + "Page");

            ObjectNode read = paths.putObject(base + "/{path}").putObject("get");
            read.put("summary", "Read one item by its path below the endpoint");
            read.put("operationId", "read_" + schemaName);
            ArrayNode readParams = read.putArray("parameters");
            pathParameter(readParams);
            langParameter(readParams);
            responses(read, schemaName);

            ObjectNode children = paths.putObject(base + "/{path}@nodes").putObject("get");
            children.put("summary", "The items directly below a path (a bare array)");
            children.put("operationId", "children_" + schemaName);
            ArrayNode childParams = children.putArray("parameters");
            pathParameter(childParams);
            langParameter(childParams);
            ObjectNode ok = children.putObject("responses").putObject("200");
            ok.put("description", "The child items");
            ObjectNode arraySchema = ok.putObject("content").putObject("application/json").putObject("schema");
            arraySchema.put("type", "array");
            arraySchema.putObject("items").put("$ref", "#/components/schemas/" + schemaName);
            errorResponses((ObjectNode) children.get("responses"));
        }
        root.putObject("components").set("schemas", schemas);
        return root;
    }

    private static String schemaName(DeliveryEndpoint endpoint) {
        StringBuilder s = new StringBuilder();
        for (String part : endpoint.path().split("[/_-]")) {
            if (!part.isEmpty()) {
                s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return s.toString();
    }

    private void queryParameters(ArrayNode params, DeliveryEndpoint endpoint, ContentTypeDefinition type) {
        langParameter(params);
        integer(params, "limit", "Page size (default " + endpoint.definition().limit() + ", at most "
                + endpoint.definition().maxLimit() + ")");
        integer(params, "offset", "Items to skip");
        string(params, "orderBy", "Comma-separated properties, each optionally followed by asc or desc, "
                + "e.g. " + (type == null || type.properties().isEmpty() ? "@name" : type.properties().get(0).name()) + " desc");
        string(params, "q", "Full-text search (words are AND-ed; \"phrases\"; trailing *)");
        string(params, "properties", "Only these properties (comma-separated)");
        string(params, "excludeProperties", "Leave out these properties (comma-separated)");
        string(params, "@ancestor", "Only items below this absolute path");
        if (type != null) {
            for (PropertyDefinition p : type.properties()) {
                if (p.type().isSimple()) {
                    ObjectNode param = params.addObject();
                    param.put("name", p.name());
                    param.put("in", "query");
                    param.put("description", "Filter: equal to this value. Other operators: " + p.name()
                            + "[ne|gt|gte|lt|lte|in|not-in|like|ilike|null]=value; a|b means either.");
                    param.set("schema", valueSchema(p));
                }
            }
        }
    }

    private static void langParameter(ArrayNode params) {
        ObjectNode lang = params.addObject();
        lang.put("name", "lang");
        lang.put("in", "query");
        lang.put("description", "Language of the response (nb, en) or all for the stored names; default from "
                + "Accept-Language, then nb");
        lang.putObject("schema").put("type", "string");
    }

    private static void pathParameter(ArrayNode params) {
        ObjectNode path = params.addObject();
        path.put("name", "path");
        path.put("in", "path");
        path.put("required", true);
        path.put("description", "Path of the item below the endpoint's root, e.g. 2025/tolv-nye-medlemmer");
        path.putObject("schema").put("type", "string");
    }

    private static void integer(ArrayNode params, String name, String description) {
        ObjectNode p = params.addObject();
        p.put("name", name);
        p.put("in", "query");
        p.put("description", description);
        p.putObject("schema").put("type", "integer").put("minimum", 0);
    }

    private static void string(ArrayNode params, String name, String description) {
        ObjectNode p = params.addObject();
        p.put("name", name);
        p.put("in", "query");
        p.put("description", description);
        p.putObject("schema").put("type", "string");
    }

    private static void responses(ObjectNode operation, String schema) {
        ObjectNode responses = operation.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", "Published content");
        ok.putObject("headers").putObject("ETag").put("description", "Send it back in If-None-Match to get 304")
                .putObject("schema").put("type", "string");
        ok.putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/" + schema);
        responses.putObject("304").put("description", "Not modified since the ETag sent in If-None-Match");
        errorResponses(responses);
    }

    private static void errorResponses(ObjectNode responses) {
        for (String[] r : new String[][] {{"400", "Bad input (unknown operator, bad date, bad limit, invalid lang)"},
                {"404", "No such item, or not published"}}) {
            ObjectNode e = responses.putObject(r[0]);
            e.put("description", r[1]);
            e.putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/Error");
        }
    }

    private static ObjectNode errorSchema() {
        ObjectNode error = MAPPER.createObjectNode();
        error.put("type", "object");
        ObjectNode inner = error.putObject("properties").putObject("error");
        inner.put("type", "object");
        ObjectNode props = inner.putObject("properties");
        props.putObject("code").put("type", "string");
        props.putObject("message").put("type", "string");
        return error;
    }

    private ObjectNode itemSchema(ContentTypeDefinition type, DeliveryEndpoint endpoint) {
        ObjectNode schema = MAPPER.createObjectNode();
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        for (String key : new String[] {"@name", "@path", "@id", "@nodeType"}) {
            props.putObject(key).put("type", "string");
        }
        props.putObject("@nodes").put("type", "array").putObject("items").put("type", "string");
        if (type == null) {
            schema.put("additionalProperties", true);
            return schema;
        }
        for (PropertyDefinition p : type.properties()) {
            ObjectNode property;
            if (p.type().kind() == no.sunnekommuner.cms.definition.PropertyType.Kind.SUB_MODEL) {
                property = subModelSchema(type.subModel(p.type().target()).orElse(null));
            } else if (isResolved(endpoint, p)) {
                ObjectNode resolved = MAPPER.createObjectNode();
                resolved.put("type", "object");
                resolved.put("description", "The referenced item (" + p.type().target() + "), or its id if it is"
                        + " not published");
                resolved.put("additionalProperties", true);
                property = p.multiple() ? array(resolved) : resolved;
            } else {
                property = valueSchema(p);
            }
            definitions.message("en", labelKey(type, p)).ifPresent(label -> property.put("title", label));
            props.set(p.name(), property);
        }
        return schema;
    }

    private String labelKey(ContentTypeDefinition type, PropertyDefinition p) {
        return definitions.apps().values().stream().filter(a -> a.contentType().equals(type.name())).findFirst()
                .map(a -> a.name() + "." + p.name() + ".label").orElse("");
    }

    private static boolean isResolved(DeliveryEndpoint endpoint, PropertyDefinition p) {
        for (ReferenceDefinition r : endpoint.definition().references()) {
            if (r.propertyName().equals(p.name()) && r.expand()) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode subModelSchema(SubModelDefinition sub) {
        ObjectNode schema = MAPPER.createObjectNode();
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        if (sub != null) {
            for (PropertyDefinition p : sub.properties()) {
                props.set(p.name(), valueSchema(p));
            }
        }
        return schema;
    }

    private static ObjectNode valueSchema(PropertyDefinition p) {
        ObjectNode single = MAPPER.createObjectNode();
        switch (p.type().kind()) {
            case LONG -> single.put("type", "integer").put("format", "int64");
            case DOUBLE -> single.put("type", "number").put("format", "double");
            case DECIMAL -> single.put("type", "number");
            case BOOLEAN -> single.put("type", "boolean");
            case DATE -> single.put("type", "string").put("format", "date-time");
            case RICH_TEXT -> single.put("type", "string").put("description", "Sanitized HTML");
            case REFERENCE -> single.put("type", "string").put("description", "Id of a " + p.type().target());
            default -> single.put("type", "string");
        }
        if (p.hasOptions()) {
            ArrayNode values = single.putArray("enum");
            p.options().forEach(o -> values.add(o.value()));
        }
        return p.multiple() ? array(single) : single;
    }

    private static ObjectNode array(ObjectNode items) {
        ObjectNode a = MAPPER.createObjectNode();
        a.put("type", "array");
        a.set("items", items);
        return a;
    }
}
