package no.sunnekommuner.cms.delivery.media;

import com.google.common.io.Files;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import no.sunnekommuner.cms.definition.ImagingVariation;
import no.sunnekommuner.cms.definition.ThemeDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Magnolia's rendition links (FINDINGS-dam §7): {@code /.imaging/mte/<theme>/<variation>/dam/<asset path>/jcr:content/<file>}
 * for a variation of a theme, and {@code /.imaging/default/dam/<asset path>/jcr:content[.<ext>]} for the full image.
 * An unknown variation is the full image (as Magnolia's); an unknown theme or generator, an unknown, unpublished or
 * non-image asset is a 404. Renditions come from the {@link RenditionCache} asynchronously: no request thread waits
 * for an image to be decoded.
 */
final class ImagingServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(ImagingServlet.class);
    private static final String CONTENT = "/jcr:content";

    private final PublishedAssets assets;
    private final MediaDelivery settings;
    private final RenditionCache cache;

    ImagingServlet(PublishedAssets assets, MediaDelivery settings, RenditionCache cache) {
        this.assets = assets;
        this.settings = settings;
        this.cache = cache;
    }

    private record Target(String assetPath, ImagingVariation variation) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Target> target = parse(request.getPathInfo());
        Optional<ServedAsset> asset = target.flatMap(t -> assets.byPath(t.assetPath()))
                .filter(a -> a.format().image());
        if (asset.isEmpty()) {
            response.sendError(404);
            return;
        }
        ServedAsset a = asset.get();
        String cacheControl = a.version().equals(request.getParameter("v")) ? MediaDelivery.IMMUTABLE
                : settings.cacheControl();
        ImagingVariation variation = target.get().variation();
        if (variation == null || !variation.resizes()) {
            // the full image: the stored file is already clean (metadata stripped, orientation applied)
            BinaryResponses.write(request, response, new BinaryResponses.Body(a.data(), a.size(),
                    a.format().mimeType(), a.version(), a.lastModified(), cacheControl, null));
            return;
        }
        Optional<RenditionCache.Cached> ready = cache.cached(a, variation);
        if (ready.isPresent()) {
            write(request, response, a, variation, ready.get(), cacheControl);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(120_000);
        cache.get(a, variation).whenComplete((cached, failure) -> async.start(() -> {
            HttpServletResponse out = (HttpServletResponse) async.getResponse();
            HttpServletRequest in = (HttpServletRequest) async.getRequest();
            try {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof RejectedExecutionException) {
                        out.setHeader("Retry-After", "2");
                        out.sendError(503);
                    } else {
                        LOG.warn("Rendition {} of {} failed: {}", variation.name(), a.path(), cause.toString());
                        out.sendError(404);
                    }
                    return;
                }
                write(in, out, a, variation, cached, cacheControl);
            } catch (IOException | RuntimeException e) {
                LOG.debug("Writing a rendition failed: {}", e.toString());
            } finally {
                async.complete();
            }
        }));
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, ServedAsset a,
            ImagingVariation variation, RenditionCache.Cached cached, String cacheControl) throws IOException {
        java.io.File file = cached.file().toFile();
        BinaryResponses.write(request, response, new BinaryResponses.Body(Files.asByteSource(file), file.length(),
                cached.format().mimeType(), a.version() + "-" + Integer.toHexString(variation.hashCode()),
                a.lastModified(), cacheControl, null));
    }

    private Optional<Target> parse(String pathInfo) {
        if (pathInfo == null) {
            return Optional.empty();
        }
        String path = URLDecoder.decode(pathInfo, StandardCharsets.UTF_8);
        int content = path.lastIndexOf(CONTENT);
        if (content < 0) {
            return Optional.empty();
        }
        String head = path.substring(0, content);
        if (head.startsWith("/default/dam/")) {
            return Optional.of(new Target(head.substring("/default/dam".length()), null));
        }
        if (!head.startsWith("/mte/")) {
            return Optional.empty();
        }
        String[] parts = head.substring("/mte/".length()).split("/", 3);
        if (parts.length < 3 || !parts[2].startsWith("dam/")) {
            return Optional.empty();
        }
        ThemeDefinition theme = settings.themes().get(parts[0]);
        if (theme == null) {
            return Optional.empty();
        }
        return Optional.of(new Target(parts[2].substring(3), theme.variation(parts[1]).orElse(null)));
    }
}
