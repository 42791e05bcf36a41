package no.sunnekommuner.cms.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import javax.jcr.RepositoryException;
import no.sunnekommuner.cms.content.spi.StoredToken;
import no.sunnekommuner.cms.content.spi.TokenStore;

/**
 * API tokens in the {@value JcrUserStore#WORKSPACE} workspace, one node per token below {@value #FOLDER} (a name
 * no username can have), backed up with the accounts.
 */
public final class JcrTokenStore implements TokenStore {

    static final String FOLDER = "_apiTokens";

    private final JcrRepository repository;

    public JcrTokenStore(JcrRepository repository) {
        this.repository = repository;
        try {
            repository.requireWorkspace(JcrUserStore.WORKSPACE); // no wait for a starting repository
        } catch (RepositoryException e) {
            throw new IllegalStateException("Token store unavailable", e);
        }
    }

    @Override
    public List<StoredToken> list() {
        return call(s -> {
            List<StoredToken> tokens = new ArrayList<>();
            if (s.getRootNode().hasNode(FOLDER)) {
                for (NodeIterator it = s.getRootNode().getNode(FOLDER).getNodes(); it.hasNext(); ) {
                    Node n = it.nextNode();
                    try {
                        tokens.add(new StoredToken(n.getName(), n.getProperty("name").getString(),
                                n.getProperty("role").getString(), n.getProperty("createdBy").getString(),
                                instant(n, "created"), instant(n, "expires"),
                                n.hasProperty("lastUsed") ? instant(n, "lastUsed") : null,
                                n.hasProperty("hint") ? n.getProperty("hint").getString() : "",
                                n.getProperty("hash").getString()));
                    } catch (RuntimeException | RepositoryException e) {
                        // an incomplete token node grants nothing
                    }
                }
            }
            return tokens;
        });
    }

    @Override
    public void add(StoredToken token) {
        call(s -> {
            Node folder = s.getRootNode().hasNode(FOLDER) ? s.getRootNode().getNode(FOLDER)
                    : s.getRootNode().addNode(FOLDER, "nt:unstructured");
            Node n = folder.addNode(token.id(), "nt:unstructured");
            n.setProperty("name", token.name());
            n.setProperty("role", token.role());
            n.setProperty("createdBy", token.createdBy());
            n.setProperty("created", calendar(token.created()));
            n.setProperty("expires", calendar(token.expires()));
            n.setProperty("hint", token.hint());
            n.setProperty("hash", token.hash());
            s.save();
            return null;
        });
    }

    @Override
    public boolean remove(String id) {
        return call(s -> {
            String path = "/" + FOLDER + "/" + id;
            if (!id.matches("[a-f0-9]{1,64}") || !s.nodeExists(path)) {
                return false;
            }
            s.getNode(path).remove();
            s.save();
            return true;
        });
    }

    @Override
    public void touch(String id, Instant lastUsed) {
        call(s -> {
            String path = "/" + FOLDER + "/" + id;
            if (id.matches("[a-f0-9]{1,64}") && s.nodeExists(path)) {
                s.getNode(path).setProperty("lastUsed", calendar(lastUsed));
                s.save();
            }
            return null;
        });
    }

    private static Instant instant(Node n, String property) throws RepositoryException {
        return n.getProperty(property).getDate().toInstant();
    }

    private static Calendar calendar(Instant instant) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        c.setTimeInMillis(instant.toEpochMilli());
        return c;
    }

    private <T> T call(JcrRepository.SessionWork<T> work) {
        try {
            return repository.withSession(JcrUserStore.WORKSPACE, work);
        } catch (RepositoryException e) {
            throw new IllegalStateException("Token store unavailable", e);
        }
    }
}
