package no.sunnekommuner.cms.delivery.media;

import java.util.Optional;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.media.AssetNodes;
import no.sunnekommuner.cms.content.model.ContentItem;

/** Finds what the public may see of the media library: published assets only, never a draft. */
final class PublishedAssets {

    private final ContentService content;

    PublishedAssets(ContentService content) {
        this.content = content;
    }

    /** The published asset of an identifier (the draft says where it is; the published copy must have the id). */
    Optional<ServedAsset> byId(String identifier) {
        return itemById(identifier).flatMap(ServedAsset::of);
    }

    /** The published node of an identifier, whatever it is (an asset with or without its file, a folder). */
    Optional<ContentItem> itemById(String identifier) {
        if (identifier == null || !identifier.matches("[0-9a-fA-F-]{36}")) {
            return Optional.empty();
        }
        return content.getById(AssetNodes.WORKSPACE, identifier)
                .flatMap(draft -> content.getPublished(AssetNodes.WORKSPACE, draft.path()))
                .filter(p -> p.id().equals(identifier));
    }

    Optional<ServedAsset> byPath(String path) {
        if (path == null || !path.startsWith("/") || path.contains("//") || path.contains("/../")
                || path.endsWith("/..")) {
            return Optional.empty();
        }
        return content.getPublished(AssetNodes.WORKSPACE, path).flatMap(ServedAsset::of);
    }

    /** An asset by key ({@code jcr:<uuid>}) or published path. */
    Optional<ServedAsset> byKey(String key) {
        String id = AssetNodes.identifierOf(key);
        return id != null ? byId(id) : Optional.empty();
    }

    Optional<ContentItem> draft(String identifier) {
        return content.getById(AssetNodes.WORKSPACE, identifier);
    }
}
