package no.sunnekommuner.cms.security;

import com.google.common.collect.ImmutableSet;
import java.util.Objects;
import no.sunnekommuner.cms.content.AccessPolicy;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.Permission;

/**
 * A signed-in person and the roles they hold (a publisher can edit, an admin can do everything).
 *
 * @param address the client address of the request this user made (for the audit log), or null
 */
public record User(String username, String displayName, ImmutableSet<Role> roles, String uiLanguage,
        String address) {

    public User(String username, String displayName, ImmutableSet<Role> roles, String uiLanguage) {
        this(username, displayName, roles, uiLanguage, null);
    }

    public User {
        Objects.requireNonNull(username, "username");
        roles = roles == null ? ImmutableSet.of() : roles;
        displayName = displayName == null ? username : displayName;
    }

    /** This user as the content service's access policy sees them: the username and the role names. */
    public Actor actor() {
        return Actor.of(username, roles.stream().map(Role::id).toList()).from(address);
    }

    /** This user acting from a client address. */
    public User at(String clientAddress) {
        return new User(username, displayName, roles, uiLanguage, clientAddress);
    }

    // the answers of the content service's access policy, the one place that decides

    public boolean canEdit() {
        return AccessPolicy.rolesAllow(actor(), Permission.EDIT);
    }

    public boolean canPublish() {
        return AccessPolicy.rolesAllow(actor(), Permission.PUBLISH);
    }

    public boolean canManageUsers() {
        return AccessPolicy.rolesAllow(actor(), Permission.MANAGE_USERS);
    }
}
