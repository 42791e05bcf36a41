package no.sunnekommuner.cms.security;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.spi.StoredUser;
import no.sunnekommuner.cms.content.spi.UserStore;

/**
 * Editor accounts (a bcrypt hash, roles and the preferred UI language per user), kept by a {@link UserStore} (the
 * repository's {@code users} workspace), so they live and are backed up with the content. The rules are here:
 * usernames, password strength, at least one role.
 *
 * <p>Lookups by name are cached for a few seconds, because every editor navigation and every REST request with a
 * session re-reads the account (so that role changes and deletions apply at once); every change through this class
 * drops the cached entry and tells the {@linkplain #addChangeListener listeners} (credential caches, tokens).
 */
public final class UserDirectory {

    /** The username rule: 2 to 40 characters, a-z, digits, '.', '_' and '-'. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");
    /** A safety net only: changes made through this class invalidate their entry at once. */
    private static final Duration CACHE_FOR = Duration.ofSeconds(5);

    private final UserStore store;
    private final PasswordHasher hasher;
    private final LoadingCache<String, Optional<Account>> accounts;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public UserDirectory(UserStore store, PasswordHasher hasher) {
        this.store = store;
        this.hasher = hasher;
        this.accounts = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(CACHE_FOR)
                .build(name -> store.find(name).map(u -> new Account(toUser(u), u.passwordHash())));
    }

    /** A user with the stored hash, as cached. */
    private record Account(User user, String hash) {
        String stamp() {
            return credentialStamp(hash);
        }
    }

    /**
     * Checks a password with no throttling (that is {@link SignIn}'s job): the user when it is right. An unknown
     * username or an over-long password costs the same bcrypt check as a wrong password.
     */
    public Optional<User> verify(String username, char[] password) {
        Optional<Account> account = account(username);
        boolean right = hasher.matches(password, account.map(Account::hash).orElse(null));
        return right ? account.map(Account::user) : Optional.empty();
    }

    public Optional<User> find(String username) {
        return account(username).map(Account::user);
    }

    /** What a session keeps of the user: name and a stamp of the current password hash. */
    public Optional<SessionUser> sessionUser(String username) {
        return account(username).map(a -> new SessionUser(a.user().username(), a.stamp()));
    }

    /**
     * The current user of a session: empty when the account is gone, was re-created or got a new password since
     * the session began. Roles are the stored ones of now, not those of the sign-in.
     */
    public Optional<User> resolve(SessionUser session) {
        if (session == null) {
            return Optional.empty();
        }
        return account(session.username()).filter(a -> MessageDigest.isEqual(
                a.stamp().getBytes(StandardCharsets.US_ASCII),
                session.credentialStamp().getBytes(StandardCharsets.US_ASCII))).map(Account::user);
    }

    /** Called with the username after every change of an account (created, updated, new password, deleted). */
    public void addChangeListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    private Optional<Account> account(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return accounts.get(name);
    }

    private void changed(String username) {
        String name = username.trim().toLowerCase(Locale.ROOT);
        accounts.invalidate(name);
        listeners.forEach(l -> l.accept(name));
    }

    private static String credentialStamp(String hash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (hash == null ? "" : hash).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<User> list() {
        return store.list().stream().filter(u -> u.passwordHash() != null).map(UserDirectory::toUser)
                .sorted(java.util.Comparator.comparing(User::username)).collect(ImmutableList.toImmutableList());
    }

    public boolean isEmpty() {
        return list().isEmpty();
    }

    /** Creates an account; the username must be new and the password strong enough. */
    public User create(String username, String displayName, char[] password, ImmutableSet<Role> roles,
            String uiLanguage) {
        String name = validUsername(username);
        checkPassword(password);
        if (roles == null || roles.isEmpty()) {
            throw new ContentException("A user needs at least one role");
        }
        String hash = hasher.hash(password);
        if (!store.create(new StoredUser(name, displayName, roleIds(roles), uiLanguage, hash))) {
            throw new ContentException("User '" + name + "' already exists");
        }
        changed(name);
        return find(name).orElseThrow();
    }

    public User update(String username, String displayName, ImmutableSet<Role> roles, String uiLanguage) {
        String name = existing(username);
        User current = toUser(store.find(name).orElseThrow(() -> noUser(username)));
        if (!store.update(name, displayName == null ? current.displayName() : displayName,
                roleIds(roles == null ? current.roles() : roles),
                uiLanguage == null ? current.uiLanguage() : uiLanguage)) {
            throw noUser(username);
        }
        changed(username);
        return find(username).orElseThrow();
    }

    public void setPassword(String username, char[] password) {
        checkPassword(password);
        String hash = hasher.hash(password);
        if (!store.setPasswordHash(existing(username), hash)) {
            throw noUser(username);
        }
        changed(username);
    }

    public void delete(String username) {
        if (!store.delete(existing(username))) {
            throw noUser(username);
        }
        changed(username);
    }

    private void checkPassword(char[] password) {
        String weakness = hasher.weakness(password);
        if (weakness != null) {
            throw new ContentException(weakness.equals("password.tooShort")
                    ? "The password must have at least " + PasswordHasher.MIN_LENGTH + " characters"
                    : "The password must not be longer than " + PasswordHasher.MAX_BYTES + " bytes");
        }
    }

    private static String validUsername(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new ContentException("A username has 2 to 40 characters: letters a-z, digits, '.', '_' and '-'");
        }
        return name;
    }

    private static ImmutableList<String> roleIds(ImmutableSet<Role> roles) {
        return roles.stream().map(Role::id).collect(ImmutableList.toImmutableList());
    }

    /** The normalised name of an account that may exist; a name breaking the rule names none. */
    private static String existing(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw noUser(username);
        }
        return name;
    }

    private static ContentException noUser(String username) {
        return new ContentException("No user '" + username + "'");
    }

    private static User toUser(StoredUser stored) {
        ImmutableSet.Builder<Role> roles = ImmutableSet.builder();
        for (String id : stored.roles()) {
            try {
                roles.add(Role.valueOf(id.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException ignored) {
                // a role of a newer version: not granted here
            }
        }
        return new User(stored.username(), stored.displayName(), roles.build(), stored.uiLanguage());
    }
}
