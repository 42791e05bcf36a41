package no.sunnekommuner.cms.content.media;

import com.google.common.io.ByteSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;
import no.sunnekommuner.cms.content.model.ContentNode;

/**
 * Holds every write to the {@code dam} workspace to the intake rules, whatever path it comes by (the media app,
 * the upload endpoint, an import): a binary of a resource node is checked and cleaned as an upload is, and the
 * stored MIME type, extension, size, width and height are the ones found in the bytes, never the ones given.
 */
public final class AssetGuard implements UnaryOperator<ContentNode> {

    private final AssetIntake intake;

    public AssetGuard(AssetIntake intake) {
        this.intake = intake;
    }

    @Override
    public ContentNode apply(ContentNode node) {
        if (node.nodeType().equals(AssetNodes.RESOURCE)) {
            return resource(node);
        }
        if (node.children().isEmpty()) {
            return node;
        }
        ContentNode.Builder b = node.toBuilder();
        node.children().values().forEach(child -> b.child(apply(child)));
        if (node.nodeType().equals(AssetNodes.ASSET) && node.children().get(AssetNodes.CONTENT) != null) {
            ContentNode resource = b.build().children().get(AssetNodes.CONTENT);
            Object extension = resource.property(AssetNodes.EXTENSION);
            if (extension != null) {
                b.property(AssetNodes.TYPE, extension);
            }
        }
        return b.build();
    }

    private ContentNode resource(ContentNode node) {
        if (!(node.property(AssetNodes.DATA) instanceof ByteSource data)) {
            return node;
        }
        byte[] bytes;
        try {
            long limit = intake.limits().maxBytes();
            bytes = data.slice(0, limit + 1).read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AssetIntake.Accepted accepted = intake.accept(node.text(AssetNodes.FILE_NAME), bytes);
        return accepted.describe(node.toBuilder()).build();
    }
}
