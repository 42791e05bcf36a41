package no.sunnekommuner.cms.security;

import at.favre.lib.crypto.bcrypt.BCrypt;

/** Hashes and checks passwords with bcrypt (cost 10: about 60 ms per check here, slow enough for guessing). */
public final class PasswordHasher {

    private static final int COST = 10;
    /** bcrypt only reads the first 72 bytes; longer passwords are refused rather than silently truncated. */
    public static final int MAX_BYTES = 72;
    public static final int MIN_LENGTH = 10;

    public String hash(char[] password) {
        return BCrypt.withDefaults().hashToString(COST, password);
    }

    public boolean matches(char[] password, String hash) {
        if (hash == null || password == null) {
            return false;
        }
        return BCrypt.verifyer().verify(password, hash).verified;
    }

    /** Why a new password is not acceptable, or null when it is. */
    public String weakness(char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            return "password.tooShort";
        }
        if (new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "password.tooLong";
        }
        return null;
    }
}
