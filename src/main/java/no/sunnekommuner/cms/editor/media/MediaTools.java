package no.sunnekommuner.cms.editor.media;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.content.media.AssetLibrary;
import no.sunnekommuner.cms.content.media.AssetNodes;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.NodeTypeNames;

/**
 * What the media app and the asset fields work with: the media library (every write through the content service
 * and its guard), the editor's pictures, and the signed-in user (read at each call, as the other views do).
 */
public record MediaTools(AssetLibrary library, ContentService content, AssetThumbnails thumbnails,
        Supplier<Actor> actor, DefinitionRegistry definitions) {

    /** How many assets a search walks at most (the library is browsed by folder; search is for finding one). */
    static final int SEARCH_LIMIT = 200;

    /** Folders first, then assets, each by name. */
    List<ContentItem> children(String folder) {
        List<ContentItem> out = new ArrayList<>(content.children(AssetNodes.WORKSPACE, folder));
        out.sort((a, b) -> {
            int kind = Boolean.compare(!isFolder(a), !isFolder(b));
            return kind != 0 ? kind : a.name().compareTo(b.name());
        });
        return out;
    }

    /** Assets anywhere whose node name, file name or title (any language) holds the text. */
    List<ContentItem> search(String text) {
        String needle = text.toLowerCase(Locale.ROOT).strip();
        List<ContentItem> found = new ArrayList<>();
        collect("/", needle, found);
        return found;
    }

    private void collect(String folder, String needle, List<ContentItem> found) {
        for (ContentItem child : content.children(AssetNodes.WORKSPACE, folder)) {
            if (found.size() >= SEARCH_LIMIT) {
                return;
            }
            if (isFolder(child)) {
                collect(child.path(), needle, found);
            } else if (isAsset(child) && matches(child, needle)) {
                found.add(child);
            }
        }
    }

    private boolean matches(ContentItem asset, String needle) {
        if (needle.isEmpty()) {
            return true;
        }
        List<Object> texts = new ArrayList<>();
        texts.add(asset.name());
        asset.node().properties().forEach((k, v) -> {
            if (k.equals(AssetNodes.TITLE) || k.startsWith(AssetNodes.TITLE + "_") || k.equals(AssetNodes.NAME)) {
                texts.add(v);
            }
        });
        var resource = asset.node().children().get(AssetNodes.CONTENT);
        if (resource != null) {
            texts.add(resource.property(AssetNodes.FILE_NAME));
        }
        return texts.stream().filter(t -> !Values.isEmpty(t))
                .anyMatch(t -> Values.asText(t).toLowerCase(Locale.ROOT).contains(needle));
    }

    static boolean isFolder(ContentItem item) {
        return item.node().nodeType().equals(NodeTypeNames.FOLDER);
    }

    static boolean isAsset(ContentItem item) {
        return item.node().nodeType().equals(AssetNodes.ASSET);
    }

    boolean may(Permission permission) {
        return content.access().allows(actor.get(), permission);
    }

    /** The asset's title in a language (the Norwegian one as fallback), or its file's name. */
    String label(ContentItem asset, String language) {
        Object title = asset.node().property(content.locales().storedName(AssetNodes.TITLE, language));
        if (Values.isEmpty(title)) {
            title = asset.node().property(AssetNodes.TITLE);
        }
        if (!Values.isEmpty(title)) {
            return Values.asText(title);
        }
        var resource = asset.node().children().get(AssetNodes.CONTENT);
        Object file = resource == null ? null : resource.property(AssetNodes.FILE_NAME);
        return Values.isEmpty(file) ? asset.name() : Values.asText(file);
    }

    /** Where an asset is used, each as the editor's address of the item and a readable name. */
    ImmutableList<Use> uses(ContentItem asset) {
        ImmutableList.Builder<Use> out = ImmutableList.builder();
        for (String ref : library.whereUsed(asset.id())) {
            int colon = ref.indexOf(':');
            String workspace = ref.substring(0, colon);
            String path = ref.substring(colon + 1);
            String app = definitions.apps().values().stream()
                    .filter(a -> definitions.contentType(a.contentType()).map(t -> t.workspace().equals(workspace))
                            .orElse(false))
                    .map(a -> a.name()).findFirst().orElse(null);
            String title = content.get(workspace, path).map(i -> {
                var type = definitions.contentTypeOfWorkspace(workspace);
                Object t = type.map(ty -> ty.titleProperty()).map(tp -> i.node().property(tp)).orElse(null);
                return Values.isEmpty(t) ? i.name() : Values.asText(t);
            }).orElse(path);
            out.add(new Use(ref, title, app == null ? null : "apps/" + app + "/item?path=" + path));
        }
        return out.build();
    }

    /** One use of an asset: {@code workspace:path}, the item's title, and its address in the editor (or null). */
    record Use(String reference, String title, String editorLink) {
    }
}
