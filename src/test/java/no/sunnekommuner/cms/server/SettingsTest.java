package no.sunnekommuner.cms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsThenSystemPropertiesThenEnvironment() {
        Settings defaults = Settings.load(Map.of(), new Properties());
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(defaults.demoContent()).isTrue();
        assertThat(defaults.siteLocales().defaultLanguage()).isEqualTo("nb");
        assertThat(defaults.siteLocales().languages()).containsExactly("nb", "en");

        Properties system = new Properties();
        system.setProperty("sk.server.port", "9000");
        system.setProperty("sk.data.dir", "/tmp/sys");
        Settings overridden = Settings.load(Map.of("SK_DATA_DIR", "/tmp/env", "SK_DEMO_CONTENT", "false",
                "SK_LIGHT_MODULES_DIRS", "/a,/b"), system);
        assertThat(overridden.port()).isEqualTo(9000);
        assertThat(overridden.dataDir()).isEqualTo(Path.of("/tmp/env"));
        assertThat(overridden.demoContent()).isFalse();
        assertThat(overridden.lightModuleDirs()).containsExactly(Path.of("/a"), Path.of("/b"));
    }

    @Test
    void environmentNamesAndBadValues() {
        assertThat(Settings.envName("server.port")).isEqualTo("SK_SERVER_PORT");
        assertThat(Settings.envName("lightModules.dirs")).isEqualTo("SK_LIGHT_MODULES_DIRS");
        Settings bad = Settings.load(Map.of("SK_SERVER_PORT", "eighty", "SK_DEMO_CONTENT", "maybe"), new Properties());
        assertThatThrownBy(bad::port).hasMessageContaining("server.port").hasMessageContaining("eighty");
        assertThatThrownBy(bad::demoContent).hasMessageContaining("demo.content");
    }

    @Test
    void editorDateFormatFromTheSettingAndCheckedAtOnce() {
        assertThat(Settings.load(Map.of(), new Properties()).editorDateFormat()).isEqualTo("dd.MM.yyyy");
        assertThat(Settings.load(Map.of("SK_EDITOR_DATE_FORMAT", "yyyy-MM-dd"), new Properties()).editorDateFormat())
                .isEqualTo("yyyy-MM-dd");
        assertThat(Settings.load(Map.of("SK_EDITOR_DATE_FORMAT", "d/M/yy"), new Properties()).editorDateFormat())
                .isEqualTo("d/M/yy");
        // only what the editor's date picker reads: no times, month names or stray letters
        for (String bad : new String[] {"dd.MM.yyyy HH:mm", "dd. MMM yyyy", "dd.MM", "yyy-MM-dd", "dd.MM.yyyy'x'"}) {
            Settings settings = Settings.load(Map.of("SK_EDITOR_DATE_FORMAT", bad), new Properties());
            assertThatThrownBy(settings::editorDateFormat).as(bad).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("editor.dateFormat");
        }
    }

    @Test
    void missingExplicitConfigFileIsAnError() {
        Properties system = new Properties();
        system.setProperty("sk.config", "/nonexistent/sk.properties");
        assertThatThrownBy(() -> Settings.load(Map.of(), system)).hasMessageContaining("/nonexistent/sk.properties");
    }

    @Test
    void repositoryModeAndClusterSettingsFromTheEnvironment() {
        Settings defaults = Settings.load(Map.of(), new Properties());
        assertThat(defaults.repositoryOptions().clustered()).isFalse();
        Settings cluster = Settings.load(Map.of("SK_REPOSITORY_MODE", "postgresql",
                "SK_REPOSITORY_JDBC_URL", "jdbc:postgresql://db:5432/cms", "SK_REPOSITORY_USER", "cms",
                "SK_REPOSITORY_PASSWORD", "s3cret-pw", "SK_REPOSITORY_CLUSTER_NODE_ID", "public-1",
                "SK_REPOSITORY_SYNC_DELAY", "250", "SK_REPOSITORY_POOL_SIZE", "8"), new Properties());
        var options = cluster.repositoryOptions();
        assertThat(options.clustered()).isTrue();
        assertThat(options.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/cms");
        assertThat(options.user()).isEqualTo("cms");
        assertThat(options.password()).isEqualTo("s3cret-pw");
        assertThat(options.clusterNodeId()).isEqualTo("public-1");
        assertThat(options.syncDelayMillis()).isEqualTo(250);
        assertThat(options.poolSize()).isEqualTo(8);
        assertThat(options.toString()).doesNotContain("s3cret-pw");

        assertThatThrownBy(() -> Settings.load(Map.of("SK_REPOSITORY_MODE", "oracle"), new Properties())
                .repositoryOptions()).hasMessageContaining("repository.mode");
        assertThatThrownBy(() -> Settings.load(Map.of("SK_REPOSITORY_MODE", "postgresql"), new Properties())
                .repositoryOptions()).hasMessageContaining("repository.jdbcUrl");
        assertThatThrownBy(() -> Settings.load(Map.of("SK_REPOSITORY_MODE", "postgresql",
                "SK_REPOSITORY_JDBC_URL", "jdbc:postgresql://db/cms", "SK_REPOSITORY_CLUSTER_NODE_ID", "a b/../c"),
                new Properties()).repositoryOptions()).hasMessageContaining("repository.clusterNodeId");
    }
}
