package no.sunnekommuner.cms.definition.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.OptionDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.PropertyType;
import no.sunnekommuner.cms.definition.SubModelDefinition;
import no.sunnekommuner.cms.definition.problem.Problem.Severity;

/** Reads {@code contentTypes/<name>.yaml} (Magnolia Content Types module 1.2: {@code datasource} and {@code model}). */
final class ContentTypeReader {

    private static final Set<String> ROOT_KEYS = ImmutableSet.of("datasource", "model", "name", "label");
    private static final Set<String> DATASOURCE_KEYS =
            ImmutableSet.of("$type", "class", "workspace", "rootPath", "namespaces", "autoCreate", "nodeTypes");
    private static final Set<String> MODEL_KEYS = ImmutableSet.of("$type", "class", "nodeType", "properties", "subModels");
    private static final Set<String> PROPERTY_KEYS = ImmutableSet.of(
            "name", "type", "required", "i18n", "multiple", "options", "label", "defaultValue", "readOnly");
    private static final Set<String> SUB_MODEL_KEYS = ImmutableSet.of("name", "nodeType", "properties");
    /** JCR-safe property names; ':' and '/' would break storage and delivery paths. */
    private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    /** A trailing {@code _xx} is how i18n values are stored; a property named so would collide with them. */
    private static final Pattern LANGUAGE_SUFFIX = Pattern.compile(".+_[a-z]{2}([_-][A-Za-z]{2})?");
    private static final Set<String> BUILT_IN_PREFIXES = ImmutableSet.of("mgnl", "nt", "mix", "jcr", "rep");

    private final ProblemReporter problems;

    ContentTypeReader(ProblemReporter problems) {
        this.problems = problems;
    }

    Optional<ContentTypeDefinition> read(YamlDocument document, String module) {
        YamlFields f = new YamlFields(document, problems);
        Path file = document.file();
        String name = fileName(file);
        if (!(document.root() instanceof Map<?, ?>)) {
            f.report(Severity.SEVERE, "", "A content type definition must be a map with 'datasource' and 'model'");
            return Optional.empty();
        }
        Map<String, Object> root = f.map(document.root(), "");
        f.unknownKeys(root, ROOT_KEYS, "", "a content type");
        Map<String, Object> datasource = f.map(root.get("datasource"), "datasource");
        f.unknownKeys(datasource, DATASOURCE_KEYS, "datasource", "the datasource");
        String workspace = f.string(datasource, "workspace", "datasource");
        if (workspace == null || workspace.isBlank()) {
            f.report(Severity.SEVERE, "datasource", "datasource.workspace is missing: Magnolia then falls back to "
                    + "the content type name but cannot generate its !content-type app; set the workspace");
            workspace = name;
        } else if (!workspace.matches("[A-Za-z0-9_-]+") || workspace.endsWith("-published")) {
            f.report(Severity.SEVERE, "datasource.workspace", "Workspace name '" + workspace
                    + "' must use letters, digits, '-' and '_' only and must not end with '-published'");
        }
        ImmutableMap<String, String> namespaces = f.stringMap(datasource, "namespaces", "datasource");
        if (root.get("model") == null) {
            f.report(Severity.SEVERE, "", "The content type has no 'model'");
            return Optional.empty();
        }
        Map<String, Object> model = f.map(root.get("model"), "model");
        f.unknownKeys(model, MODEL_KEYS, "model", "the model");
        String nodeType = f.string(model, "nodeType", "model");
        checkNodeType(f, nodeType, namespaces, "model.nodeType");

        LinkedHashMap<String, Map<String, Object>> subModelEntries = f.namedEntries(model.get("subModels"),
                "model.subModels");
        Set<String> subModelNames = new HashSet<>();
        subModelEntries.values().forEach(s -> {
            Object n = s.get("name");
            if (n != null) {
                subModelNames.add(n.toString());
            }
        });
        ImmutableList.Builder<SubModelDefinition> subModels = ImmutableList.builder();
        Set<String> seenSubModels = new HashSet<>();
        for (Map.Entry<String, Map<String, Object>> entry : subModelEntries.entrySet()) {
            String path = entry.getKey();
            Map<String, Object> s = entry.getValue();
            f.unknownKeys(s, SUB_MODEL_KEYS, path, "a sub-model");
            String subName = f.string(s, "name", path);
            if (subName == null || subName.isBlank()) {
                f.report(Severity.SEVERE, path, "A sub-model needs a 'name'");
                continue;
            }
            if (!seenSubModels.add(subName)) {
                f.report(Severity.SEVERE, path + ".name", "Duplicate sub-model '" + subName + "'");
                continue;
            }
            String subNodeType = f.string(s, "nodeType", path);
            checkNodeType(f, subNodeType, namespaces, path + ".nodeType");
            subModels.add(new SubModelDefinition(subName, subNodeType,
                    properties(f, s.get("properties"), path + ".properties", Set.of())));
        }
        ImmutableList<PropertyDefinition> properties = properties(f, model.get("properties"), "model.properties",
                subModelNames);
        return Optional.of(new ContentTypeDefinition(name, module, file, workspace,
                f.string(datasource, "rootPath", "datasource"), namespaces,
                f.bool(datasource, "autoCreate", "datasource", false), nodeType, properties, subModels.build(), false, false,
                null, null));
    }

