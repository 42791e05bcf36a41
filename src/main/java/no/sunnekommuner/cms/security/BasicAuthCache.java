package no.sunnekommuner.cms.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Remembers HTTP Basic credentials that were right for a short time, so a script sending the same credentials on
 * every request pays one bcrypt check, not one per request. Kept is a salted SHA-256 of username and password
 * (the salt is random per process, never stored), never the password. Entries of a user are dropped when the
 * account changes (new password, roles, deletion: {@link UserDirectory#addChangeListener}); the user's current
 * roles are read on every hit. A duration of zero switches the cache off (every request pays bcrypt).
 */
public final class BasicAuthCache implements Authenticator {

    private final Authenticator passwords;
    private final UserDirectory users;
    private final byte[] salt = new byte[32];
    private final Cache<String, String> verified;

    public BasicAuthCache(Authenticator passwords, UserDirectory users, Duration keepFor, int maxEntries) {
        this.passwords = passwords;
        this.users = users;
        new SecureRandom().nextBytes(salt);
        this.verified = keepFor.isZero() || keepFor.isNegative() ? null
                : Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(keepFor).build();
        users.addChangeListener(this::forget);
    }

    @Override
    public Optional<User> authenticate(String username, char[] password, String clientAddress) {
        if (verified == null || username == null || password == null) {
            return passwords.authenticate(username, password, clientAddress);
        }
        String key = key(username, password);
        String cached = verified.getIfPresent(key);
        if (cached != null) {
            Optional<User> user = users.find(cached);
            if (user.isPresent()) {
                return user;
            }
            verified.invalidate(key);
        }
        Optional<User> user = passwords.authenticate(username, password, clientAddress);
        user.ifPresent(u -> verified.put(key, u.username()));
        return user;
    }

    public boolean enabled() {
        return verified != null;
    }

    private void forget(String username) {
        if (verified != null) {
            verified.asMap().values().removeIf(username::equals);
        }
    }

    private String key(String username, char[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(username.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            sha.update(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
