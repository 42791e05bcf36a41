package no.sunnekommuner.cms.delivery.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.ContentNotFoundException;
import no.sunnekommuner.cms.content.media.AssetLibrary;
import no.sunnekommuner.cms.content.media.AssetNodes;
import no.sunnekommuner.cms.content.media.MediaRefusedException;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.delivery.DeliveryErrors;
import no.sunnekommuner.cms.delivery.DeliveryException;
import no.sunnekommuner.cms.delivery.RequestUser;
import no.sunnekommuner.cms.security.User;

/**
 * Upload into the media library: {@code POST /.rest/assets/v1/<folder>?fileName=<name>} with the file as the body
 * ({@code Content-Type: application/octet-stream}, an {@code image/*} type or {@code application/pdf}: form
 * encodings are refused, so another site's form cannot post a file with an editor's cookie). Needs an editor
 * (token, Basic or the editor's session). The file is checked by the intake (format from the bytes, limits,
 * metadata stripped) and stored as a draft asset; the answer (201) names the asset key and what was stored.
 * Refusals: 413 too large (also while reading), 415 not an accepted format, 400 too many pixels or damaged,
 * each with Magnolia's error body.
 */
final class AssetUploadServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data",
            "text/plain");

    private final AssetLibrary library;
    private final RequestUser users;
    private final long maxBytes;

    AssetUploadServlet(AssetLibrary library, RequestUser users, long maxBytes) {
        this.library = library;
        this.users = users;
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            User user = users.requireEditor(request);
            String type = request.getContentType() == null ? ""
                    : request.getContentType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (type.isEmpty() || FORM_TYPES.contains(type)) {
                throw new DeliveryException(415, "unsupportedMediaType", "Send the file as the body with"
                        + " Content-Type application/octet-stream (or its image/* or application/pdf type)");
            }
            String fileName = request.getParameter("fileName");
            if (fileName == null || fileName.isBlank()) {
                throw DeliveryException.badRequest("Name the file with the 'fileName' parameter");
            }
            if (request.getContentLengthLong() > maxBytes) {
                throw new DeliveryException(413, "tooLarge", "The file is larger than "
                        + maxBytes / (1024 * 1024) + " MB");
            }
            byte[] bytes = read(request.getInputStream());
            String folder = request.getPathInfo() == null ? "/"
                    : URLDecoder.decode(request.getPathInfo(), StandardCharsets.UTF_8);
            ContentItem asset = library.upload(user.actor(), folder.length() > 1 && folder.endsWith("/")
                    ? folder.substring(0, folder.length() - 1) : folder, fileName, bytes);
            response.setStatus(201);
            response.setHeader("Location", "/.rest/nodes/v1/" + AssetNodes.WORKSPACE + asset.path());
            write(response, describe(asset));
        } catch (DeliveryException e) {
            error(response, e.status(), e.code(), e.getMessage());
        } catch (MediaRefusedException e) {
            int status = switch (e.kind()) {
                case TOO_LARGE -> 413;
                case UNRECOGNISED, NOT_ALLOWED -> 415;
                default -> 400;
            };
            String code = switch (e.kind()) {
                case TOO_LARGE -> "tooLarge";
                case UNRECOGNISED, NOT_ALLOWED -> "unsupportedMediaType";
                case TOO_MANY_PIXELS -> "tooManyPixels";
                case DAMAGED -> "damagedFile";
                case EMPTY -> "emptyFile";
            };
            error(response, status, code, e.getMessage());
        } catch (AccessDeniedException e) {
            error(response, 403, "forbidden", e.getMessage());
        } catch (ContentNotFoundException e) {
            error(response, 404, "pathNotFound", "No folder " + e.getMessage());
        } catch (ContentException e) {
            error(response, 400, "badRequest", e.getMessage());
        }
    }

    private byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > maxBytes) {
                // refused while reading: a chunked body without a length is never buffered beyond the limit
                throw new DeliveryException(413, "tooLarge", "The file is larger than "
                        + maxBytes / (1024 * 1024) + " MB");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static Map<String, Object> describe(ContentItem asset) {
        ContentNode resource = asset.node().children().get(AssetNodes.CONTENT);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@name", asset.name());
        out.put("@path", asset.path());
        out.put("@id", AssetNodes.KEY_PREFIX + asset.id());
        out.put("fileName", resource.text(AssetNodes.FILE_NAME));
        out.put("mimeType", resource.text(AssetNodes.MIME_TYPE));
        out.put("fileSize", resource.property(AssetNodes.SIZE));
        // documents have no stored pixel size: 0, as delivery's metadata says
        out.put("width", java.util.Objects.requireNonNullElse(resource.property(AssetNodes.WIDTH), 0L));
        out.put("height", java.util.Objects.requireNonNullElse(resource.property(AssetNodes.HEIGHT), 0L));
        return out;
    }

    private static void write(HttpServletResponse response, Object body) throws IOException {
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        JSON.writeValue(response.getOutputStream(), body);
    }

    private static void error(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "FormBased");
        }
        response.getOutputStream().write(DeliveryErrors.body(code, message));
    }
}
