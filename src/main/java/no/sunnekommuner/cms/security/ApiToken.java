package no.sunnekommuner.cms.security;

import java.time.Instant;
import java.util.Objects;

/**
 * An API token as stored: never the token itself, only its SHA-256 {@code hash}; {@code hint} is the start of the
 * token (after the prefix) so people can tell their tokens apart. {@code lastUsed} is kept to the minute.
 */
public record ApiToken(String id, String name, Role role, String createdBy, Instant created, Instant expires,
        Instant lastUsed, String hint, String hash) {

    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(hash, "hash");
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expires);
    }

    public ApiToken usedAt(Instant when) {
        return new ApiToken(id, name, role, createdBy, created, expires, when, hint, hash);
    }
}
