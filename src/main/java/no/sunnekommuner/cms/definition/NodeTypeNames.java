package no.sunnekommuner.cms.definition;

/** Magnolia's JCR node type and namespace names used across the runtime. */
public final class NodeTypeNames {
    public static final String MGNL_PREFIX = "mgnl";
    public static final String MGNL_URI = "http://www.magnolia.info/jcr/mgnl";
    public static final String CONTENT = "mgnl:content";
    public static final String CONTENT_NODE = "mgnl:contentNode";
    public static final String FOLDER = "mgnl:folder";

    private NodeTypeNames() {
    }
}
