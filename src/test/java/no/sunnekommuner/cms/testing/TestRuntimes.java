package no.sunnekommuner.cms.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.server.Settings;

/** Starts real runtimes (definitions + embedded Jackrabbit) in temporary folders for tests. */
public final class TestRuntimes {

    /** The project's own light modules. */
    public static final Path LIGHT_MODULES = Path.of("light-modules").toAbsolutePath();
    /** Extra light modules used only by tests (the YAML-only fifth content type). */
    public static final Path TEST_LIGHT_MODULES = Path.of("src/test/resources/light-modules").toAbsolutePath();

    /** A light module whose app is limited to the publisher role (access policy tests). */
    public static final Path ACCESS_LIGHT_MODULES = Path.of("src/test/resources/access-light-modules")
            .toAbsolutePath();

    private TestRuntimes() {
    }

    public static Settings settings(Path dataDir, List<Path> lightModuleDirs) {
        Map<String, String> values = new HashMap<>(Settings.load(Map.of(), new Properties()).asMap());
        values.put("data.dir", dataDir.toString());
        values.put("lightModules.dirs", lightModuleDirs.stream().map(Path::toString).collect(Collectors.joining(",")));
        values.put("demo.content", "false");
        values.put("server.port", "0");
        // the suite starts hundreds of runtimes: no background opening of workspaces a test may never use
        values.put("repository.warmUp", "false");
        return new Settings(values);
    }

    public static CmsRuntime start(Path dataDir, List<Path> lightModuleDirs) throws Exception {
        Files.createDirectories(dataDir);
        return CmsRuntime.start(settings(dataDir, lightModuleDirs));
    }

    /** A runtime whose review decisions and scheduler follow the test's clock. */
    public static CmsRuntime start(Path dataDir, List<Path> lightModuleDirs, java.time.Clock clock)
            throws Exception {
        Files.createDirectories(dataDir);
        return CmsRuntime.start(settings(dataDir, lightModuleDirs), clock);
    }

    public static CmsRuntime start(Path dataDir) throws Exception {
        return start(dataDir, List.of(LIGHT_MODULES));
    }
}
