package no.sunnekommuner.cms.content.spi;

import com.google.common.collect.ImmutableList;
import java.util.Objects;

/**
 * An editor account as a {@link UserStore} keeps it: plain values, no rules (the security layer checks usernames,
 * passwords and roles). {@code roles} are role ids as stored; a role the reader does not know grants nothing.
 */
public record StoredUser(String username, String displayName, ImmutableList<String> roles, String uiLanguage,
        String passwordHash) {

    public StoredUser {
        Objects.requireNonNull(username, "username");
        roles = roles == null ? ImmutableList.of() : roles;
    }
}
