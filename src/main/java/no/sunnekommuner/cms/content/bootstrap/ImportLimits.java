package no.sunnekommuner.cms.content.bootstrap;

/**
 * Bounds of one system-view import, so that a hostile or broken file is refused early instead of exhausting the
 * stack, the memory or other writers' patience (settings {@code import.*}).
 *
 * @param maxDepth     levels of {@code sv:node} nesting (the file's root node is level 1)
 * @param maxNodes     {@code sv:node} elements in one file
 * @param maxBodyBytes size of the request body of the import route
 * @param batchNodes   nodes written per save; the workspace's write lock is held for one batch at a time
 */
public record ImportLimits(int maxDepth, int maxNodes, long maxBodyBytes, int batchNodes) {

    /** Room for Magnolia's bootstrap files (pages with areas and components, whole configuration trees). */
    public static final ImportLimits DEFAULTS = new ImportLimits(64, 10_000, 50L * 1024 * 1024, 50);

    public ImportLimits {
        if (maxDepth < 1 || maxNodes < 1 || maxBodyBytes < 1 || batchNodes < 1) {
            throw new IllegalArgumentException("import limits must be positive: " + maxDepth + ", " + maxNodes
                    + ", " + maxBodyBytes + ", " + batchNodes);
        }
    }
}