    private ImmutableList<PropertyDefinition> properties(YamlFields f, Object value, String key,
            Set<String> subModelNames) {
        ImmutableList.Builder<PropertyDefinition> out = ImmutableList.builder();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Map<String, Object>> entry : f.namedEntries(value, key).entrySet()) {
            String path = entry.getKey();
            Map<String, Object> p = entry.getValue();
            f.unknownKeys(p, PROPERTY_KEYS, path, "a property");
            String name = f.string(p, "name", path);
            if (name == null || name.isBlank()) {
                f.report(Severity.SEVERE, path, "A property needs a 'name'");
                continue;
            }
            if (!PROPERTY_NAME.matcher(name).matches()) {
                f.report(Severity.SEVERE, path + ".name", "Property name '" + name
                        + "' must start with a letter and use only letters, digits, '_' and '-'");
                continue;
            }
            if (LANGUAGE_SUFFIX.matcher(name).matches()) {
                f.report(Severity.MAJOR, path + ".name", "Property name '" + name + "' ends like a language "
                        + "suffix; i18n values are stored as <name>_<language>, so it may collide with a translation");
            }
            if (!seen.add(name)) {
                f.report(Severity.SEVERE, path + ".name", "Duplicate property '" + name + "'");
                continue;
            }
            String typeName = f.string(p, "type", path);
            Optional<PropertyType> type = PropertyType.builtIn(typeName);
            if (type.isEmpty() && typeName != null && subModelNames.contains(typeName)) {
                type = Optional.of(PropertyType.subModel(typeName));
            }
            if (type.isEmpty()) {
                f.report(Severity.SEVERE, path + ".type", "Unknown property type '" + typeName + "' of property '"
                        + name + "' (expected String, Boolean, Long, Double, Decimal, Date, richText, asset, "
                        + "reference:<content type> or a sub-model name" + (subModelNames.isEmpty() ? ""
                        : ": " + String.join(", ", subModelNames)) + ")");
                continue;
            }
            ImmutableList<OptionDefinition> options = options(f, p.get("options"), path + ".options");
            if (!options.isEmpty() && type.get().kind() != PropertyType.Kind.STRING) {
                f.report(Severity.MAJOR, path + ".options", "Options are stored as String only; property '" + name
                        + "' has type " + typeName);
            }
            out.add(new PropertyDefinition(name, type.get(), f.bool(p, "required", path, false),
                    f.bool(p, "i18n", path, false), f.bool(p, "multiple", path, false), options,
                    f.string(p, "label", path), f.string(p, "defaultValue", path), f.bool(p, "readOnly", path, false)));
        }
        return out.build();
    }

    private ImmutableList<OptionDefinition> options(YamlFields f, Object value, String key) {
        if (value == null) {
            return ImmutableList.of();
        }
        ImmutableList.Builder<OptionDefinition> out = ImmutableList.builder();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                String path = YamlDocument.element(key, i);
                if (item instanceof String || item instanceof Number || item instanceof Boolean) {
                    out.add(new OptionDefinition(null, item.toString(), null));
                } else {
                    option(f, f.map(item, path), path, null).ifPresent(out::add);
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String path = YamlDocument.child(key, String.valueOf(e.getKey()));
                if (e.getValue() instanceof Map<?, ?>) {
                    option(f, f.map(e.getValue(), path), path, String.valueOf(e.getKey())).ifPresent(out::add);
                } else {
                    out.add(new OptionDefinition(String.valueOf(e.getKey()),
                            e.getValue() == null ? String.valueOf(e.getKey()) : e.getValue().toString(), null));
                }
            }
        } else {
            f.report(Severity.MAJOR, key, "Expected a list or map of options, found " + YamlFields.describe(value));
        }
        return out.build();
    }

    private Optional<OptionDefinition> option(YamlFields f, Map<String, Object> o, String path, String key) {
        f.unknownKeys(o, Set.of("name", "value", "label"), path, "an option");
        String name = f.string(o, "name", path);
        String value = f.string(o, "value", path);
        if (value == null) {
            value = name != null ? name : key;
        }
        if (value == null) {
            f.report(Severity.MAJOR, path, "An option needs a 'value' or a 'name'; ignored");
            return Optional.empty();
        }
        return Optional.of(new OptionDefinition(name != null ? name : key, value, f.string(o, "label", path)));
    }

    private static void checkNodeType(YamlFields f, String nodeType, Map<String, String> namespaces, String key) {
        if (nodeType == null) {
            return;
        }
        int colon = nodeType.indexOf(':');
        if (colon <= 0 || colon == nodeType.length() - 1 || !nodeType.substring(colon + 1).matches("[A-Za-z_][\\w-]*")) {
            f.report(Severity.SEVERE, key, "Node type '" + nodeType + "' must be <prefix>:<name>, e.g. sk:member");
            return;
        }
        String prefix = nodeType.substring(0, colon);
        if (!namespaces.containsKey(prefix) && !BUILT_IN_PREFIXES.contains(prefix)) {
            f.report(Severity.SEVERE, key, "Namespace prefix '" + prefix + "' of node type '" + nodeType
                    + "' is not declared in datasource.namespaces");
        }
    }

    static String fileName(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".yaml") ? n.substring(0, n.length() - ".yaml".length()) : n;
    }
}
