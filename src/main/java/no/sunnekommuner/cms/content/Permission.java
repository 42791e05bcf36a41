package no.sunnekommuner.cms.content;

/** What an {@link Actor} may be allowed to do with content or accounts; {@link AccessPolicy} decides. */
public enum Permission {
    /** Create items and folders (also duplicate and import). */
    CREATE,
    /** Change, move or restore a version of an existing item: the draft only. */
    EDIT,
    /** Ask a publisher to review and publish a draft (with a comment). */
    SUBMIT,
    /** Approve (publish now or at a time) or reject an item in review. */
    REVIEW,
    /** Plan a publish or unpublish at a time, or cancel one. */
    SCHEDULE,
    /** Make the draft visible to the public. */
    PUBLISH,
    /** Withdraw an item from the public. */
    UNPUBLISH,
    /** Remove an item, draft and published. */
    DELETE,
    /** Create, change and remove accounts and API tokens. */
    MANAGE_USERS
}
