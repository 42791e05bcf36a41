package no.sunnekommuner.cms.repository;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import javax.jcr.observation.Event;
import javax.jcr.observation.EventIterator;
import javax.jcr.observation.EventListener;
import org.apache.jackrabbit.api.observation.JackrabbitEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells subscribers when another cluster node changed a workspace. One observation session per workspace listens
 * for every change; Jackrabbit marks the changes this node applied from the journal as external. Local writes are
 * announced by the content service itself, synchronously, so they are ignored here.
 */
final class ExternalChanges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalChanges.class);
    private static final int ALL_EVENTS = Event.NODE_ADDED | Event.NODE_REMOVED | Event.NODE_MOVED
            | Event.PROPERTY_ADDED | Event.PROPERTY_CHANGED | Event.PROPERTY_REMOVED;

    private final JcrRepository repository;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    ExternalChanges(JcrRepository repository) {
        this.repository = repository;
    }

    void add(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Starts listening to a workspace (once; only in a cluster, where external changes exist). */
    void watch(String workspace) throws RepositoryException {
        if (!repository.options().clustered() || sessions.containsKey(workspace)) {
            return;
        }
        Session session = repository.login(workspace);
        if (sessions.putIfAbsent(workspace, session) != null) {
            session.logout();
            return;
        }
        session.getWorkspace().getObservationManager().addEventListener(new Listener(workspace), ALL_EVENTS, "/",
                true, null, null, false);
    }

    @Override
    public void close() {
        sessions.values().forEach(Session::logout);
        sessions.clear();
    }

    private final class Listener implements EventListener {
        private final String workspace;

        Listener(String workspace) {
            this.workspace = workspace;
        }

        @Override
        public void onEvent(EventIterator events) {
            boolean external = false;
            while (events.hasNext()) {
                Event event = events.nextEvent();
                external = external || (event instanceof JackrabbitEvent je && je.isExternal());
            }
            if (!external) {
                return;
            }
            LOG.debug("Changes from another cluster node in workspace [{}]", workspace);
            for (Consumer<String> listener : listeners) {
                try {
                    listener.accept(workspace);
                } catch (RuntimeException e) {
                    LOG.warn("A listener failed on an external change in [{}]", workspace, e);
                }
            }
        }
    }
}
