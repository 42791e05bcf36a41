package no.sunnekommuner.cms.definition.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Map;
import java.util.Optional;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.ColumnDefinition;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.FieldDefinition;
import no.sunnekommuner.cms.definition.FieldType;
import no.sunnekommuner.cms.definition.OptionDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.PropertyType;
import no.sunnekommuner.cms.definition.SubModelDefinition;
import no.sunnekommuner.cms.definition.ValidatorDefinition;
import no.sunnekommuner.cms.definition.problem.Problem.Severity;

/**
 * Reads {@code apps/<name>.yaml}: apps generated from a content type with {@code !content-type:<name>} and refined
 * by the keys of the same file (name, label, icon, permissions, browser columns, form field overrides).
 */
final class AppReader {

    private static final String CONTENT_TYPE_TAG = "!content-type:";

    private static final java.util.Set<String> VALIDATOR_KEYS = com.google.common.collect.ImmutableSet.of("name",
            "$type", "class", "pattern", "errorMessage");

    private final ProblemReporter problems;

    AppReader(ProblemReporter problems) {
        this.problems = problems;
    }

    Optional<AppDefinition> read(YamlDocument document, String module, int order,
            Map<String, ContentTypeDefinition> contentTypes) {
        YamlFields f = new YamlFields(document, problems);
        String tag = document.rootTag();
        if (tag == null || !tag.startsWith(CONTENT_TYPE_TAG)) {
            f.report(Severity.MINOR, "", "Only !content-type apps are served by the standalone runtime; ignored "
                    + "(Magnolia itself still loads it)");
            return Optional.empty();
        }
        String contentTypeName = tag.substring(CONTENT_TYPE_TAG.length()).trim();
        ContentTypeDefinition type = contentTypes.get(contentTypeName);
        if (type == null) {
            // Magnolia's own wording, so the message is familiar to anyone who has seen it in the Definitions app
            f.report(Severity.SEVERE, "", "Content type {" + contentTypeName
                    + "} is not registered or the content type name is misspelled");
            return Optional.empty();
        }
        Map<String, Object> root = f.map(document.root() == null ? Map.of() : document.root(), "");
        String name = Optional.ofNullable(f.string(root, "name", "")).orElse(ContentTypeReader.fileName(document.file()));
        Map<String, Object> permissions = f.map(root.get("permissions"), "permissions");
        ImmutableList<String> roles = f.strings(permissions, "roles", "permissions");
        Map<String, Object> subApps = f.map(root.get("subApps"), "subApps");
        return Optional.of(new AppDefinition(name, module, document.file(), contentTypeName,
                f.string(root, "label", ""), f.string(root, "icon", ""), order, roles,
                columns(f, subApps, type), fields(f, subApps, type), ImmutableMap.copyOf(root)));
    }

    private ImmutableList<ColumnDefinition> columns(YamlFields f, Map<String, Object> subApps,
            ContentTypeDefinition type) {
        Map<String, Object> browser = f.map(subApps.get("browser"), "subApps.browser");
        Map<String, Object> workbench = f.map(browser.get("workbench"), "subApps.browser.workbench");
        String viewsKey = "subApps.browser.workbench.contentViews";
        LinkedHashMap<String, Map<String, Object>> views = f.namedEntries(workbench.get("contentViews"), viewsKey);
        // the list view is what our browser shows; take it, else the first view with columns
        Map.Entry<String, Map<String, Object>> chosen = null;
        for (Map.Entry<String, Map<String, Object>> view : views.entrySet()) {
            if (view.getValue().get("columns") == null) {
                continue;
            }
            if (chosen == null || "list".equals(view.getValue().get("name"))) {
                chosen = view;
            }
        }
        if (chosen == null) {
            return ImmutableList.of();
        }
        ImmutableList.Builder<ColumnDefinition> out = ImmutableList.builder();
        for (Map.Entry<String, Map<String, Object>> c : f.namedEntries(chosen.getValue().get("columns"),
                chosen.getKey() + ".columns").entrySet()) {
            String path = c.getKey();
            Map<String, Object> column = c.getValue();
            String name = f.string(column, "name", path);
            if (name == null) {
                f.report(Severity.MAJOR, path, "A column needs a 'name'; ignored");
                continue;
            }
            String columnType = Optional.ofNullable(f.string(column, "$type", path)).orElse(f.string(column, "class",
                    path));
            ColumnDefinition definition = new ColumnDefinition(name, columnType, f.string(column, "label", path),
                    f.string(column, "propertyName", path));
            String property = definition.propertyName();
            // Magnolia's own columns (jcrName, jcrPublishingStatus, mgnl:lastModified …) show node data, not a
            // property of the model; any other name must be a property, else the column is empty (a typo)
            boolean system = columnType != null || property.startsWith("jcr") || property.startsWith("mgnl:");
            if (!system && type.property(property).isEmpty()) {
                f.report(Severity.MAJOR, YamlDocument.child(path, column.containsKey("propertyName") ? "propertyName"
                        : "name"), "Column '" + property + "' names no property of content type '" + type.name()
                        + "'; ignored" + Suggestions.hint(property, type.properties().stream()
                                .map(PropertyDefinition::name).toList()));
                continue;
            }
            out.add(definition);
        }
        return out.build();
    }

