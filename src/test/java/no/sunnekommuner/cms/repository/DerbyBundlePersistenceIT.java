package no.sunnekommuner.cms.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded workspaces' persistence ({@link DerbyBundlePersistenceManager}): a new database gets Jackrabbit's
 * Derby storage properties, a changed one gets them back at the next start, and repositories made with Jackrabbit's
 * own Derby persistence manager move to it at their next start with their content.
 */
class DerbyBundlePersistenceIT {

    private static final String STOCK = "org.apache.jackrabbit.core.persistence.pool.DerbyPersistenceManager";
    private static final Map<String, String> JACKRABBIT_DEFAULTS = Map.of(
            "derby.storage.initialPages", "16",
            "derby.storage.minimumRecordSize", "512",
            "derby.storage.pageCacheSize", "1024",
            "derby.storage.pageReservedSpace", "20",
            "derby.storage.pageSize", "16384");

    @TempDir
    Path home;

    @Test
    void aNewWorkspaceDatabaseHoldsJackrabbitsStorageProperties() throws Exception {
        try (JcrRepository repository = JcrRepository.start(home)) {
            repository.ensureWorkspace("news");
            repository.withSession("news", s -> s.getRootNode());
        }
        assertThat(storageProperties(home.resolve("workspaces/news/db"))).isEqualTo(JACKRABBIT_DEFAULTS);
        assertThat(storageProperties(home.resolve("version/db"))).isEqualTo(JACKRABBIT_DEFAULTS);
    }

    @Test
    void aPropertyThatDiffersIsWrittenAgainAtTheNextStart() throws Exception {
        try (JcrRepository repository = JcrRepository.start(home)) {
            repository.ensureWorkspace("news");
            repository.withSession("news", s -> s.getRootNode());
        }
        Path db = home.resolve("workspaces/news/db");
        withDatabase(db, c -> {
            try (PreparedStatement set = c.prepareStatement(
                    "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageCacheSize', '100')")) {
                set.execute();
            }
            return null;
        });
        assertThat(storageProperties(db)).containsEntry("derby.storage.pageCacheSize", "100");

        try (JcrRepository repository = JcrRepository.start(home)) {
            repository.withSession("news", s -> s.getRootNode());
        }
        assertThat(storageProperties(db)).isEqualTo(JACKRABBIT_DEFAULTS);
    }

    @Test
    void aRepositoryOfJackrabbitsDerbyPersistenceMovesToItWithItsContent() throws Exception {
        try (JcrRepository repository = JcrRepository.start(home)) {
            repository.ensureWorkspace("news");
            repository.withSession("news", s -> {
                s.getRootNode().addNode("kept", "nt:unstructured").setProperty("title", "Folkehelse");
                s.save();
                return null;
            });
        }
        Path workspace = home.resolve("workspaces/news/workspace.xml");
        Path template = home.resolve("repository.xml");
        for (Path file : new Path[] {workspace, template}) {
            String xml = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(xml).contains(DerbyBundlePersistenceManager.class.getName());
            Files.writeString(file, xml.replace(DerbyBundlePersistenceManager.class.getName(), STOCK),
                    StandardCharsets.UTF_8);
        }
        // the template names it twice: the workspaces' and the version store's
        assertThat(Files.readString(template, StandardCharsets.UTF_8).split(java.util.regex.Pattern.quote(STOCK),
                -1)).hasSize(3);

        try (JcrRepository repository = JcrRepository.start(home)) {
            String title = repository.withSession("news",
                    s -> s.getNode("/kept").getProperty("title").getString());
            assertThat(title).isEqualTo("Folkehelse");
        }
        for (Path file : new Path[] {workspace, template}) {
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString()).doesNotContain(STOCK)
                    .contains(DerbyBundlePersistenceManager.class.getName());
        }
        assertThat(storageProperties(home.resolve("workspaces/news/db"))).isEqualTo(JACKRABBIT_DEFAULTS);
    }

    private static Map<String, String> storageProperties(Path db) throws SQLException {
        return withDatabase(db, c -> {
            Map<String, String> values = new LinkedHashMap<>();
            try (PreparedStatement get = c.prepareStatement("VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY(?)")) {
                for (String name : JACKRABBIT_DEFAULTS.keySet()) {
                    get.setString(1, name);
                    try (ResultSet rs = get.executeQuery()) {
                        rs.next();
                        values.put(name, rs.getString(1));
                    }
                }
            }
            return values;
        });
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Boots the (closed) database, does the work, and shuts it down again for the repository's next start. */
    private static <T> T withDatabase(Path db, Work<T> work) throws SQLException {
        String url = "jdbc:derby:" + db;
        T result;
        try (Connection c = DriverManager.getConnection(url)) {
            result = work.run(c);
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby answers a shutdown with SQLState 08006
            assertThat(expected.getSQLState()).isEqualTo("08006");
        }
        return result;
    }
}
