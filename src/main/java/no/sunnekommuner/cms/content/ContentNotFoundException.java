package no.sunnekommuner.cms.content;

/** No node at that path (or with that identifier) in the workspace. */
public class ContentNotFoundException extends ContentException {
    private final String workspace;
    private final String path;

    public ContentNotFoundException(String workspace, String path) {
        super("No content at " + path + " in workspace " + workspace);
        this.workspace = workspace;
        this.path = path;
    }

    public String workspace() {
        return workspace;
    }

    public String path() {
        return path;
    }
}
