package no.sunnekommuner.cms.definition.load;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.google.common.collect.ImmutableMap;
import no.sunnekommuner.cms.definition.problem.Problem.Severity;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads Magnolia's YAML dialect with SnakeYAML (Magnolia's own YAML library): plain YAML plus the tags
 * {@code !content-type:<name>} (on the root), {@code !include:<path>} (a file of the light-modules folder, or one
 * relative to the including file) and {@code !override} (a no-op here: nothing is inherited to override).
 * Malformed files and unknown tags become problems with the line they are on.
 */
final class YamlParser {

    private static final String INCLUDE = "!include";
    private static final int MAX_INCLUDE_DEPTH = 8;

    private final Path lightModulesRoot;
    private final ProblemReporter problems;

    YamlParser(Path lightModulesRoot, ProblemReporter problems) {
        this.lightModulesRoot = lightModulesRoot;
        this.problems = problems;
    }

    /** Parses a file; empty when it cannot be read or is not well-formed YAML (a severe problem says why). */
    Optional<YamlDocument> parse(Path file) {
        return parse(file, 0);
    }

    private Optional<YamlDocument> parse(Path file, int depth) {
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported below with their line, not thrown without one
            root = new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            problems.report(Severity.SEVERE, file, line, "",
                    "Malformed YAML at line " + line + (mark == null ? "" : ", column " + (mark.getColumn() + 1))
                            + ": " + what + context);
            return Optional.empty();
        } catch (YAMLException e) {
            problems.report(Severity.SEVERE, file, 0, "", "Malformed YAML: " + e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            problems.report(Severity.SEVERE, file, 0, "", "Cannot read file: " + e);
            return Optional.empty();
        }
        Map<String, Integer> lines = new HashMap<>();
        if (root == null) {
            return Optional.of(new YamlDocument(file, null, null, ImmutableMap.of()));
        }
        String rootTag = customTag(root);
        Converter converter = new Converter(file, lines, depth);
        Object value = rootTag != null && rootTag.startsWith(INCLUDE)
                ? converter.convert(root, "") : converter.untagged(root, "");
        if (rootTag != null && !rootTag.startsWith("!content-type") && !rootTag.startsWith(INCLUDE)
                && !rootTag.equals("!override")) {
            problems.report(Severity.MAJOR, file, root.getStartMark().getLine() + 1, "",
                    "Unknown tag " + rootTag + " on the document; ignored");
        }
        return Optional.of(new YamlDocument(file, value, rootTag, ImmutableMap.copyOf(lines)));
    }

    private static String customTag(Node node) {
        Tag tag = node.getTag();
        return tag == null || tag.startsWith(Tag.PREFIX) ? null : tag.getValue();
    }

    /** Turns a composed node tree into maps, lists and scalars, remembering lines. */
    private final class Converter {
        private final Path file;
        private final Map<String, Integer> lines;
        private final int depth;

        Converter(Path file, Map<String, Integer> lines, int depth) {
            this.file = file;
            this.lines = lines;
            this.depth = depth;
        }

        Object convert(Node node, String path) {
            String tag = customTag(node);
            if (tag == null || tag.equals("!override")) {
                return untagged(node, path);
            }
            int line = node.getStartMark().getLine() + 1;
            if (tag.startsWith(INCLUDE)) {
                return include(tag, node, path, line);
            }
            problems.report(Severity.MAJOR, file, line, path, "Unknown tag " + tag + "; the value is read as if untagged");
            return untagged(node, path);
        }

        Object untagged(Node node, String path) {
            lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                List<Object> list = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    list.add(convert(item, YamlDocument.element(path, list.size())));
                }
                return list;
            }
            MappingNode mapping = (MappingNode) node;
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                String key = keyNode instanceof ScalarNode s ? s.getValue() : String.valueOf(keyNode);
                String keyPath = YamlDocument.child(path, key);
                int line = keyNode.getStartMark().getLine() + 1;
                if (map.containsKey(key)) {
                    problems.report(Severity.MAJOR, file, line, keyPath,
                            "Duplicate key '" + key + "' (first at line " + lines.get(keyPath) + "); the later value wins");
                }
                lines.put(keyPath, line);
                map.put(key, convert(tuple.getValueNode(), keyPath));
            }
            return map;
        }

        private Object include(String tag, Node node, String path, int line) {
            String target = tag.length() > INCLUDE.length() + 1 ? tag.substring(INCLUDE.length() + 1)
                    : node instanceof ScalarNode s ? s.getValue() : "";
            if (target.isBlank() || depth >= MAX_INCLUDE_DEPTH) {
                problems.report(Severity.SEVERE, file, line, path, target.isBlank()
                        ? "!include names no file" : "!include nested too deeply (a cycle?) at " + target);
                return null;
            }
            Path resolved = target.startsWith("/")
                    ? lightModulesRoot.resolve(target.substring(1)).normalize()
                    : file.getParent().resolve(target).normalize();
            if (!resolved.startsWith(lightModulesRoot) || !Files.isRegularFile(resolved)) {
                problems.report(Severity.SEVERE, file, line, path,
                        "!include target " + target + " not found in the light-modules folder " + lightModulesRoot);
                return null;
            }
            return parse(resolved, depth + 1).map(YamlDocument::root).orElse(null);
        }

        private Object scalar(ScalarNode scalar) {
            String text = scalar.getValue();
            Tag tag = scalar.getTag();
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return switch (text.toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "yes", "on", "y" -> Boolean.TRUE;
                    default -> Boolean.FALSE;
                };
            }
            if (tag.equals(Tag.INT)) {
                try {
                    return Long.parseLong(text.replace("_", ""));
                } catch (NumberFormatException e) {
                    return text;
                }
            }
            if (tag.equals(Tag.FLOAT)) {
                try {
                    return Double.parseDouble(text.replace("_", ""));
                } catch (NumberFormatException e) {
                    return text;
                }
            }
            return text;
        }
    }
}
