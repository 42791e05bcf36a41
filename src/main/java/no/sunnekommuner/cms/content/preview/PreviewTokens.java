package no.sunnekommuner.cms.content.preview;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived preview tokens: the website fetches one draft from {@code /.rest/preview/…} with a token instead of
 * an editor's credentials. A token names one item (workspace and identifier) and an expiry, signed with
 * HMAC-SHA256 under the server's preview key: {@code base64url(v1|workspace|id|expiry) "." base64url(mac)}. It is
 * refused after its expiry, for any other item, and when one character of it was changed.
 */
public final class PreviewTokens {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 512;

    private final byte[] key;
    private final Clock clock;
    private final Duration lifetime;

    public PreviewTokens(byte[] key, Clock clock, Duration lifetime) {
        if (key.length < 32) {
            throw new IllegalArgumentException("The preview key must have at least 32 bytes");
        }
        this.key = key.clone();
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** What a valid token allows: reading the draft of this one item until {@code expires}. */
    public record Grant(String workspace, String id, Instant expires) {
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(String workspace, String id) {
        long expiry = clock.instant().plus(lifetime).getEpochSecond();
        String payload = "v1|" + workspace + "|" + id + "|" + expiry;
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(bytes) + "." + ENCODE.encodeToString(mac(bytes));
    }

    /** The grant of a genuine, unexpired token; empty for anything else. */
    public Optional<Grant> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        try {
            payload = DECODE.decode(token.substring(0, dot));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Compared as text, not as decoded bytes: base64 leaves spare bits in the last character, so a changed
        // last character can decode to the same signature. Only the one encoding this class issues is genuine (so
        // the signature part needs no decoding of its own).
        String genuine = ENCODE.encodeToString(payload) + "." + ENCODE.encodeToString(mac(payload));
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(genuine.getBytes(StandardCharsets.US_ASCII), given)) {
            return Optional.empty();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
        if (parts.length != 4 || !parts[0].equals("v1")) {
            return Optional.empty();
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(expires)) {
            return Optional.empty();
        }
        return Optional.of(new Grant(parts[1], parts[2], expires));
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
