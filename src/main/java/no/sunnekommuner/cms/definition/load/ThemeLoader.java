package no.sunnekommuner.cms.definition.load;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.sunnekommuner.cms.definition.ImagingVariation;
import no.sunnekommuner.cms.definition.ThemeDefinition;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the themes of the light modules ({@code <module>/themes/<name>.yaml}, the file name is the theme's name as
 * in Magnolia's theme registry). Only {@code imaging.variations} is read; a variation without {@code name} takes
 * its key, as Magnolia's Map2Bean does. A malformed theme stops start-up with the file and the key named.
 */
public final class ThemeLoader {

    public ImmutableMap<String, ThemeDefinition> load(List<Path> lightModuleDirs) {
        Map<String, ThemeDefinition> themes = new LinkedHashMap<>();
        for (Path root : lightModuleDirs) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> modules = Files.list(root)) {
                for (Path module : modules.sorted().toList()) {
                    Path dir = module.resolve("themes");
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.list(dir)) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                            ThemeDefinition theme = read(module.getFileName().toString(), file);
                            themes.putIfAbsent(theme.name(), theme);
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the themes in " + root + ": " + e.getMessage(), e);
            }
        }
        return ImmutableMap.copyOf(themes);
    }

    static ThemeDefinition read(String module, Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".yaml".length());
        Object root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + ": not a readable theme: " + e.getMessage(), e);
        }
        Map<String, ImagingVariation> variations = new LinkedHashMap<>();
        if (root instanceof Map<?, ?> map && map.get("imaging") instanceof Map<?, ?> imaging
                && imaging.get("variations") instanceof Map<?, ?> defined) {
            for (Map.Entry<?, ?> e : defined.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!(e.getValue() instanceof Map<?, ?> v)) {
                    throw new IllegalStateException(file + ": imaging.variations." + key + " is not a map");
                }
                String variationName = v.get("name") == null ? key : String.valueOf(v.get("name"));
                try {
                    variations.put(variationName, new ImagingVariation(variationName, number(v.get("width")),
                            number(v.get("height")), v.get("crop") == null || Boolean.parseBoolean(
                                    String.valueOf(v.get("crop"))),
                            v.get("format") == null ? "" : String.valueOf(v.get("format")),
                            v.get("quality") == null ? 0.85 : Double.parseDouble(String.valueOf(v.get("quality")))));
                } catch (IllegalArgumentException bad) {
                    throw new IllegalStateException(file + ": imaging.variations." + key + ": " + bad.getMessage(),
                            bad);
                }
            }
        }
        return new ThemeDefinition(name, module, ImmutableMap.copyOf(variations));
    }

    private static int number(Object value) {
        if (value == null) {
            return 0;
        }
        return Integer.parseInt(String.valueOf(value).trim());
    }
}
