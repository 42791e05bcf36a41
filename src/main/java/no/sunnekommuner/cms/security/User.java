package no.sunnekommuner.cms.security;

import com.google.common.collect.ImmutableSet;
import java.util.Objects;
import no.sunnekommuner.cms.content.AccessPolicy;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.Permission;

/** A signed-in person and the roles they hold (a publisher can edit, an admin can do everything). */
public record User(String username, String displayName, ImmutableSet<Role> roles, String uiLanguage) {

    public User {
        Objects.requireNonNull(username, "username");
        roles = roles == null ? ImmutableSet.of() : roles;
        displayName = displayName == null ? username : displayName;
    }

    /** This user as the content service's access policy sees them: the username and the role names. */
    public Actor actor() {
        return Actor.of(username, roles.stream().map(Role::id).toList());
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
