package no.sunnekommuner.cms.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;

/** Hashes and checks passwords with bcrypt (cost 10: about 60 ms per check here, slow enough for guessing). */
public final class PasswordHasher {

    private static final int COST = 10;
    /** bcrypt only reads the first 72 bytes; longer passwords are refused rather than silently truncated. */
    public static final int MAX_BYTES = 72;
    public static final int MIN_LENGTH = 10;

    /**
     * A hash of a random password nobody knows (made once with this cost and thrown away): checked for unknown
     * usernames and over-long passwords, so that their answer takes as long as a wrong password of a real account
     * (no username discovery by timing). A constant rather than made at start-up, where a bcrypt hash cost
     * 60-250 ms of CPU; its password need not be secret, as the check's answer is false either way.
     */
    static final String DUMMY_HASH = "$2a$10$mQ8cIpiVxL7/FrWe7yHxdeWD9XzvRdsNuxmUPNMYgE4pZsYmeM32K";

    public String hash(char[] password) {
        return BCrypt.withDefaults().hashToString(COST, password);
    }

    /**
     * True when the password matches the hash. Always costs one bcrypt check: with no hash (unknown user) or a
     * password bcrypt cannot take (over {@value #MAX_BYTES} bytes, which no stored password has) the dummy hash
     * is checked and the answer is false.
     */
    public boolean matches(char[] password, String hash) {
        boolean usable = hash != null && password != null && utf8Length(password) <= MAX_BYTES;
        char[] candidate = usable ? password : "x".toCharArray();
        boolean verified = BCrypt.verifyer().verify(candidate, usable ? hash : DUMMY_HASH).verified;
        return usable && verified;
    }

    /** True when bcrypt cannot check this password at all (so it cannot be anybody's password here). */
    public static boolean tooLong(char[] password) {
        return password != null && utf8Length(password) > MAX_BYTES;
    }

    private static int utf8Length(char[] password) {
        return StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)).remaining();
    }

    /** Why a new password is not acceptable, or null when it is. */
    public String weakness(char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            return "password.tooShort";
        }
        if (tooLong(password)) {
            return "password.tooLong";
        }
        return null;
    }
}
