package no.sunnekommuner.cms.repository;

/**
 * Names of the workspaces behind one content workspace. Magnolia keeps drafts on the author instance and the
 * published state on public instances; we keep both in one repository: the draft in the content type's own
 * workspace, the published snapshot in a twin workspace, versions in one shared workspace.
 */
public final class Workspaces {

    public static final String VERSIONS = "cms-versions";
    private static final String PUBLISHED_SUFFIX = "-published";

    private Workspaces() {
    }

    public static String published(String workspace) {
        return workspace + PUBLISHED_SUFFIX;
    }

    public static boolean isPublished(String workspace) {
        return workspace.endsWith(PUBLISHED_SUFFIX);
    }
}
