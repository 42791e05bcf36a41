package no.sunnekommuner.cms.delivery.media;

import com.google.common.hash.Hashing;
import com.google.common.io.ByteSource;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;
import no.sunnekommuner.cms.content.media.AssetNodes;
import no.sunnekommuner.cms.content.media.MediaFormat;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.Values;

/**
 * A published asset as the binary links serve it. The format is judged from the stored bytes again (the stored
 * MIME type is never believed), so nothing is ever served with a type a browser would run.
 *
 * @param version a short hash of the asset's identifier and published revision: the ETag, and the {@code v}
 *                parameter of links that may be cached for a year (it changes whenever the asset is republished)
 */
record ServedAsset(ContentItem item, ContentNode resource, ByteSource data, MediaFormat format, String fileName,
        long size, int width, int height, OffsetDateTime lastModified, String version, double focalX,
        double focalY) {

    static Optional<ServedAsset> of(ContentItem item) {
        if (!item.node().nodeType().equals(AssetNodes.ASSET)) {
            return Optional.empty();
        }
        ContentNode resource = item.node().children().get(AssetNodes.CONTENT);
        if (resource == null || !(resource.property(AssetNodes.DATA) instanceof ByteSource data)) {
            return Optional.empty();
        }
        byte[] head;
        long size;
        try {
            head = data.slice(0, 64).read();
            size = data.size();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        Optional<MediaFormat> format = MediaFormat.detect(head);
        if (format.isEmpty()) {
            return Optional.empty();
        }
        String fileName = resource.text(AssetNodes.FILE_NAME) == null ? item.name() + "." + format.get().extension()
                : resource.text(AssetNodes.FILE_NAME);
        String version = Hashing.sha256().hashString(item.id() + ":" + item.revision() + ":" + size,
                StandardCharsets.UTF_8).toString().substring(0, 16);
        return Optional.of(new ServedAsset(item, resource, data, format.get(), fileName, size,
                (int) number(resource, AssetNodes.WIDTH, 0), (int) number(resource, AssetNodes.HEIGHT, 0),
                item.lastModified() == null ? item.created() : item.lastModified(), version,
                fraction(item.node(), AssetNodes.FOCAL_X), fraction(item.node(), AssetNodes.FOCAL_Y)));
    }

    private static double number(ContentNode node, String name, double fallback) {
        Object v = node.property(name);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }

    private static double fraction(ContentNode node, String name) {
        double v = number(node, name, 0.5);
        return v >= 0 && v <= 1 ? v : 0.5;
    }

    /** The asset path, for links. */
    String path() {
        return item.path();
    }

    String id() {
        return item.id();
    }

    static String text(Object value) {
        return Values.asText(value);
    }
}
