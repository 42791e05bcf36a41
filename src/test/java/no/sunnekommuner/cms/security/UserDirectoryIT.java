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

/** Accounts in the repository: bcrypt hashes, roles, password rules, sign-in throttling and sessions. */
class UserDirectoryIT {

    static final String A = "10.0.0.1";
    static final String ATTACKER = "10.0.0.66";

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
            UserDirectory users = new UserDirectory(new no.sunnekommuner.cms.repository.JcrUserStore(repository), new PasswordHasher());
            SignIn signIn = new SignIn(users, new LoginThrottle(clock, 1000));
            assertThat(users.isEmpty()).isTrue();
            users.create("Kari", "Kari Redaktør", "lang-nok-passord".toCharArray(), ImmutableSet.of(Role.EDITOR), "nb");
            assertThat(users.find("kari").orElseThrow().roles()).containsExactly(Role.EDITOR);
            assertThat(users.find("kari").orElseThrow().canPublish()).isFalse();
            assertThat(signIn.authenticate("kari", "lang-nok-passord".toCharArray(), A)).isPresent();
            assertThat(signIn.authenticate("KARI ", "lang-nok-passord".toCharArray(), A)).isPresent();
            assertThat(signIn.authenticate("kari", "feil".toCharArray(), A)).isEmpty();
            assertThat(signIn.authenticate("nobody", "lang-nok-passord".toCharArray(), A)).isEmpty();

            assertThatThrownBy(() -> users.create("kari", null, "lang-nok-passord".toCharArray(),
                    ImmutableSet.of(Role.EDITOR), "nb")).isInstanceOf(ContentException.class)
                    .hasMessageContaining("already exists");
            assertThatThrownBy(() -> users.create("per", null, "kort".toCharArray(), ImmutableSet.of(Role.EDITOR),
                    "nb")).hasMessageContaining("at least 10");
            assertThatThrownBy(() -> users.create("../x", null, "lang-nok-passord".toCharArray(),
                    ImmutableSet.of(Role.EDITOR), "nb")).hasMessageContaining("username");

            // five failures from another address only delay the account for a second, for addresses it never
            // signed in from; the address it signed in from (A) is not slowed down at all
            for (int i = 0; i < 5; i++) {
                assertThat(signIn.authenticate("kari", "gjetting".toCharArray(), ATTACKER)).isEmpty();
            }
            assertThat(signIn.authenticate("kari", "lang-nok-passord".toCharArray(), A)).isPresent();
            for (int i = 0; i < 5; i++) {
                assertThat(signIn.authenticate("kari", "gjetting".toCharArray(), ATTACKER)).isEmpty();
            }
            assertThat(signIn.authenticate("kari", "lang-nok-passord".toCharArray(), "10.0.0.3")).isEmpty();
            now.set(now.get().plus(Duration.ofSeconds(2)));
            assertThat(signIn.authenticate("kari", "lang-nok-passord".toCharArray(), "10.0.0.3")).isPresent();

            // a session keeps only name and credential stamp: role changes show at once, a new password ends it
            SessionUser session = users.sessionUser("kari").orElseThrow();
            users.update("kari", null, ImmutableSet.of(Role.EDITOR, Role.PUBLISHER), null);
            assertThat(users.resolve(session).orElseThrow().canPublish()).isTrue();
            users.update("kari", null, ImmutableSet.of(Role.PUBLISHER), "en");
            users.setPassword("kari", "et-nytt-passord".toCharArray());
            assertThat(users.resolve(session)).isEmpty();
        }
        try (JcrRepository repository = JcrRepository.start(data)) {
            UserDirectory users = new UserDirectory(new no.sunnekommuner.cms.repository.JcrUserStore(repository), new PasswordHasher());
            SignIn signIn = new SignIn(users, new LoginThrottle(clock, 1000));
            User kari = signIn.authenticate("kari", "et-nytt-passord".toCharArray(), A).orElseThrow();
            assertThat(kari.canPublish()).isTrue();
            assertThat(kari.uiLanguage()).isEqualTo("en");
            assertThat(kari.displayName()).isEqualTo("Kari Redaktør");
            users.delete("kari");
            assertThat(users.isEmpty()).isTrue();
        }
    }
}
