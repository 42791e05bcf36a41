package no.sunnekommuner.cms.definition.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;

import java.util.Map;
import java.util.Optional;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.ColumnDefinition;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.FieldDefinition;
import no.sunnekommuner.cms.definition.ValidatorDefinition;
import no.sunnekommuner.cms.definition.problem.Problem.Severity;

/**
 * Reads {@code apps/<name>.yaml}: apps generated from a content type with {@code !content-type:<name>} and refined
 * by the keys of the same file (name, label, icon, permissions, browser columns, form field overrides).
 */
final class AppReader {

    private static final String CONTENT_TYPE_TAG = "!content-type:";

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
                columns(f, subApps), fields(f, subApps, type), ImmutableMap.copyOf(root)));
    }

    private ImmutableList<ColumnDefinition> columns(YamlFields f, Map<String, Object> subApps) {
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
            out.add(new ColumnDefinition(name, columnType, f.string(column, "label", path),
                    f.string(column, "propertyName", path)));
        }
        return out.build();
    }

    private ImmutableMap<String, FieldDefinition> fields(YamlFields f, Map<String, Object> subApps,
            ContentTypeDefinition type) {
        Map<String, Object> detail = f.map(subApps.get("detail"), "subApps.detail");
        Map<String, Object> form = f.map(detail.get("form"), "subApps.detail.form");
        ImmutableMap.Builder<String, FieldDefinition> out = ImmutableMap.builder();
        for (Map.Entry<String, Map<String, Object>> e : f.namedEntries(form.get("properties"),
                "subApps.detail.form.properties").entrySet()) {
            String path = e.getKey();
            Map<String, Object> field = e.getValue();
            String name = f.string(field, "name", path);
            if (name == null) {
                f.report(Severity.MAJOR, path, "A form field needs a 'name'; ignored");
                continue;
            }
            if (type.property(name).isEmpty() && !name.equals("name")) {
                f.report(Severity.MAJOR, path, "Field '" + name + "' overrides no property of content type '"
                        + type.name() + "'; ignored");
                continue;
            }
            String fieldType = Optional.ofNullable(f.string(field, "$type", path)).orElse(f.string(field, "class",
                    path));
            out.put(name, new FieldDefinition(name, fieldType, f.string(field, "label", path),
                    f.string(field, "description", path), f.bool(field, "required", path),
                    f.bool(field, "readOnly", path), f.integer(field, "rows", path), f.integer(field, "maxLength", path),
                    validators(f, field.get("validators"), path + ".validators"), ImmutableMap.copyOf(field)));
        }
        return out.buildKeepingLast();
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
            String pattern = f.string(v, "pattern", path);
            if (type.equals("regexpValidator") || type.endsWith("RegexpValidatorDefinition")) {
                if (pattern == null) {
                    f.report(Severity.MAJOR, path, "A regexpValidator needs a 'pattern'; ignored");
                    continue;
                }
                try {
                    java.util.regex.Pattern.compile(pattern);
                } catch (java.util.regex.PatternSyntaxException bad) {
                    f.report(Severity.MAJOR, path + ".pattern", "Invalid pattern: " + bad.getDescription());
                    continue;
                }
            }
            String name = Optional.ofNullable(f.string(v, "name", path)).orElse(type);
            out.add(new ValidatorDefinition(name, type, pattern, f.string(v, "errorMessage", path)));
        }
        return out.build();
    }

}
