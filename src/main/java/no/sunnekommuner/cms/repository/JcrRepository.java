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
import org.apache.jackrabbit.core.config.RepositoryConfig;
import org.slf4j.Logger;
import org.xml.sax.InputSource;
import org.slf4j.LoggerFactory;

/**
 * The Jackrabbit repository: starts it in a data folder (embedded Derby) or as a cluster node on PostgreSQL,
 * creates workspaces on demand and hands out sessions. Closing it shuts Jackrabbit down cleanly (indexes and
 * Derby flushed, the cluster node's revision recorded).
 */
public final class JcrRepository implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JcrRepository.class);
    private static final String ADMIN = "admin";

    private final Path home;
    /** Completes when Jackrabbit has started and the start's own work is done; logins wait for it. */
    private final java.util.concurrent.CompletableFuture<SessionRepository> started =
            new java.util.concurrent.CompletableFuture<>();
    /** Jackrabbit while the start thread prepares it (that thread's logins must not wait for themselves). */
    private volatile SessionRepository starting;
    private volatile Thread startThread;
    /** Workspaces asked for before the start finished: created by the start, before anyone else logs in. */
    private final Set<String> required = new java.util.LinkedHashSet<>();
    /** Who the first log-in authenticated: later sessions are opened for it without the password check. */
    private volatile javax.security.auth.Subject admin;
    private final RepositoryOptions options;
    private final ExternalChanges externalChanges;
    private final QueryCounts queryCounts = new QueryCounts();

    private static final String FORCE_CHECK_VARIABLE = "sk.forceConsistencyCheck";
    private static final String FIXED_FORCE_CHECK = "<param name=\"forceConsistencyCheck\" value=\"true\"/>";
    private static final String VARIABLE_FORCE_CHECK = "<param name=\"forceConsistencyCheck\" value=\"${"
            + FORCE_CHECK_VARIABLE + "}\"/>";
    private static final long ITEM_STATE_CACHE_PER_WORKSPACE = 1L << 20;
    private static final long ITEM_STATE_CACHES = 8L << 20;
    private static final String PARALLEL_INDEX_READS = "<param name=\"useSimpleFSDirectory\" value=\"false\"/>";
    private static final String DERBY_PERSISTENCE = "org.apache.jackrabbit.core.persistence.pool.DerbyPersistenceManager";
    private static final String STOCK_DERBY_PERSISTENCE_CLASS = "class=\"" + DERBY_PERSISTENCE + "\"";
    private static final String DERBY_PERSISTENCE_CLASS = "class=\"" + DerbyBundlePersistenceManager.class.getName()
            + "\"";
    private static final String SMALL_BUNDLE_CACHE = "<param name=\"bundleCacheSize\" value=\"1\"/>";
    private final Set<String> knownWorkspaces = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong openSessions = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong sessionsOpened = new java.util.concurrent.atomic.AtomicLong();

    private JcrRepository(Path home, RepositoryOptions options) {
        this.home = home;
        this.options = options;
        this.externalChanges = new ExternalChanges(this);
    }

    /** What the start does once Jackrabbit runs, before anyone else logs in (node types, workspaces). */
    @FunctionalInterface
    public interface StartWork {
        void run(JcrRepository repository) throws RepositoryException;
    }

    /** On the start thread: Jackrabbit, the workspaces it has, then {@code work}; then the waiting logins go on. */
    private void startJackrabbit(InputSource config, Properties variables, StartWork work) {
        SessionRepository repository = null;
        try {
            long begun = System.nanoTime();
            repository = SessionRepository.start(RepositoryConfig.create(config, variables));
            // Jackrabbit's item-state caches (and its bundle caches, repository.xml) are kept small on purpose: no
            // cache of ours holds a news workspace of 10,000 items, and a cache that churns under pages read all
            // over the list keeps each entry long enough to be promoted, so the old generation filled with evicted
            // entries and full collections set the p99 (GC logs, issue 13). Small caches' entries die young;
            // Derby's page cache below them keeps the bundles as compact bytes in buffers it reuses. README, Memory.
            repository.getCacheManager().setMaxMemoryPerCache(ITEM_STATE_CACHE_PER_WORKSPACE);
            repository.getCacheManager().setMaxMemory(ITEM_STATE_CACHES);
            LOG.info("Jackrabbit repository ({}) started in {} ms at {}", options,
                    (System.nanoTime() - begun) / 1_000_000, home);
            starting = repository;
            Session session = login("default");
            try {
                knownWorkspaces.addAll(Set.of(session.getWorkspace().getAccessibleWorkspaceNames()));
            } finally {
                session.logout();
            }
            if (options.clustered()) {
                for (String workspace : knownWorkspaces) {
                    externalChanges.watch(workspace);
                }
            }
            work.run(this);
            synchronized (required) {
                // asked for meanwhile (requireWorkspace): created before anyone else logs in
                for (String workspace : required) {
                    ensureWorkspace(workspace);
                }
                started.complete(repository);
            }
        } catch (RepositoryException | RuntimeException | Error e) {
            externalChanges.close();
            if (repository != null) {
                repository.shutdown();
            }
            started.completeExceptionally(e);
        } finally {
            starting = null;
        }
    }

    /**
     * Jackrabbit, once started: the start thread gets it at once, every other caller waits for the start (a
     * failed start is thrown to each, with its cause).
     */
    private SessionRepository jackrabbit() throws RepositoryException {
        if (Thread.currentThread() == startThread) {
            SessionRepository repository = starting;
            if (repository != null) {
                return repository;
            }
        }
        try {
            return started.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RepositoryException("The repository in " + home + " did not start: " + cause.getMessage(),
                    cause);
        }
    }

    /**
     * Waits until the repository has started (as {@link #start} leaves it); a failed start is thrown.
     */
    public void awaitStarted() throws RepositoryException {
        jackrabbit();
    }

    /**
     * Repositories created before the check depended on the shutdown have {@code forceConsistencyCheck} fixed to
     * true in their copied configuration: it becomes the variable, in the repository template and every workspace.
     * Those created before parallel index reads get {@code useSimpleFSDirectory=false} the same way, embedded
     * workspaces created before small bundle caches get {@code bundleCacheSize=1}, and embedded workspaces and
     * version stores made with Jackrabbit's Derby persistence manager get {@link DerbyBundlePersistenceManager}.
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
            if (!updated.contains("useSimpleFSDirectory")) {
                // indexes read in parallel (see repository.xml) in workspaces created before that setting
                updated = updated.replace("</SearchIndex>", PARALLEL_INDEX_READS + "</SearchIndex>");
            }
            // Derby's storage properties written only when they change (DerbyBundlePersistenceManager), in the
            // workspaces and the version store created before that class
            updated = updated.replace(STOCK_DERBY_PERSISTENCE_CLASS, DERBY_PERSISTENCE_CLASS);
            if (!updated.contains("bundleCacheSize") && updated.contains(DERBY_PERSISTENCE_CLASS)) {
                // small bundle caches (see repository.xml) in embedded workspaces created before that setting
                updated = updated.replaceFirst("(<PersistenceManager " + java.util.regex.Pattern.quote(
                        DERBY_PERSISTENCE_CLASS) + ">)", "$1" + SMALL_BUNDLE_CACHE);
            }
            if (!updated.equals(xml)) {
                Files.writeString(file, updated, StandardCharsets.UTF_8);
            }
        }
    }

    /** Starts (creating if needed) the embedded repository in {@code home}. */
    public static JcrRepository start(Path home) throws IOException, RepositoryException {
        return start(home, RepositoryOptions.embedded());
    }

    /**
     * Starts (creating if needed) the repository in {@code home}: embedded, or as a node of the cluster on the
     * configured PostgreSQL database (then {@code home} keeps only this instance's indexes and revision).
     */
    public static JcrRepository start(Path home, RepositoryOptions options) throws IOException, RepositoryException {
        JcrRepository repository = begin(home, options, r -> {
        });
        repository.awaitStarted();
        return repository;
    }

    /**
     * As {@link #start(Path, RepositoryOptions)}, but returns at once, while Jackrabbit starts on a thread of its
     * own and then runs {@code work}: the caller builds what needs no content meanwhile (the web server). Every
     * log-in waits until both are done, and throws if the start failed ({@link #awaitStarted}); so does
     * {@link #close}, before it shuts down. The checks that need no repository (the data folder, its mode) throw
     * here, at once.
     */
    public static JcrRepository begin(Path home, RepositoryOptions options, StartWork work) throws IOException {
        Files.createDirectories(home);
        Path config = home.resolve("repository.xml");
        String template = options.clustered() ? "repository-postgresql.xml" : "repository.xml";
        if (Files.exists(config) && options.clustered() != Files.readString(config).contains("<Cluster")) {
            throw new IllegalStateException("The data folder " + home + " belongs to a repository in "
                    + (options.clustered() ? "embedded" : "postgresql") + " mode; use another data.dir for "
                    + options.mode().name().toLowerCase(java.util.Locale.ROOT) + " mode");
        }
        if (!Files.exists(config)) {
            try (InputStream in = JcrRepository.class.getResourceAsStream(template)) {
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
        RepositoryOptions effective = options;
        if (options.clustered()) {
            effective = withNodeId(home, options);
            // secrets stay in memory: the copied repository.xml names only the variables
            variables.setProperty("sk.db.url", effective.jdbcUrl());
            variables.setProperty("sk.db.user", effective.user());
            variables.setProperty("sk.db.password", effective.password());
            variables.setProperty("sk.db.poolSize", String.valueOf(effective.poolSize()));
            variables.setProperty("sk.cluster.nodeId", effective.clusterNodeId());
            variables.setProperty("sk.cluster.syncDelay", String.valueOf(effective.syncDelayMillis()));
        }
        JcrRepository repository = new JcrRepository(home, effective);
        InputSource source = new InputSource(config.toUri().toString());
        Thread thread = new Thread(() -> repository.startJackrabbit(source, variables, work), "repository-start");
        thread.setDaemon(true);
        repository.startThread = thread;
        thread.start();
        return repository;
    }

    /**
     * The cluster node id: the configured one, or one generated at the first start and kept in the data folder
     * (in Jackrabbit's own file), so that a restarted instance continues from its journal revision.
     */
    private static RepositoryOptions withNodeId(Path home, RepositoryOptions options) throws IOException {
        if (!options.clusterNodeId().isEmpty()) {
            return options;
        }
        Path file = home.resolve("cluster_node.id");
        String id;
        if (Files.isRegularFile(file)) {
            id = Files.readString(file, StandardCharsets.UTF_8).trim();
        } else {
            id = "sk-" + java.util.UUID.randomUUID();
            Files.writeString(file, id, StandardCharsets.UTF_8);
        }
        return new RepositoryOptions(options.mode(), options.jdbcUrl(), options.user(), options.password(),
                options.poolSize(), id, options.syncDelayMillis());
    }

    /** How this repository keeps its content (never print its password: its toString leaves it out). */
    public RepositoryOptions options() {
        return options;
    }

    /**
     * Registers a callback run with a workspace's name whenever another cluster node changed content in it
     * (after this node applied the change). Caches that the content service empties on local writes subscribe
     * here too, so that they follow the cluster. Never called in embedded mode.
     */
    public void onExternalChange(java.util.function.Consumer<String> listener) {
        externalChanges.add(listener);
    }

    /**
     * Checks that the repository answers: a login, a query, and in postgresql mode the database itself
     * (Jackrabbit keeps serving reads from its caches while the database is away).
     */
    public void checkReady() throws RepositoryException, java.sql.SQLException {
        withSession("default", s -> {
            s.getWorkspace().getQueryManager().createQuery("SELECT * FROM [nt:base] AS n WHERE ISSAMENODE(n, '/')",
                    javax.jcr.query.Query.JCR_SQL2).execute().getNodes().hasNext();
            return null;
        });
        if (options.clustered()) {
            try (java.sql.Connection c = database(); java.sql.Statement st = c.createStatement()) {
                st.setQueryTimeout(2);
                st.execute("select 1");
            }
        }
    }

    /**
     * How many journal entries other cluster nodes wrote that this one has not applied yet; empty in embedded
     * mode or when the database cannot be read.
     */
    public java.util.OptionalLong journalLag() {
        if (!options.clustered()) {
            return java.util.OptionalLong.empty();
        }
        try (java.sql.Connection c = database();
                java.sql.PreparedStatement st = c.prepareStatement("select (select max(revision_id) from"
                        + " journal_global_revision) - (select revision_id from journal_local_revisions"
                        + " where journal_id = ?)")) {
            st.setQueryTimeout(2);
            st.setString(1, options.clusterNodeId());
            try (java.sql.ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getObject(1) != null
                        ? java.util.OptionalLong.of(Math.max(0, rs.getLong(1))) : java.util.OptionalLong.empty();
            }
        } catch (java.sql.SQLException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** A short-lived connection of its own (not from Jackrabbit's pool), with short timeouts. */
    private java.sql.Connection database() throws java.sql.SQLException {
        Properties p = new Properties();
        p.setProperty("user", options.user());
        p.setProperty("password", options.password());
        p.setProperty("connectTimeout", "2");
        p.setProperty("socketTimeout", "3");
        p.setProperty("loginTimeout", "3");
        return new org.postgresql.Driver().connect(options.jdbcUrl(), p);
    }

    public Path home() {
        return home;
    }

    /** Jackrabbit itself, once started (waits for the start). */
    public Repository jcr() throws RepositoryException {
        return jackrabbit();
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
                externalChanges.watch(name);
            } finally {
                session.logout();
            }
        }
    }

    /**
     * Creates the workspace if it does not exist yet: at once when the repository has started, else as part of
     * the start, before any other log-in (so a store can ask for its workspace while it is built, without waiting).
     */
    public void requireWorkspace(String name) throws RepositoryException {
        synchronized (required) {
            if (!started.isDone()) {
                required.add(name);
                return;
            }
        }
        ensureWorkspace(name);
    }

    /** Remembered query totals of this repository; the content service empties them on every change. */
    public QueryCounts queryCounts() {
        return queryCounts;
    }

    /** A new system session on a workspace; the caller logs it out. */
    public Session login(String workspace) throws RepositoryException {
        javax.jcr.Session session;
        javax.security.auth.Subject authenticated = admin;
        SessionRepository repository = jackrabbit();
        if (authenticated == null) {
            session = repository.login(new SimpleCredentials(ADMIN, ADMIN.toCharArray()), workspace);
            admin = ((org.apache.jackrabbit.core.SessionImpl) session).getSubject();
        } else {
            session = repository.sessionFor(authenticated, workspace);
        }
        sessionsOpened.incrementAndGet();
        openSessions.incrementAndGet();
        ((org.apache.jackrabbit.core.SessionImpl) session).addListener(new org.apache.jackrabbit.core.SessionListener() {
            @Override
            public void loggingOut(org.apache.jackrabbit.core.SessionImpl s) {
            }

            @Override
            public void loggedOut(org.apache.jackrabbit.core.SessionImpl s) {
                openSessions.decrementAndGet();
            }
        });
        return session;
    }

    /** JCR sessions open now (for metrics: a growing number means a leak). */
    public long openSessions() {
        return openSessions.get();
    }

    /** JCR sessions opened since start. */
    public long sessionsOpened() {
        return sessionsOpened.get();
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
        SessionRepository repository;
        try {
            repository = jackrabbit(); // a start still running ends first
        } catch (RepositoryException e) {
            return; // the failed start shut Jackrabbit down itself
        }
        LOG.info("Shutting down the repository at {}", home);
        externalChanges.close();
        repository.shutdown();
    }
}
