package no.sunnekommuner.cms.content.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * An API token as a {@link TokenStore} keeps it: never the token, only its SHA-256 {@code hash}; {@code role} is
 * the role id as stored. {@code lastUsed} may be null (never used).
 */
public record StoredToken(String id, String name, String role, String createdBy, Instant created, Instant expires,
        Instant lastUsed, String hint, String hash) {

    public StoredToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(hash, "hash");
        hint = hint == null ? "" : hint;
    }
}
