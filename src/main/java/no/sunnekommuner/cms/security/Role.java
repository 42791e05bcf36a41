package no.sunnekommuner.cms.security;

/**
 * Editor roles: an {@code editor} creates and edits, a {@code publisher} also publishes, unpublishes and deletes,
 * an {@code admin} also manages users.
 */
public enum Role {
    EDITOR, PUBLISHER, ADMIN;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
