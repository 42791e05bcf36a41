package no.sunnekommuner.cms.content;

/** What an {@link Actor} may be allowed to do with content or accounts; {@link AccessPolicy} decides. */
public enum Permission {
    /** Create items and folders (also duplicate and import). */
    CREATE,
    /** Change, move or restore a version of an existing item: the draft only. */
    EDIT,
    /** Make the draft visible to the public. */
    PUBLISH,
    /** Withdraw an item from the public. */
    UNPUBLISH,
    /** Remove an item, draft and published. */
    DELETE,
    /** Create, change and remove accounts and API tokens. */
    MANAGE_USERS
}
