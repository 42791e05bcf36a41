package no.sunnekommuner.cms.content.media;

/**
 * How Magnolia's DAM keeps an asset (FINDINGS-dam §1), which we follow: folders ({@code mgnl:folder}) and
 * {@code mgnl:asset} nodes in workspace {@code dam}, each with a {@code jcr:content} child of type
 * {@code mgnl:resource} holding the binary and its technical metadata. Content refers to an asset by
 * {@code jcr:<identifier>}.
 */
public final class AssetNodes {

    public static final String WORKSPACE = "dam";
    public static final String ASSET = "mgnl:asset";
    public static final String RESOURCE = "mgnl:resource";
    public static final String CONTENT = "jcr:content";
    /** Provider prefix of asset keys, as Magnolia's {@code jcrProvider}. */
    public static final String KEY_PREFIX = "jcr:";

    // on the asset (AssetNodeTypes.Asset)
    public static final String NAME = "name";
    public static final String TYPE = "type";
    public static final String TITLE = "title";
    public static final String CAPTION = "caption";
    public static final String DESCRIPTION = "description";
    public static final String COPYRIGHT = "copyright";
    public static final String SUBJECT = "subject";
    /** Ours: the alternative text (i18n: {@code altText_en}); Magnolia CE's DAM has none. */
    public static final String ALT_TEXT = "altText";
    /** Ours: the focal point as fractions of width and height (0 to 1); crops keep it in view. */
    public static final String FOCAL_X = "focalX";
    public static final String FOCAL_Y = "focalY";

    // on jcr:content (AssetNodeTypes.AssetResource)
    public static final String DATA = "jcr:data";
    public static final String MIME_TYPE = "jcr:mimeType";
    public static final String FILE_NAME = "fileName";
    public static final String EXTENSION = "extension";
    public static final String SIZE = "size";
    public static final String WIDTH = "width";
    public static final String HEIGHT = "height";

    private AssetNodes() {
    }

    /** The assets of a store's {@code dam} workspace (drafts too), as the rich-text sanitizer asks for them. */
    public static no.sunnekommuner.cms.content.RichTextSanitizer.Library library(
            no.sunnekommuner.cms.content.spi.ContentStore store) {
        return ref -> (ref.startsWith("/") ? store.read(WORKSPACE, ref) : store.readById(WORKSPACE, ref))
                .filter(i -> i.node().nodeType().equals(ASSET)).isPresent();
    }

    /** The identifier in an asset key ({@code jcr:<uuid>}), or null when the value is no asset key. */
    public static String identifierOf(String key) {
        if (key == null || !key.startsWith(KEY_PREFIX) || key.length() <= KEY_PREFIX.length()) {
            return null;
        }
        String id = key.substring(KEY_PREFIX.length());
        return id.matches("[0-9a-fA-F-]{36}") ? id : null;
    }
}
