package no.sunnekommuner.cms.repository;

import com.google.common.collect.ImmutableSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.jcr.Repository;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import javax.jcr.SimpleCredentials;
import org.apache.jackrabbit.api.JackrabbitWorkspace;
import org.apache.jackrabbit.core.RepositoryImpl;
import org.apache.jackrabbit.core.config.RepositoryConfig;
import org.slf4j.Logger;
import org.xml.sax.InputSource;
import org.slf4j.LoggerFactory;

/**
 * The embedded Jackrabbit repository: starts it in a data folder, creates workspaces on demand and hands out
 * sessions. Closing it shuts Jackrabbit down cleanly (indexes and Derby flushed).
 */
public final class JcrRepository implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JcrRepository.class);
    private static final String ADMIN = "admin";

    private final Path home;
    private final RepositoryImpl repository;
    private final QueryCounts queryCounts = new QueryCounts();

    private static final String FORCE_CHECK_VARIABLE = "sk.forceConsistencyCheck";
    private static final String FIXED_FORCE_CHECK = "<param name=\"forceConsistencyCheck\" value=\"true\"/>";
    private static final String VARIABLE_FORCE_CHECK = "<param name=\"forceConsistencyCheck\" value=\"${"
            + FORCE_CHECK_VARIABLE + "}\"/>";
    private final Set<String> knownWorkspaces = ConcurrentHashMap.newKeySet();

    private JcrRepository(Path home, RepositoryImpl repository) throws RepositoryException {
        this.home = home;
        this.repository = repository;
        Session session = login("default");
        try {
            knownWorkspaces.addAll(Set.of(session.getWorkspace().getAccessibleWorkspaceNames()));
        } finally {
            session.logout();
        }
    }

    /**
     * Repositories created before the check depended on the shutdown have {@code forceConsistencyCheck} fixed to
     * true in their copied configuration: it becomes the variable, in the repository template and every workspace.
     */
    private static void forceConsistencyCheckByVariable(Path home) throws IOException {
        List<Path> configs = new ArrayList<>();
        configs.add(home.resolve("repository.xml"));
        Path workspaces = home.resolve("workspaces");
        if (Files.isDirectory(workspaces)) {
            try (Stream<Path> dirs = Files.list(workspaces)) {
                dirs.map(d -> d.resolve("workspace.xml")).filter(Files::isRegularFile).forEach(configs::add);
            }
        }
        for (Path file : configs) {
            String xml = Files.readString(file, StandardCharsets.UTF_8);
            String updated = xml.replace(FIXED_FORCE_CHECK, VARIABLE_FORCE_CHECK);
            if (!updated.equals(xml)) {
                Files.writeString(file, updated, StandardCharsets.UTF_8);
            }
        }
    }

    /** Starts (creating if needed) the repository in {@code home}. */
    public static JcrRepository start(Path home) throws IOException, RepositoryException {
        Files.createDirectories(home);
        Path config = home.resolve("repository.xml");
        if (!Files.exists(config)) {
            try (InputStream in = JcrRepository.class.getResourceAsStream("repository.xml")) {
                if (in == null) {
                    throw new IllegalStateException("repository.xml template missing from the classpath");
                }
                Files.writeString(config, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        // Derby writes derby.log into the working directory unless told otherwise.
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
        // Jackrabbit leaves its lock file behind only when the last run did not shut down (kill -9, power loss):
        // then, and only then, every index is checked against the stored content and repaired, because such a
        // crash can leave the index without the last writes; after a clean shutdown the check would cost seconds.
        boolean crashed = Files.exists(home.resolve(".lock"));
        if (crashed) {
            LOG.warn("The repository at {} was not shut down cleanly: checking and repairing its search indexes", home);
        }
        forceConsistencyCheckByVariable(home);
        Properties variables = new Properties(System.getProperties());
        variables.setProperty("rep.home", home.toString());
        variables.setProperty(FORCE_CHECK_VARIABLE, String.valueOf(crashed));
        long started = System.nanoTime();
        RepositoryImpl repository = RepositoryImpl.create(RepositoryConfig.create(
                new InputSource(config.toUri().toString()), variables));
        LOG.info("Jackrabbit repository started in {} ms at {}", (System.nanoTime() - started) / 1_000_000, home);
        return new JcrRepository(home, repository);
    }

    public Path home() {
        return home;
    }

    public Repository jcr() {
        return repository;
    }

    /** Creates the workspace if it does not exist yet. */
    public void ensureWorkspace(String name) throws RepositoryException {
        if (knownWorkspaces.contains(name)) {
            return;
        }
        synchronized (knownWorkspaces) {
            if (knownWorkspaces.contains(name)) {
                return;
            }
            Session session = login("default");
            try {
                Set<String> existing = ImmutableSet.copyOf(session.getWorkspace().getAccessibleWorkspaceNames());
                if (!existing.contains(name)) {
                    LOG.info("Creating workspace [{}]", name);
                    ((JackrabbitWorkspace) session.getWorkspace()).createWorkspace(name);
                }
                knownWorkspaces.addAll(existing);
                knownWorkspaces.add(name);
            } finally {
                session.logout();
            }
        }
    }

    /** Remembered query totals of this repository; the content service empties them on every change. */
    public QueryCounts queryCounts() {
        return queryCounts;
    }

    /** A new system session on a workspace; the caller logs it out. */
    public Session login(String workspace) throws RepositoryException {
        return repository.login(new SimpleCredentials(ADMIN, ADMIN.toCharArray()), workspace);
    }

    /** Runs work in a fresh session that is always logged out. */
    public <T> T withSession(String workspace, SessionWork<T> work) throws RepositoryException {
        Session session = login(workspace);
        try {
            return work.run(session);
        } finally {
            session.logout();
        }
    }

    /** Work done in one JCR session. */
    @FunctionalInterface
    public interface SessionWork<T> {
        T run(Session session) throws RepositoryException;
    }

    @Override
    public void close() {
        LOG.info("Shutting down the repository at {}", home);
        repository.shutdown();
    }
}
