package no.sunnekommuner.cms.security;

import com.google.common.collect.ImmutableSet;
import java.util.Objects;

/** A signed-in person and the roles they hold (a publisher can edit, an admin can do everything). */
public record User(String username, String displayName, ImmutableSet<Role> roles, String uiLanguage) {

    public User {
        Objects.requireNonNull(username, "username");
        roles = roles == null ? ImmutableSet.of() : roles;
        displayName = displayName == null ? username : displayName;
    }

    public boolean canEdit() {
        return !roles.isEmpty();
    }

    public boolean canPublish() {
        return roles.contains(Role.PUBLISHER) || roles.contains(Role.ADMIN);
    }

    public boolean canManageUsers() {
        return roles.contains(Role.ADMIN);
    }
}
