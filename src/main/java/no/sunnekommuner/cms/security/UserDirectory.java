package no.sunnekommuner.cms.security;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import javax.jcr.Value;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.repository.JcrRepository;

/**
 * Editor accounts, stored in the repository's {@value #WORKSPACE} workspace (one node per user with a bcrypt hash,
 * roles and the preferred UI language), so they live and are backed up with the content.
 */
public final class UserDirectory implements Authenticator {

    public static final String WORKSPACE = "users";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");
    private static final String HASH = "passwordHash";
    private static final String ROLES = "roles";
    private static final String DISPLAY_NAME = "displayName";
    private static final String UI_LANGUAGE = "uiLanguage";

    private final JcrRepository repository;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    public UserDirectory(JcrRepository repository, PasswordHasher hasher, LoginThrottle throttle)
            throws RepositoryException {
        this.repository = repository;
        this.hasher = hasher;
        this.throttle = throttle;
        repository.ensureWorkspace(WORKSPACE);
    }

    @Override
    public Optional<User> authenticate(String username, char[] password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        String name = username.trim().toLowerCase(Locale.ROOT);
        if (throttle.isBlocked(name)) {
            return Optional.empty();
        }
        Optional<String> hash = read(name, n -> n.hasProperty(HASH) ? n.getProperty(HASH).getString() : null);
        if (hash.isPresent() && hasher.matches(password, hash.get())) {
            throttle.succeeded(name);
            return find(name);
        }
        throttle.failed(name);
        return Optional.empty();
    }

    /** True while sign-in for the username is refused after repeated failures. */
    public boolean isThrottled(String username) {
        return username != null && throttle.isBlocked(username.trim().toLowerCase(Locale.ROOT));
    }

    public Optional<User> find(String username) {
        return read(username, UserDirectory::toUser);
    }

    public List<User> list() {
        return call(s -> {
            List<User> users = new ArrayList<>();
            for (NodeIterator it = s.getRootNode().getNodes(); it.hasNext(); ) {
                Node n = it.nextNode();
                if (n.hasProperty(HASH)) {
                    users.add(toUser(n));
                }
            }
            users.sort(java.util.Comparator.comparing(User::username));
            return ImmutableList.copyOf(users);
        });
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
        call(s -> {
            if (s.getRootNode().hasNode(name)) {
                throw new ContentException("User '" + name + "' already exists");
            }
            Node n = s.getRootNode().addNode(name, "nt:unstructured");
            n.setProperty(HASH, hash);
            write(n, displayName, roles, uiLanguage);
            s.save();
            return null;
        });
        return find(name).orElseThrow();
    }

    public User update(String username, String displayName, ImmutableSet<Role> roles, String uiLanguage) {
        call(s -> {
            Node n = node(s, username);
            write(n, displayName == null ? toUser(n).displayName() : displayName,
                    roles == null ? toUser(n).roles() : roles, uiLanguage == null ? toUser(n).uiLanguage() : uiLanguage);
            s.save();
            return null;
        });
        return find(username).orElseThrow();
    }

    public void setPassword(String username, char[] password) {
        checkPassword(password);
        String hash = hasher.hash(password);
        call(s -> {
            node(s, username).setProperty(HASH, hash);
            s.save();
            return null;
        });
    }

    public void delete(String username) {
        call(s -> {
            node(s, username).remove();
            s.save();
            return null;
        });
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

    private static void write(Node n, String displayName, ImmutableSet<Role> roles, String uiLanguage)
            throws RepositoryException {
        n.setProperty(DISPLAY_NAME, displayName);
        n.setProperty(ROLES, roles.stream().map(Role::id).toArray(String[]::new));
        n.setProperty(UI_LANGUAGE, uiLanguage);
    }

    private static Node node(Session s, String username) throws RepositoryException {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches() || !s.getRootNode().hasNode(name)) {
            throw new ContentException("No user '" + username + "'");
        }
        return s.getRootNode().getNode(name);
    }

    private static User toUser(Node n) throws RepositoryException {
        ImmutableSet.Builder<Role> roles = ImmutableSet.builder();
        if (n.hasProperty(ROLES)) {
            for (Value v : n.getProperty(ROLES).getValues()) {
                try {
                    roles.add(Role.valueOf(v.getString().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException ignored) {
                    // a role of a newer version: not granted here
                }
            }
        }
        return new User(n.getName(), n.hasProperty(DISPLAY_NAME) ? n.getProperty(DISPLAY_NAME).getString() : null,
                roles.build(), n.hasProperty(UI_LANGUAGE) ? n.getProperty(UI_LANGUAGE).getString() : null);
    }

    private interface NodeRead<T> {
        T apply(Node node) throws RepositoryException;
    }

    private <T> Optional<T> read(String username, NodeRead<T> reader) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return call(s -> s.getRootNode().hasNode(name) ? Optional.ofNullable(reader.apply(s.getRootNode()
                .getNode(name))) : Optional.empty());
    }

    private <T> T call(JcrRepository.SessionWork<T> work) {
        try {
            return repository.withSession(WORKSPACE, work);
        } catch (RepositoryException e) {
            throw new IllegalStateException("User directory unavailable", e);
        }
    }
}
