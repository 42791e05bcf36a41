package no.sunnekommuner.cms.content.preview;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the apps' preview templates from {@code <module>/standalone/preview.yaml} of every light module (the
 * {@code standalone} folder is never scanned by Magnolia 6.2, which registers definitions only from its known
 * folders, so the module stays a plain Magnolia module; an unknown key in an app descriptor would be reported
 * there as a definition problem instead):
 * <pre>
 * apps:
 *   news-app:
 *     previewUrl: "{site}/{lang}/nyheter/{name}?preview={token}"
 *   benefits-app:
 *     previewUrl:                     # or one template per language
 *       nb: "{site}/fordeler{path}?preview={token}"
 *       en: "{site}/en/benefits{path}?preview={token}"
 * </pre>
 * The key {@value #ANY_LANGUAGE} of the result's inner map is the template of every language.
 */
public final class PreviewTemplatesFile {

    public static final String FILE = "standalone/preview.yaml";
    public static final String ANY_LANGUAGE = "*";

    private PreviewTemplatesFile() {
    }

    /** @param knownApps app names of the loaded definitions: a template for another name is an error */
    public static ImmutableMap<String, ImmutableMap<String, String>> read(Iterable<Path> lightModuleDirs,
            Set<String> knownApps) {
        Map<String, ImmutableMap<String, String>> out = new LinkedHashMap<>();
        for (Path dir : lightModuleDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> modules = Files.newDirectoryStream(dir, Files::isDirectory)) {
                for (Path module : modules) {
                    Path file = module.resolve(FILE);
                    if (Files.isRegularFile(file)) {
                        readOne(file, knownApps, out);
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
        return ImmutableMap.copyOf(out);
    }

    private static void readOne(Path file, Set<String> knownApps, Map<String, ImmutableMap<String, String>> out)
            throws IOException {
        Object root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            return;
        }
        if (!(root instanceof Map<?, ?> top) || !Set.of("apps").containsAll(keys(top))
                || !(top.get("apps") instanceof Map<?, ?> apps)) {
            throw new IllegalArgumentException(file + ": expected 'apps: {<app>: {previewUrl: …}}'");
        }
        for (Map.Entry<?, ?> e : apps.entrySet()) {
            String app = String.valueOf(e.getKey());
            if (!knownApps.contains(app)) {
                throw new IllegalArgumentException(file + ": no app '" + app + "' is loaded; known: " + knownApps);
            }
            if (!(e.getValue() instanceof Map<?, ?> settings) || !Set.of("previewUrl").containsAll(keys(settings))
                    || settings.get("previewUrl") == null) {
                throw new IllegalArgumentException(file + ": app '" + app + "' takes only 'previewUrl: <template>'");
            }
            ImmutableMap.Builder<String, String> templates = ImmutableMap.builder();
            if (settings.get("previewUrl") instanceof Map<?, ?> perLanguage) {
                for (Map.Entry<?, ?> l : perLanguage.entrySet()) {
                    templates.put(String.valueOf(l.getKey()), checked(file, app, l.getValue()));
                }
            } else {
                templates.put(ANY_LANGUAGE, checked(file, app, settings.get("previewUrl")));
            }
            out.put(app, templates.build());
        }
    }

    private static String checked(Path file, String app, Object template) {
        if (!(template instanceof String url) || !url.contains("{token}")) {
            throw new IllegalArgumentException(file + ": the previewUrl of '" + app + "' must be a text with {token}");
        }
        String start = url.replace("{site}", "http://site").toLowerCase(java.util.Locale.ROOT);
        if (!start.startsWith("http://") && !start.startsWith("https://")) {
            throw new IllegalArgumentException(file + ": the previewUrl of '" + app + "' must start with "
                    + "{site}, http:// or https://");
        }
        return url;
    }

    private static Set<String> keys(Map<?, ?> map) {
        Set<String> keys = new java.util.HashSet<>();
        map.keySet().forEach(k -> keys.add(String.valueOf(k)));
        return keys;
    }
}
