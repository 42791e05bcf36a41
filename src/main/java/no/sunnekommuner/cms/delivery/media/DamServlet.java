package no.sunnekommuner.cms.delivery.media;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Magnolia's download links ({@code /dam/*}, FINDINGS-dam §5): {@code /dam/jcr:<uuid>/<anything>} by asset key,
 * otherwise by path with an optional provider segment ({@code jcr}) and an optional extension. Only published
 * assets are served, to everyone; a draft, a folder or an unknown asset is a 404. Differences from Magnolia
 * (listed in the conformance test): ETag and real cache headers, images inline rather than as attachments,
 * anonymous access to published binaries, {@code Content-Length} from the bytes rather than the stored size.
 */
final class DamServlet extends HttpServlet {

    private final PublishedAssets assets;
    private final String cacheControl;

    DamServlet(PublishedAssets assets, String cacheControl) {
        this.assets = assets;
        this.cacheControl = cacheControl;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<ServedAsset> asset = find(request.getPathInfo());
        if (asset.isEmpty()) {
            response.sendError(404);
            return;
        }
        ServedAsset a = asset.get();
        BinaryResponses.write(request, response, new BinaryResponses.Body(a.data(), a.size(), a.format().mimeType(),
                a.version(), a.lastModified(), a.version().equals(request.getParameter("v"))
                        ? MediaDelivery.IMMUTABLE : cacheControl,
                BinaryResponses.disposition(a.format().image(), a.fileName())));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "GET, HEAD");
        response.sendError(405);
    }

    private Optional<ServedAsset> find(String pathInfo) {
        if (pathInfo == null || pathInfo.length() < 2) {
            return Optional.empty();
        }
        String[] segments = pathInfo.substring(1).split("/", -1);
        String first = URLDecoder.decode(segments[0], StandardCharsets.UTF_8);
        if (first.startsWith("jcr:")) {
            // the rest of the URL is ignored, as Magnolia does (any file name reaches the asset)
            return assets.byKey(first);
        }
        String path = URLDecoder.decode(pathInfo, StandardCharsets.UTF_8);
        if (path.startsWith("/jcr/")) {
            path = path.substring(4);
        }
        Optional<ServedAsset> exact = assets.byPath(path);
        if (exact.isPresent()) {
            return exact;
        }
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') ? assets.byPath(path.substring(0, dot)) : Optional.empty();
    }
}
