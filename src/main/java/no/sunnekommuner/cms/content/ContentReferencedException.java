package no.sunnekommuner.cms.content;

import com.google.common.collect.ImmutableList;

/** Deleting was refused because other content still references the item. */
public class ContentReferencedException extends ContentException {
    private final ImmutableList<String> referrers;

    public ContentReferencedException(String path, ImmutableList<String> referrers) {
        super(path + " is still referenced by " + String.join(", ", referrers)
                + "; remove those references first.");
        this.referrers = referrers;
    }

    /** The referring items as {@code workspace:path}. */
    public ImmutableList<String> referrers() {
        return referrers;
    }
}
