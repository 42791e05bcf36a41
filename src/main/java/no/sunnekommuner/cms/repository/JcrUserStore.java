package no.sunnekommuner.cms.repository;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import javax.jcr.Value;
import no.sunnekommuner.cms.content.spi.StoredUser;
import no.sunnekommuner.cms.content.spi.UserStore;

/**
 * Editor accounts in the repository's {@value #WORKSPACE} workspace, one {@code nt:unstructured} node per user
 * named after the username, so they live and are backed up with the content.
 */
public final class JcrUserStore implements UserStore {

    public static final String WORKSPACE = "users";
    private static final String HASH = "passwordHash";
    private static final String ROLES = "roles";
    private static final String DISPLAY_NAME = "displayName";
    private static final String UI_LANGUAGE = "uiLanguage";

    private final JcrRepository repository;

    public JcrUserStore(JcrRepository repository) {
        this.repository = repository;
        try {
            repository.requireWorkspace(WORKSPACE); // no wait for a starting repository
        } catch (RepositoryException e) {
            throw new IllegalStateException("User directory unavailable", e);
        }
    }

    @Override
    public Optional<StoredUser> find(String username) {
        return call(s -> {
            Node n = node(s, username);
            return n == null ? Optional.empty() : Optional.of(toUser(n));
        });
    }

    @Override
    public ImmutableList<StoredUser> list() {
        return call(s -> {
            List<StoredUser> users = new ArrayList<>();
            for (NodeIterator it = s.getRootNode().getNodes(); it.hasNext(); ) {
                Node n = it.nextNode();
                if (n.hasProperty(HASH)) { // the token folder and anything else is no account
                    users.add(toUser(n));
                }
            }
            users.sort(Comparator.comparing(StoredUser::username));
            return ImmutableList.copyOf(users);
        });
    }

    @Override
    public boolean create(StoredUser user) {
        return call(s -> {
            if (!validName(user.username()) || s.getRootNode().hasNode(user.username())) {
                return false;
            }
            Node n = s.getRootNode().addNode(user.username(), "nt:unstructured");
            n.setProperty(HASH, user.passwordHash());
            write(n, user.displayName(), user.roles(), user.uiLanguage());
            s.save();
            return true;
        });
    }

    @Override
    public boolean update(String username, String displayName, ImmutableList<String> roles, String uiLanguage) {
        return call(s -> {
            Node n = node(s, username);
            if (n == null) {
                return false;
            }
            write(n, displayName, roles, uiLanguage);
            s.save();
            return true;
        });
    }

    @Override
    public boolean setPasswordHash(String username, String passwordHash) {
        return call(s -> {
            Node n = node(s, username);
            if (n == null) {
                return false;
            }
            n.setProperty(HASH, passwordHash);
            s.save();
            return true;
        });
    }

    @Override
    public boolean delete(String username) {
        return call(s -> {
            Node n = node(s, username);
            if (n == null) {
                return false;
            }
            n.remove();
            s.save();
            return true;
        });
    }

    /** A name that is one plain path segment (never the token folder, '..' or a path). */
    private static boolean validName(String username) {
        return username != null && !username.isEmpty() && !username.startsWith("_")
                && username.matches("[a-z0-9._-]+") && !username.equals(".") && !username.equals("..");
    }

    private static Node node(Session s, String username) throws RepositoryException {
        if (!validName(username) || !s.getRootNode().hasNode(username)) {
            return null;
        }
        Node n = s.getRootNode().getNode(username);
        return n.hasProperty(HASH) ? n : null;
    }

    private static void write(Node n, String displayName, List<String> roles, String uiLanguage)
            throws RepositoryException {
        n.setProperty(DISPLAY_NAME, displayName);
        n.setProperty(ROLES, roles.toArray(String[]::new));
        n.setProperty(UI_LANGUAGE, uiLanguage);
    }

    private static StoredUser toUser(Node n) throws RepositoryException {
        ImmutableList.Builder<String> roles = ImmutableList.builder();
        if (n.hasProperty(ROLES)) {
            for (Value v : n.getProperty(ROLES).getValues()) {
                roles.add(v.getString());
            }
        }
        return new StoredUser(n.getName(), n.hasProperty(DISPLAY_NAME) ? n.getProperty(DISPLAY_NAME).getString() : null,
                roles.build(), n.hasProperty(UI_LANGUAGE) ? n.getProperty(UI_LANGUAGE).getString() : null,
                n.hasProperty(HASH) ? n.getProperty(HASH).getString() : null);
    }

    private <T> T call(JcrRepository.SessionWork<T> work) {
        try {
            return repository.withSession(WORKSPACE, work);
        } catch (RepositoryException e) {
            throw new IllegalStateException("User directory unavailable", e);
        }
    }
}
