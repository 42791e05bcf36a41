package no.sunnekommuner.cms.content.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A preview token is genuine only in the exact form it was issued; any other character is refused. */
class PreviewTokensTest {

    static final byte[] KEY = "a preview key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

    final PreviewTokens tokens = new PreviewTokens(KEY, CLOCK, Duration.ofMinutes(30));

    @Test
    void everySingleCharacterChangeIsRefused() {
        // many identifiers, so that the spare bits of the last base64 character take every value
        for (int n = 0; n < 64; n++) {
            String token = tokens.issue("news", "id-" + n);
            assertThat(tokens.verify(token)).map(PreviewTokens.Grant::id).contains("id-" + n);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            for (int at = 0; at < token.length(); at++) {
                if (token.charAt(at) == '.') {
                    continue;
                }
                for (char c : alphabet.toCharArray()) {
                    if (c != token.charAt(at)) {
                        String altered = token.substring(0, at) + c + token.substring(at + 1);
                        assertThat(tokens.verify(altered)).as(altered).isEmpty();
                    }
                }
            }
        }
    }

    @Test
    void paddingOrAnEmptySignatureIsRefused() {
        String token = tokens.issue("news", "id-1");
        assertThat(tokens.verify(token + "=")).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.indexOf('.') + 1))).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.indexOf('.')))).isEmpty();
    }

    @Test
    void expiredTokensAreRefused() {
        String token = tokens.issue("news", "id-1");
        PreviewTokens later = new PreviewTokens(KEY, Clock.offset(CLOCK, Duration.ofMinutes(31)),
                Duration.ofMinutes(30));
        assertThat(later.verify(token)).isEmpty();
    }
}
