package no.sunnekommuner.cms.content.media;

import java.util.Map;
import java.util.Optional;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.ContentNotFoundException;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.validation.ContentValidator;
import no.sunnekommuner.cms.definition.NodeTypeNames;

/**
 * The media library's operations: upload into a folder, replace an asset's file, create folders. Everything is
 * written through the content service (the acting user's rights, drafts and publication as for any content);
 * the service's guard for the {@code dam} workspace ({@link AssetGuard}) checks and cleans every binary.
 */
public final class AssetLibrary {

    private final ContentService content;
    private final AssetIntake intake;

    public AssetLibrary(ContentService content, AssetIntake intake) {
        this.content = content;
        this.intake = intake;
    }

    public IntakeLimits limits() {
        return intake.limits();
    }

    /**
     * Stores an upload as a new draft asset in a folder (the root is {@code /}); its node name comes from the
     * file name, with {@code -2}, {@code -3}, ... when taken.
     *
     * @throws MediaRefusedException when the file is refused (nothing is written)
     */
    public ContentItem upload(Actor actor, String folderPath, String uploadedName, byte[] bytes) {
        AssetIntake.Accepted accepted = intake.accept(uploadedName, bytes);
        String folder = folderPath == null || folderPath.isBlank() ? "/" : folderPath;
        if (!folder.equals("/")) {
            ContentItem parent = content.get(AssetNodes.WORKSPACE, folder)
                    .orElseThrow(() -> new ContentNotFoundException(AssetNodes.WORKSPACE, folder));
            if (!parent.node().nodeType().equals(NodeTypeNames.FOLDER)) {
                throw new ContentException("Files are uploaded into folders; " + folder + " is no folder");
            }
        }
        ContentNode asset = ContentNode.builder(freeName(folder, accepted.nodeName()), AssetNodes.ASSET)
                .property(AssetNodes.NAME, accepted.nodeName())
                .property(AssetNodes.TYPE, accepted.format().extension())
                .child(resource(accepted))
                .build();
        return content.create(AssetNodes.WORKSPACE, folder, asset, actor);
    }

    /** Replaces the file of an asset, keeping its identifier (references stay), metadata and focal point. */
    public ContentItem replaceFile(Actor actor, String assetPath, String uploadedName, byte[] bytes, long baseRevision) {
        AssetIntake.Accepted accepted = intake.accept(uploadedName, bytes);
        ContentItem current = content.get(AssetNodes.WORKSPACE, assetPath)
                .filter(i -> i.node().nodeType().equals(AssetNodes.ASSET))
                .orElseThrow(() -> new ContentNotFoundException(AssetNodes.WORKSPACE, assetPath));
        ContentNode state = current.node().toBuilder()
                .property(AssetNodes.TYPE, accepted.format().extension())
                .child(resource(accepted))
                .build();
        return content.update(AssetNodes.WORKSPACE, assetPath, state, baseRevision, actor);
    }

    /** Sets metadata of an asset (title, caption, alt texts, focal point, ...); null removes a value. */
    public ContentItem describe(Actor actor, String assetPath, Map<String, Object> metadata, long baseRevision) {
        for (String name : metadata.keySet()) {
            if (name.startsWith("jcr:") || name.startsWith("mgnl:") || name.equals(AssetNodes.TYPE)) {
                throw new ContentException("'" + name + "' is not metadata an editor sets");
            }
        }
        Object x = metadata.get(AssetNodes.FOCAL_X);
        Object y = metadata.get(AssetNodes.FOCAL_Y);
        for (Object v : new Object[] {x, y}) {
            if (v != null && !(v instanceof Double d && d >= 0 && d <= 1)) {
                throw new ContentException("A focal point is given as two fractions from 0 to 1");
            }
        }
        return content.patch(AssetNodes.WORKSPACE, assetPath, metadata, baseRevision, actor);
    }

    public ContentItem createFolder(Actor actor, String parentPath, String name) {
        if (!ContentValidator.isValidNodeName(name)) {
            throw new ContentException("A folder name has letters, digits, '-' and '_' only: " + name);
        }
        return content.create(AssetNodes.WORKSPACE, parentPath, ContentNode.builder(name, NodeTypeNames.FOLDER)
                .build(), actor);
    }

    /** Where an asset is used ({@code workspace:path} of drafts and published items); delete is refused then. */
    public com.google.common.collect.ImmutableList<String> whereUsed(String identifier) {
        return content.referrersOfAsset(identifier);
    }

    /** The draft asset of an identifier. */
    public Optional<ContentItem> byId(String identifier) {
        return content.getById(AssetNodes.WORKSPACE, identifier)
                .filter(i -> i.node().nodeType().equals(AssetNodes.ASSET));
    }

    private static ContentNode resource(AssetIntake.Accepted accepted) {
        return accepted.describe(ContentNode.builder(AssetNodes.CONTENT, AssetNodes.RESOURCE)).build();
    }

    private String freeName(String folder, String base) {
        String name = base;
        for (int n = 2; content.get(AssetNodes.WORKSPACE, child(folder, name)).isPresent(); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private static String child(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }
}
