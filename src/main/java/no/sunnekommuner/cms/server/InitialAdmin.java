package no.sunnekommuner.cms.server;

import com.google.common.collect.ImmutableSet;
import java.security.SecureRandom;
import java.util.Optional;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.security.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first admin account on first start: name and password from {@code admin.username} /
 * {@code admin.password} (e.g. {@code SK_ADMIN_PASSWORD}); without a configured password a random one is generated
 * and shown once, so no installation ever runs with a known default password.
 */
public final class InitialAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(InitialAdmin.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private InitialAdmin() {
    }

    /** Returns the generated password when one was generated (to print it once), else empty. */
    public static Optional<String> ensure(UserDirectory users, Settings settings) {
        if (!users.isEmpty()) {
            return Optional.empty();
        }
        String username = settings.get("admin.username", "admin");
        String configured = settings.get("admin.password", "");
        String password = configured.isBlank() ? generate() : configured;
        try {
            users.create(username, "Administrator", password.toCharArray(),
                    ImmutableSet.of(Role.ADMIN, Role.PUBLISHER, Role.EDITOR), settings.siteLocales().defaultLanguage());
        } catch (ContentException e) {
            // a configured name or password the directory refuses (too short …): the operator's to fix
            throw new ConfigurationException("Settings 'admin.username' / 'admin.password': " + e.getMessage());
        }
        LOG.info("Created the first admin account '{}'", username);
        return configured.isBlank() ? Optional.of(password) : Optional.empty();
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
