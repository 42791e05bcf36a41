package no.sunnekommuner.cms.security;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

/** The hasher's answers, and the dummy hash that makes an unknown username cost what a wrong password costs. */
class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void theDummyHashIsABcryptHashOfTheCostOfNewHashes() throws Exception {
        String made = hasher.hash("korrekt-hest-batteri".toCharArray());
        BCrypt.HashData dummy = BCrypt.Version.VERSION_2A.parser.parse(
                PasswordHasher.DUMMY_HASH.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        BCrypt.HashData real = BCrypt.Version.VERSION_2A.parser.parse(
                made.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // same cost, so checking it takes as long as checking a real account's hash
        assertThat(dummy.cost).isEqualTo(real.cost).isEqualTo(10);
        assertThat(PasswordHasher.DUMMY_HASH).startsWith(made.substring(0, 7));
    }

    @Test
    void noPasswordMatchesAnUnknownUserOrATooLongPassword() {
        String hash = hasher.hash("korrekt-hest-batteri".toCharArray());
        assertThat(hasher.matches("korrekt-hest-batteri".toCharArray(), hash)).isTrue();
        assertThat(hasher.matches("feil-passord-her".toCharArray(), hash)).isFalse();
        assertThat(hasher.matches("korrekt-hest-batteri".toCharArray(), null)).isFalse();
        assertThat(hasher.matches("x".toCharArray(), null)).isFalse();
        char[] tooLong = "a".repeat(PasswordHasher.MAX_BYTES + 1).toCharArray();
        assertThat(hasher.matches(tooLong, hasher.hash("a".repeat(PasswordHasher.MAX_BYTES).toCharArray())))
                .isFalse();
    }
}
