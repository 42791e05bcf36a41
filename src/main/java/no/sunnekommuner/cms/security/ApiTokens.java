package no.sunnekommuner.cms.security;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.spi.StoredToken;
import no.sunnekommuner.cms.content.spi.TokenStore;

/**
 * API tokens for scripts and the website's preview ({@code Authorization: Bearer skt_…}). An admin creates a named
 * token with a role (editor or publisher) and an expiry and sees it once; only its SHA-256 hash is stored (right
 * for 32 random bytes: there is nothing to guess that a slow hash would protect). A token acts with its role only,
 * and only while the admin who created it is still an admin: deleting that admin deletes their tokens, taking the
 * admin role away suspends them. Revoking deletes the token; it is refused from the next request on.
 */
public final class ApiTokens {

    public static final String PREFIX = "skt_";
    /** The last use is written at most this often per token (not a write per request). */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    static final Duration MAX_VALIDITY = Duration.ofDays(366);
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,59}");
    private static final int SECRET_BYTES = 32;
    private static final int TOKEN_LENGTH = PREFIX.length() + 43; // 32 bytes in base64url without padding

    private final TokenStore store;
    private final UserDirectory users;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> lastWritten = new ConcurrentHashMap<>();
    /** Every token by hash, reloaded after each change: tokens are few, and each request looks one up. */
    private volatile ImmutableMap<String, ApiToken> byHash; // null until first needed

    public ApiTokens(TokenStore store, UserDirectory users, Clock clock) {
        this.store = store;
        this.users = users;
        this.clock = clock;
        // the tokens are read at the first request that needs them: not while the repository starts
        users.addChangeListener(this::userChanged);
    }

    /** A created token: {@code secret} is shown once and is never available again. */
    public record Created(ApiToken token, String secret) {
    }

    public Created create(String name, Role role, Duration validFor, User admin) {
        if (admin == null || !admin.canManageUsers()) {
            throw new ContentException("Only admins create API tokens");
        }
        String clean = name == null ? "" : name.trim();
        if (!NAME.matcher(clean).matches()) {
            throw new ContentException("A token name has 1 to 60 letters, digits, spaces, '.', '_' or '-'");
        }
        if (list().stream().anyMatch(t -> t.name().equalsIgnoreCase(clean))) {
            throw new ContentException("A token named '" + clean + "' already exists");
        }
        if (role != Role.EDITOR && role != Role.PUBLISHER) {
            throw new ContentException("A token has the editor or the publisher role");
        }
        if (validFor == null || validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_VALIDITY) > 0) {
            throw new ContentException("A token is valid for 1 to 366 days");
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] id = new byte[8];
        random.nextBytes(id);
        Instant now = clock.instant();
        ApiToken stored = new ApiToken(HexFormat.of().formatHex(id), clean, role, admin.username(), now,
                now.plus(validFor), null, token.substring(PREFIX.length(), PREFIX.length() + 6), hash(token));
        store.add(stored(stored));
        reload();
        return new Created(stored, token);
    }

    /** All tokens, newest first. */
    public ImmutableList<ApiToken> list() {
        return tokens().stream().sorted(Comparator.comparing(ApiToken::created).reversed())
                .collect(ImmutableList.toImmutableList());
    }

    /** Revokes a token: the next request with it gets 401. */
    public boolean revoke(String id) {
        boolean removed = store.remove(id);
        reload();
        return removed;
    }

    /**
     * The user a bearer token acts as: named after the token, with the token's role. Empty for a malformed,
     * unknown, expired or revoked token, or one whose admin is no admin any more.
     */
    public Optional<User> authenticate(String bearer) {
        if (bearer == null || bearer.length() != TOKEN_LENGTH || !bearer.startsWith(PREFIX)) {
            return Optional.empty();
        }
        ApiToken token = byHash().get(hash(bearer));
        Instant now = clock.instant();
        if (token == null || token.expired(now)
                || users.find(token.createdBy()).filter(User::canManageUsers).isEmpty()) {
            return Optional.empty();
        }
        touch(token, now);
        ImmutableSet<Role> roles = token.role() == Role.PUBLISHER ? ImmutableSet.of(Role.EDITOR, Role.PUBLISHER)
                : ImmutableSet.of(Role.EDITOR);
        return Optional.of(new User("token:" + token.name(), token.name(), roles, null));
    }

    private void touch(ApiToken token, Instant now) {
        Instant written = lastWritten.get(token.id());
        if (written == null && token.lastUsed() != null) {
            written = token.lastUsed();
        }
        if (written != null && Duration.between(written, now).compareTo(TOUCH_EVERY) < 0) {
            return;
        }
        lastWritten.put(token.id(), now);
        store.touch(token.id(), now);
    }

    private void userChanged(String username) {
        if (users.find(username).isEmpty()) {
            // the admin is gone: so are the tokens they made
            tokens().stream().filter(t -> t.createdBy().equals(username)).forEach(t -> store.remove(t.id()));
            reload();
        }
    }

    private ImmutableMap<String, ApiToken> byHash() {
        ImmutableMap<String, ApiToken> tokens = byHash;
        if (tokens == null) {
            synchronized (this) {
                if (byHash == null) {
                    reload();
                }
                tokens = byHash;
            }
        }
        return tokens;
    }

    private void reload() {
        byHash = tokens().stream().collect(ImmutableMap.toImmutableMap(ApiToken::hash, Function.identity(),
                (a, b) -> a));
    }

    /** The stored tokens this version can honour (a token with a role it does not know grants nothing). */
    private ImmutableList<ApiToken> tokens() {
        ImmutableList.Builder<ApiToken> out = ImmutableList.builder();
        for (StoredToken t : store.list()) {
            try {
                out.add(new ApiToken(t.id(), t.name(), Role.valueOf(t.role().toUpperCase(Locale.ROOT)), t.createdBy(),
                        t.created(), t.expires(), t.lastUsed(), t.hint(), t.hash()));
            } catch (IllegalArgumentException unknownRole) {
                // skipped
            }
        }
        return out.build();
    }

    private static StoredToken stored(ApiToken t) {
        return new StoredToken(t.id(), t.name(), t.role().id(), t.createdBy(), t.created(), t.expires(), t.lastUsed(),
                t.hint(), t.hash());
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8))).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
