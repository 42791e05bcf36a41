package no.sunnekommuner.cms.content;

/** A node with that name already exists under the parent. */
public class ContentExistsException extends ContentException {
    public ContentExistsException(String workspace, String path) {
        super("The path already exists: " + path + " in workspace " + workspace);
    }
}
