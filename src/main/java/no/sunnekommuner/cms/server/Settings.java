package no.sunnekommuner.cms.server;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import no.sunnekommuner.cms.content.i18n.SiteLocales;

/**
 * The runtime's configuration: built-in defaults, then a properties file, then {@code -Dsk.<key>} system
 * properties, then {@code SK_<KEY>} environment variables (the last one set wins).
 */
public final class Settings {

    private static final String DEFAULTS = "/sunne-kommuner-defaults.properties";
    public static final String FILE_NAME = "sunne-kommuner.properties";

    private final ImmutableMap<String, String> values;

    public Settings(Map<String, String> values) {
        this.values = ImmutableMap.copyOf(values);
    }

    /** Reads the defaults, the configuration file and the overrides of this process. */
    public static Settings load() {
        return load(System.getenv(), System.getProperties());
    }

    public static Settings load(Map<String, String> env, Properties system) {
        Map<String, String> merged = new TreeMap<>(read(DEFAULTS));
        String file = system.getProperty("sk.config", env.get("SK_CONFIG"));
        Path config = Path.of(file != null ? file : FILE_NAME);
        if (Files.isRegularFile(config)) {
            merged.putAll(readFile(config));
        } else if (file != null) {
            throw new ConfigurationException("Configuration file " + config.toAbsolutePath() + " does not exist");
        }
        for (String key : ImmutableList.copyOf(merged.keySet())) {
            String sys = system.getProperty("sk." + key);
            if (sys != null) {
                merged.put(key, sys);
            }
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                merged.put(key, fromEnv);
            }
        }
        return new Settings(merged);
    }

    /** {@code server.port} → {@code SK_SERVER_PORT}; camel case gets an underscore too. */
    public static String envName(String key) {
        return "SK_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").replaceAll("[.-]", "_").toUpperCase(Locale.ROOT);
    }

    public Settings with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new Settings(copy);
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new ConfigurationException("Missing setting '" + key + "'");
        }
        return value.trim();
    }

    public String get(String key, String fallback) {
        String value = values.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public int integer(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Setting '" + key + "' must be a whole number, not '" + get(key) + "'");
        }
    }

    /** A whole number, or the fallback when the setting is empty. */
    public long longInteger(String key, long fallback) {
        String value = get(key, "");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Setting '" + key + "' must be a whole number, not '" + value + "'");
        }
    }

    public boolean flag(String key) {
        String value = get(key).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigurationException("Setting '" + key + "' must be true or false, not '"
                    + value + "'");
        };
    }

    public ImmutableList<String> list(String key) {
        return ImmutableList.copyOf(Splitter.on(',').trimResults().omitEmptyStrings().split(get(key, "")));
    }

    public int port() {
        return integer("server.port");
    }

    public Path dataDir() {
        return Path.of(get("data.dir"));
    }

    public ImmutableList<Path> lightModuleDirs() {
        return list("lightModules.dirs").stream().map(Path::of).collect(ImmutableList.toImmutableList());
    }

    /** The repository's persistence: embedded Derby, or a cluster node on PostgreSQL. */
    public no.sunnekommuner.cms.repository.RepositoryOptions repositoryOptions() {
        var mode = no.sunnekommuner.cms.repository.RepositoryOptions.Mode.parse(get("repository.mode", "embedded"));
        if (mode == no.sunnekommuner.cms.repository.RepositoryOptions.Mode.EMBEDDED) {
            return no.sunnekommuner.cms.repository.RepositoryOptions.embedded();
        }
        return new no.sunnekommuner.cms.repository.RepositoryOptions(mode, get("repository.jdbcUrl", ""),
                get("repository.user", ""), values.getOrDefault("repository.password", ""),
                integer("repository.poolSize"), get("repository.clusterNodeId", ""), integer("repository.syncDelay"));
    }

    public boolean demoContent() {
        return flag("demo.content");
    }

    /** The editor's time zone ({@code editor.timeZone}); a bad zone id is a configuration error. */
    public java.time.ZoneId editorTimeZone() {
        try {
            return java.time.ZoneId.of(get("editor.timeZone"));
        } catch (java.time.DateTimeException e) {
            throw new ConfigurationException("Setting 'editor.timeZone' is no time zone: " + get("editor.timeZone"));
        }
    }

    /**
     * The editor's date pattern ({@code editor.dateFormat}): days, months and years only ({@code d}/{@code dd},
     * {@code M}/{@code MM}, {@code yy}/{@code yyyy} with separators), as the date picker reads and writes them;
     * anything else is a configuration error.
     */
    public String editorDateFormat() {
        String pattern = get("editor.dateFormat");
        // the tokens the editor's date picker parses: d or dd, M or MM, yy or yyyy, with separators between
        boolean valid = pattern.matches("(?:(?<![d])d{1,2}(?![d])|(?<![M])M{1,2}(?![M])|(?<![y])(?:yyyy|yy)(?![y])"
                + "|[ ./-])+") && pattern.contains("d") && pattern.contains("M") && pattern.contains("y");
        if (!valid) {
            throw new ConfigurationException("Setting 'editor.dateFormat' is no date pattern of d, M and y (e.g. "
                    + "dd.MM.yyyy): " + pattern);
        }
        return pattern;
    }

    public SiteLocales siteLocales() {
        return new SiteLocales(list("content.languages"), get("content.defaultLanguage"),
                get("content.fallbackLanguage", get("content.defaultLanguage")));
    }

    public ImmutableMap<String, String> asMap() {
        return values;
    }

    private static Map<String, String> read(String resource) {
        try (InputStream in = Settings.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource + " on the classpath");
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return toMap(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> readFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(reader);
            return toMap(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> map = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return map;
    }
}
