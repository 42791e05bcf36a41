package no.sunnekommuner.cms.content;

/** An update was based on an outdated revision: someone else saved in between. Nothing was written. */
public class ContentConflictException extends ContentException {
    private final String path;
    private final long expectedRevision;
    private final long actualRevision;

    public ContentConflictException(String path, long expectedRevision, long actualRevision) {
        super("Conflict: " + path + " was changed by someone else (your revision " + expectedRevision
                + ", stored revision " + actualRevision + "). Reload and apply your changes again.");
        this.path = path;
        this.expectedRevision = expectedRevision;
        this.actualRevision = actualRevision;
    }

    public String path() {
        return path;
    }

    public long expectedRevision() {
        return expectedRevision;
    }

    public long actualRevision() {
        return actualRevision;
    }
}
