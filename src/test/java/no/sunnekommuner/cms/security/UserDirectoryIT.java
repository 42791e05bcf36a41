package no.sunnekommuner.cms.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableSet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.repository.JcrRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts in the repository: bcrypt hashes, roles, password rules and sign-in throttling. */
class UserDirectoryIT {

    @TempDir
    Path data;

    @Test
    void accountsSignInThrottleAndSurviveRestart() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        try (JcrRepository repository = JcrRepository.start(data)) {
            UserDirectory users = new UserDirectory(repository, new PasswordHasher(), new LoginThrottle(clock));
            assertThat(users.isEmpty()).isTrue();
            users.create("Kari", "Kari Redaktør", "lang-nok-passord".toCharArray(), ImmutableSet.of(Role.EDITOR), "nb");
            assertThat(users.find("kari").orElseThrow().roles()).containsExactly(Role.EDITOR);
            assertThat(users.find("kari").orElseThrow().canPublish()).isFalse();
            assertThat(users.authenticate("kari", "lang-nok-passord".toCharArray())).isPresent();
            assertThat(users.authenticate("KARI ", "lang-nok-passord".toCharArray())).isPresent();
            assertThat(users.authenticate("kari", "feil".toCharArray())).isEmpty();
            assertThat(users.authenticate("nobody", "lang-nok-passord".toCharArray())).isEmpty();

            assertThatThrownBy(() -> users.create("kari", null, "lang-nok-passord".toCharArray(),
                    ImmutableSet.of(Role.EDITOR), "nb")).isInstanceOf(ContentException.class)
                    .hasMessageContaining("already exists");
            assertThatThrownBy(() -> users.create("per", null, "kort".toCharArray(), ImmutableSet.of(Role.EDITOR),
                    "nb")).hasMessageContaining("at least 10");
            assertThatThrownBy(() -> users.create("../x", null, "lang-nok-passord".toCharArray(),
                    ImmutableSet.of(Role.EDITOR), "nb")).hasMessageContaining("username");

            // five failures block even the right password, for a while
            for (int i = 0; i < 5; i++) {
                assertThat(users.authenticate("kari", "gjetting".toCharArray())).isEmpty();
            }
            assertThat(users.isThrottled("kari")).isTrue();
            assertThat(users.authenticate("kari", "lang-nok-passord".toCharArray())).isEmpty();
            now.set(now.get().plus(Duration.ofMinutes(1)));
            assertThat(users.authenticate("kari", "lang-nok-passord".toCharArray())).isPresent();
            assertThat(users.isThrottled("kari")).isFalse();

            users.update("kari", null, ImmutableSet.of(Role.PUBLISHER), "en");
            users.setPassword("kari", "et-nytt-passord".toCharArray());
        }
        try (JcrRepository repository = JcrRepository.start(data)) {
            UserDirectory users = new UserDirectory(repository, new PasswordHasher(), new LoginThrottle(clock));
            User kari = users.authenticate("kari", "et-nytt-passord".toCharArray()).orElseThrow();
            assertThat(kari.canPublish()).isTrue();
            assertThat(kari.uiLanguage()).isEqualTo("en");
            assertThat(kari.displayName()).isEqualTo("Kari Redaktør");
            users.delete("kari");
            assertThat(users.isEmpty()).isTrue();
        }
    }
}
