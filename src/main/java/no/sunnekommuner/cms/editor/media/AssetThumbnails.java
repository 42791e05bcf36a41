package no.sunnekommuner.cms.editor.media;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.io.ByteSource;
import com.vaadin.flow.server.StreamResource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import no.sunnekommuner.cms.content.media.AssetNodes;
import no.sunnekommuner.cms.content.media.MediaFormat;
import no.sunnekommuner.cms.content.media.RenditionGenerator;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.definition.ImagingVariation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small pictures of assets for the editor, drafts included. They are served as Vaadin stream resources, which
 * belong to the signed-in editor's session: a draft's picture is never reachable by address from outside it (the
 * public {@code /.imaging/} links serve published assets only). Kept in memory by asset identifier and revision,
 * so a changed file or focal point gives a new picture.
 */
public final class AssetThumbnails {

    private static final Logger LOG = LoggerFactory.getLogger(AssetThumbnails.class);
    /** The grid's tiles: square, cropped around the focal point, as the theme's thumbnail. */
    static final ImagingVariation TILE = new ImagingVariation("editor-tile", 240, 240, true, "", 0.85);
    /** The focal point editor: the whole picture, fitted in this box. */
    static final ImagingVariation PREVIEW = new ImagingVariation("editor-preview", 640, 480, false, "", 0.9);

    private final RenditionGenerator generator = new RenditionGenerator();
    private final Cache<String, RenditionGenerator.Rendition> cache;

    public AssetThumbnails(long maxEntries) {
        this.cache = CacheBuilder.newBuilder().maximumSize(maxEntries).build();
    }

    /** The picture of an asset in a variation, or empty when it is no image (a PDF) or cannot be read. */
    Optional<StreamResource> resource(ContentItem asset, ImagingVariation variation) {
        ContentNode resource = asset.node().children().get(AssetNodes.CONTENT);
        if (resource == null || !(resource.property(AssetNodes.DATA) instanceof ByteSource data)) {
            return Optional.empty();
        }
        Optional<MediaFormat> format = MediaFormat.ofMimeType(resource.text(AssetNodes.MIME_TYPE))
                .filter(MediaFormat::image);
        if (format.isEmpty()) {
            return Optional.empty();
        }
        double x = fraction(asset.node().property(AssetNodes.FOCAL_X));
        double y = fraction(asset.node().property(AssetNodes.FOCAL_Y));
        String key = asset.id() + "@" + asset.revision() + "/" + variation.name();
        String name = asset.name() + "-" + variation.name() + "-" + asset.revision()
                + (RenditionGenerator.outputFormat(format.get(), variation) == MediaFormat.JPEG ? ".jpg" : ".png");
        StreamResource stream = new StreamResource(name, () -> picture(key, data, format.get(), variation, x, y));
        stream.setCacheTime(0);
        return Optional.of(stream);
    }

    private InputStream picture(String key, ByteSource data, MediaFormat format, ImagingVariation variation,
            double x, double y) {
        try {
            RenditionGenerator.Rendition r = cache.get(key, () -> {
                try (InputStream in = data.openBufferedStream()) {
                    return generator.render(in, format, variation, x, y);
                }
            });
            return new ByteArrayInputStream(r.bytes());
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("No picture of {}: {}", key, e.toString());
            return new ByteArrayInputStream(new byte[0]);
        }
    }

    private static double fraction(Object value) {
        return value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1 ? n.doubleValue() : 0.5;
    }

    static boolean isImage(ContentItem asset) {
        ContentNode resource = asset.node().children().get(AssetNodes.CONTENT);
        return resource != null && MediaFormat.ofMimeType(resource.text(AssetNodes.MIME_TYPE))
                .filter(MediaFormat::image).isPresent();
    }

}