    private ImmutableMap<String, FieldDefinition> fields(YamlFields f, Map<String, Object> subApps,
            ContentTypeDefinition type) {
        Map<String, Object> detail = f.map(subApps.get("detail"), "subApps.detail");
        Map<String, Object> form = f.map(detail.get("form"), "subApps.detail.form");
        return resolve(f, type, type.properties(), form.get("properties"), "subApps.detail.form.properties",
                "content type '" + type.name() + "'");
    }

    /**
     * The form fields of a list of properties: the generated field of each, refined by the overrides (Magnolia
     * merges same-named keys of the app file into the generated descriptor).
     */
    private ImmutableMap<String, FieldDefinition> resolve(YamlFields f, ContentTypeDefinition type,
            List<PropertyDefinition> properties, Object overrides, String key, String owner) {
        Map<String, Map.Entry<String, Map<String, Object>>> byName = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> e : f.namedEntries(overrides, key).entrySet()) {
            String name = f.string(e.getValue(), "name", e.getKey());
            if (name == null) {
                f.report(Severity.MAJOR, e.getKey(), "A form field needs a 'name'; ignored");
                continue;
            }
            boolean known = properties.stream().anyMatch(p -> p.name().equals(name));
            if (!known && !name.equals("name")) {
                f.report(Severity.MAJOR, e.getKey(), "Field '" + name + "' overrides no property of " + owner
                        + "; ignored" + Suggestions.hint(name, properties.stream().map(PropertyDefinition::name)
                                .toList()));
                continue;
            }
            byName.put(name, e);
        }
        ImmutableMap.Builder<String, FieldDefinition> out = ImmutableMap.builder();
        for (PropertyDefinition p : properties) {
            ImmutableMap<String, FieldDefinition> subFields = ImmutableMap.of();
            Map.Entry<String, Map<String, Object>> override = byName.get(p.name());
            if (p.type().kind() == PropertyType.Kind.SUB_MODEL) {
                SubModelDefinition sub = type.subModel(p.type().target()).orElse(null);
                if (sub != null) {
                    subFields = resolve(f, type, sub.properties(), override == null ? null
                            : override.getValue().get("properties"), override == null ? key + "." + p.name()
                            : override.getKey() + ".properties", "sub-model '" + sub.name() + "'");
                }
            }
            FieldDefinition generated = FieldDefinition.generated(p, subFields);
            out.put(p.name(), override == null ? generated : refine(f, generated, override.getKey(),
                    override.getValue()));
        }
        return out.build();
    }

    private FieldDefinition refine(YamlFields f, FieldDefinition generated, String path, Map<String, Object> field) {
        PropertyDefinition p = generated.property();
        FieldType fieldType = generated.fieldType();
        String typeName = Optional.ofNullable(f.string(field, "$type", path)).orElse(f.string(field, "class", path));
        if (typeName != null) {
            Optional<FieldType> named = FieldType.named(typeName);
            if (named.isEmpty()) {
                f.report(Severity.MAJOR, YamlDocument.child(path, "$type"), "Unknown field type '" + typeName
                        + "'; the generated " + fieldType.typeName() + " is used"
                        + Suggestions.hint(typeName, FieldType.typeNames()));
            } else if (!named.get().fits(p)) {
                f.report(Severity.MAJOR, YamlDocument.child(path, "$type"), "A " + typeName + " cannot edit the "
                        + (p.multiple() ? "multiple " : "") + p.type().yamlName() + " property '" + p.name()
                        + "'; the generated " + fieldType.typeName() + " is used");
            } else {
                fieldType = named.get();
            }
        }
        for (String k : field.keySet()) {
            if (!fieldType.accepts(k)) {
                java.util.Set<String> known = new java.util.HashSet<>(FieldType.COMMON_KEYS);
                known.addAll(fieldType.keys());
                f.report(Severity.MINOR, YamlDocument.child(path, k), "Key '" + k + "' has no effect on a "
                        + fieldType.typeName() + "; ignored" + Suggestions.hint(k, known));
            }
        }
        ImmutableList<OptionDefinition> options = generated.options();
        Map<String, Object> datasource = f.map(field.get("datasource"), YamlDocument.child(path, "datasource"));
        if (datasource.get("options") != null && fieldType.accepts("datasource")) {
            ImmutableList.Builder<OptionDefinition> b = ImmutableList.builder();
            for (Map.Entry<String, Map<String, Object>> o : f.namedEntries(datasource.get("options"),
                    YamlDocument.child(path, "datasource.options")).entrySet()) {
                String value = Optional.ofNullable(f.string(o.getValue(), "value", o.getKey()))
                        .orElse(f.string(o.getValue(), "name", o.getKey()));
                if (value != null) {
                    b.add(new OptionDefinition(f.string(o.getValue(), "name", o.getKey()), value,
                            f.string(o.getValue(), "label", o.getKey())));
                }
            }
            options = b.build();
        }
        Boolean required = f.bool(field, "required", path);
        Boolean readOnly = f.bool(field, "readOnly", path);
        Boolean time = f.bool(field, "time", path);
        return new FieldDefinition(p.name(), p, fieldType, f.string(field, "label", path),
                f.string(field, "description", path), required == null ? generated.required() : required,
                readOnly == null ? generated.readOnly() : readOnly, f.integer(field, "rows", path),
                f.integer(field, "maxLength", path), Boolean.TRUE.equals(time), f.string(field, "value", path),
                options, validators(f, field.get("validators"), YamlDocument.child(path, "validators")),
                generated.fields());
    }

    private ImmutableList<ValidatorDefinition> validators(YamlFields f, Object value, String key) {
        ImmutableList.Builder<ValidatorDefinition> out = ImmutableList.builder();
        for (Map.Entry<String, Map<String, Object>> e : f.namedEntries(value, key).entrySet()) {
            String path = e.getKey();
            Map<String, Object> v = e.getValue();
            String type = Optional.ofNullable(f.string(v, "$type", path)).orElse(f.string(v, "class", path));
            if (type == null) {
                f.report(Severity.MAJOR, path, "A validator needs a '$type' (e.g. emailValidator, regexpValidator)");
                continue;
            }
            Optional<ValidatorDefinition.Kind> kind = ValidatorDefinition.Kind.named(type);
            if (kind.isEmpty()) {
                f.report(Severity.MAJOR, YamlDocument.child(path, "$type"), "Unknown validator '" + type
                        + "'; ignored" + Suggestions.hint(type, java.util.Arrays.stream(
                                ValidatorDefinition.Kind.values()).map(ValidatorDefinition.Kind::typeName).toList()));
                continue;
            }
            f.unknownKeys(v, VALIDATOR_KEYS, path, "a validator");
            java.util.regex.Pattern pattern = null;
            if (kind.get() == ValidatorDefinition.Kind.REGEXP) {
                String text = f.string(v, "pattern", path);
                if (text == null) {
                    f.report(Severity.MAJOR, path, "A regexpValidator needs a 'pattern'; ignored");
                    continue;
                }
                try {
                    pattern = java.util.regex.Pattern.compile(text);
                } catch (java.util.regex.PatternSyntaxException bad) {
                    f.report(Severity.MAJOR, path + ".pattern", "Invalid pattern: " + bad.getDescription());
                    continue;
                }
            }
            String name = Optional.ofNullable(f.string(v, "name", path)).orElse(type);
            out.add(new ValidatorDefinition(name, kind.get(), pattern, f.string(v, "errorMessage", path)));
        }
        return out.build();
    }

}
