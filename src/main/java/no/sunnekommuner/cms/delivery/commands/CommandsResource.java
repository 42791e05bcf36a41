package no.sunnekommuner.cms.delivery.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.delivery.DeliveryException;
import no.sunnekommuner.cms.delivery.RequestUser;
import no.sunnekommuner.cms.security.User;

/**
 * Magnolia's commands endpoint of {@code rest-services} ({@code POST /.rest/commands/v2/[catalog/]command}) for
 * publishing: {@code activate}/{@code publish} and {@code deactivate}/{@code unpublish} of a workspace path, with
 * Magnolia's JSON body {@code {"repository", "path", "recursive", "comment"}}. Callers sign in with HTTP Basic or
 * an API token; the content service's access policy decides (a user without the publisher role gets 403). Other
 * commands of Magnolia's catalogs are not served (404), as if not enabled in {@code enabledCommands}.
 */
@Path("commands/v2")
public final class CommandsResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json;charset=UTF-8";
    private static final int MAX_BODY = 16 * 1024;
    /** Magnolia's catalogs that hold the publishing commands; a workspace name also works as in its examples. */
    private static final Set<String> CATALOGS = Set.of("default", "versioned");

    private final ContentService content;
    private final RequestUser users;
    private final Predicate<String> contentWorkspace;

    public CommandsResource(ContentService content, RequestUser users, Predicate<String> contentWorkspace) {
        this.content = content;
        this.users = users;
        this.contentWorkspace = contentWorkspace;
    }

    @POST
    @Path("{command}")
    @Consumes("*/*")
    @Produces(JSON_TYPE)
    public Response run(@PathParam("command") String command, InputStream body,
            @Context HttpServletRequest request) {
        return run("default", command, body, request);
    }

    @POST
    @Path("{catalog}/{command}")
    @Consumes("*/*")
    @Produces(JSON_TYPE)
    public Response run(@PathParam("catalog") String catalog, @PathParam("command") String command,
            InputStream body, @Context HttpServletRequest request) {
        // who first: an anonymous caller learns nothing about catalogs, commands or paths
        User user = users.of(request).orElseThrow(() -> new DeliveryException(401, "unauthorized",
                "Sign in with a publisher account (HTTP Basic or an API token) to run commands"));
        if (!CATALOGS.contains(catalog) && !contentWorkspace.test(catalog)) {
            throw DeliveryException.notFound("Unknown command catalog '" + printable(catalog) + "'");
        }
        Kind kind = Kind.of(command);
        if (kind == null) {
            throw DeliveryException.notFound("Command '" + printable(command) + "' is not enabled; enabled: "
                    + "activate, publish, deactivate, unpublish");
        }
        String type = request.getContentType() == null ? "" : request.getContentType().split(";", 2)[0].trim()
                .toLowerCase(Locale.ROOT);
        if (!type.equals("application/json")) {
            // not form or text bodies: those cross sites without a preflight (see the nodes API)
            throw new DeliveryException(415, "unsupportedMediaType",
                    "The request body must be JSON with Content-Type application/json");
        }
        Body parsed = Body.parse(read(body));
        if (!contentWorkspace.test(parsed.repository())) {
            throw DeliveryException.notFound("Unknown repository '" + printable(parsed.repository()) + "'");
        }
        Actor actor = user.actor();
        List<ContentItem> done = switch (kind) {
            case PUBLISH -> parsed.recursive()
                    ? content.publishRecursive(parsed.repository(), parsed.path(), actor)
                    : List.of(content.publish(parsed.repository(), parsed.path(), actor));
            // Magnolia's deactivate takes the node off the public instance with everything below it
            case UNPUBLISH -> List.of(content.unpublish(parsed.repository(), parsed.path(), actor));
        };
        ObjectNode answer = JSON.createObjectNode();
        answer.put("success", true);
        answer.put("command", command);
        answer.put("repository", parsed.repository());
        answer.put("path", parsed.path());
        var list = answer.putArray(kind == Kind.PUBLISH ? "published" : "unpublished");
        done.forEach(i -> list.add(i.path()));
        try {
            return Response.ok(JSON.writeValueAsBytes(answer), JSON_TYPE).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private enum Kind {
        PUBLISH, UNPUBLISH;

        static Kind of(String command) {
            return switch (command) {
                case "activate", "publish" -> PUBLISH;
                case "deactivate", "unpublish" -> UNPUBLISH;
                default -> null;
            };
        }
    }

    private record Body(String repository, String path, boolean recursive) {

        static Body parse(byte[] bytes) {
            JsonNode node;
            try {
                node = JSON.readTree(bytes);
            } catch (IOException e) {
                throw DeliveryException.badRequest("The request body is not valid JSON");
            }
            if (node == null || !node.isObject()) {
                throw DeliveryException.badRequest("The request body must be a JSON object: "
                        + "{\"repository\": \"news\", \"path\": \"/2025/article\", \"recursive\": false}");
            }
            String repository = text(node, "repository");
            String path = text(node, "path");
            if (repository == null || path == null || !path.startsWith("/")) {
                throw DeliveryException.badRequest("'repository' and an absolute 'path' are required");
            }
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (path.contains("//") || path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
                throw DeliveryException.badRequest("'path' must be a plain JCR path");
            }
            JsonNode recursive = node.get("recursive");
            if (recursive != null && !recursive.isBoolean() && !recursive.isTextual()) {
                throw DeliveryException.badRequest("'recursive' must be true or false");
            }
            if (node.hasNonNull("publicationDate")) {
                throw DeliveryException.badRequest("'publicationDate' (a scheduled publish) is not supported by this "
                        + "endpoint; publish now or schedule in the editor");
            }
            return new Body(repository, path, recursive != null && recursive.asBoolean(false));
        }

        private static String text(JsonNode node, String field) {
            JsonNode v = node.get(field);
            return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText().trim();
        }
    }

    private static byte[] read(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new DeliveryException(413, "payloadTooLarge", "A command body is at most 16 KB");
            }
            if (bytes.length == 0) {
                throw DeliveryException.badRequest("The request body must be a JSON object: "
                        + "{\"repository\": \"news\", \"path\": \"/2025/article\", \"recursive\": false}");
            }
            return bytes;
        } catch (IOException e) {
            throw DeliveryException.badRequest("The request body could not be read");
        }
    }

    private static String printable(String s) {
        String c = s.replaceAll("[^A-Za-z0-9._-]", "?");
        return c.length() > 60 ? c.substring(0, 60) + "…" : c;
    }
}
