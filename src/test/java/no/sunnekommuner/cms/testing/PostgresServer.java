package no.sunnekommuner.cms.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A private PostgreSQL server for one test class: a fresh cluster (initdb) in a temporary folder on a free port,
 * which the test may stop and start again without disturbing other tests. Uses the Debian package's binaries
 * ({@code apt-get install postgresql}; {@code .ci/run} installs it). As root (CI), the server runs as the
 * {@code postgres} user, because PostgreSQL refuses to run as root.
 * Without PostgreSQL the test is skipped locally; on CI ({@code CI=true}) it fails instead.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "sk";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** Creates and starts a private cluster with a superuser {@link #USER} (trust authentication, 127.0.0.1). */
    public static PostgresServer start() throws Exception {
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            String message = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install"
                    + " postgresql";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI must run the PostgreSQL tests)");
            }
            Assumptions.abort(message + "; test skipped");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("sk-postgres");
        PostgresServer server = new PostgresServer(bin.get(), dir, freePort(), root);
        if (root) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        server.pg(List.of(bin.get().resolve("initdb").toString(), "-D", server.data().toString(), "-U", USER,
                "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"));
        server.startServer();
        return server;
    }

    private static Optional<Path> binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
        }
    }

    private static Integer versionOf(String name) {
        return name.matches("[0-9]+") ? Integer.parseInt(name) : 0;
    }

    private Path data() {
        return dir.resolve("data");
    }

    /** Starts the server (again); waits until it accepts connections. */
    public void startServer() throws Exception {
        // fsync off: the tests crash JVMs, not the database; durability of PostgreSQL itself is not under test
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start"));
    }

    /** Stops the server (fast shutdown: open connections are closed). */
    public void stopServer() throws Exception {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "60",
                "stop"));
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                Statement st = c.createStatement()) {
            st.execute("create database " + name);
        }
        return jdbcUrl(name);
    }

    /** Settings of an instance in postgresql mode on a database of this server. */
    public Map<String, String> settings(String database, String nodeId, int syncDelayMillis) {
        return Map.of("repository.mode", "postgresql", "repository.jdbcUrl", jdbcUrl(database),
                "repository.user", USER, "repository.password", "", "repository.clusterNodeId", nodeId,
                "repository.syncDelay", String.valueOf(syncDelayMillis), "repository.poolSize", "10");
    }

    private void pg(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(out));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stopServer();
        } catch (Exception e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
