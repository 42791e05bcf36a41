package no.sunnekommuner.cms.security;

import java.io.Serializable;
import java.util.Objects;

/**
 * What the HTTP session remembers of a signed-in editor: the username and a stamp of the password hash at sign-in,
 * never the roles. Every request (editor navigation, preview, nodes API) resolves it through
 * {@link UserDirectory#resolve(SessionUser)}, so a deleted or demoted account loses its rights at once, and a new
 * password (or a deleted and re-created account of the same name) ends the sessions opened before.
 */
public record SessionUser(String username, String credentialStamp) implements Serializable {

    /** HTTP session attribute holding the {@link SessionUser}, shared by the editor UI and the REST endpoints. */
    public static final String ATTRIBUTE = "no.sunnekommuner.cms.user";

    public SessionUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(credentialStamp, "credentialStamp");
    }
}
