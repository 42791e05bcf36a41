package no.sunnekommuner.cms.definition;

/** Magnolia's JCR node type and namespace names used across the runtime. */
public final class NodeTypeNames {
    public static final String MGNL_PREFIX = "mgnl";
    public static final String MGNL_URI = "http://www.magnolia.info/jcr/mgnl";
    public static final String CONTENT = "mgnl:content";
    public static final String CONTENT_NODE = "mgnl:contentNode";
    public static final String FOLDER = "mgnl:folder";
    /** A binary with its file metadata (Magnolia's DAM), always the child {@link #RESOURCE_CHILD} of its owner. */
    public static final String RESOURCE = "mgnl:resource";
    public static final String RESOURCE_CHILD = "jcr:content";
    /** A resource's binary and MIME type: content in JCR's namespace, not bookkeeping. */
    public static final String RESOURCE_DATA = "jcr:data";
    public static final String RESOURCE_MIME_TYPE = "jcr:mimeType";

    private NodeTypeNames() {
    }

    /**
     * True for the repository's bookkeeping (JCR's, Magnolia's, our {@code cms:} revision and status), which the
     * store assigns and a client or an import file never sets; a resource's binary and MIME type are content.
     */
    public static boolean isBookkeeping(String propertyName) {
        if (propertyName.equals(RESOURCE_DATA) || propertyName.equals(RESOURCE_MIME_TYPE)) {
            return false;
        }
        return propertyName.startsWith("jcr:") || propertyName.startsWith("mgnl:") || propertyName.startsWith("cms:");
    }
}
