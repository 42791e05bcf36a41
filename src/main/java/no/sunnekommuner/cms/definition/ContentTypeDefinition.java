package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A content type ({@code contentTypes/<name>.yaml}): where items live (datasource) and what they hold (model).
 *
 * @param name       the file name without {@code .yaml}
 * @param module     the light module that defines it
 * @param workspace  {@code datasource.workspace}
 * @param rootPath   {@code datasource.rootPath}, {@code /} by default
 * @param namespaces {@code datasource.namespaces}, prefix to URI
 * @param nodeType   {@code model.nodeType}, or null (items are then {@code mgnl:content})
 * @param extraProperties items (and their sub-model nodes) may hold properties the model does not declare;
 *                        off unless the module's {@code standalone/content-rules.yaml} opts in
 * @param extraNodes      items may hold child nodes that are neither items, folders nor declared sub-models
 * @param rules           the domain rules bound to the type by {@code standalone/content-rules.yaml}
 * @param dateFolders     where new items go once a folder is large, or null (always where they are made)
 */
public record ContentTypeDefinition(
        String name,
        String module,
        Path source,
        String workspace,
        String rootPath,
        ImmutableMap<String, String> namespaces,
        boolean autoCreate,
        String nodeType,
        ImmutableList<PropertyDefinition> properties,
        ImmutableList<SubModelDefinition> subModels,
        boolean extraProperties,
        boolean extraNodes,
        ImmutableList<RuleBinding> rules,
        DateFolders dateFolders) {

    public ContentTypeDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(workspace, "workspace");
        rootPath = rootPath == null ? "/" : rootPath;
        namespaces = namespaces == null ? ImmutableMap.of() : namespaces;
        properties = properties == null ? ImmutableList.of() : properties;
        subModels = subModels == null ? ImmutableList.of() : subModels;
        rules = rules == null ? ImmutableList.of() : rules;
    }

    /** The same type with the given leniency for undeclared properties and child nodes. */
    public ContentTypeDefinition withExtras(boolean properties, boolean nodes) {
        return new ContentTypeDefinition(name, module, source, workspace, rootPath, namespaces, autoCreate, nodeType,
                this.properties, subModels, properties, nodes, rules, dateFolders);
    }

    /** The same type with these domain rules. */
    public ContentTypeDefinition withRules(ImmutableList<RuleBinding> bindings) {
        return new ContentTypeDefinition(name, module, source, workspace, rootPath, namespaces, autoCreate, nodeType,
                properties, subModels, extraProperties, extraNodes, bindings, dateFolders);
    }

    /** The same type filing new items into these date folders (null: where they are made). */
    public ContentTypeDefinition withDateFolders(DateFolders folders) {
        return new ContentTypeDefinition(name, module, source, workspace, rootPath, namespaces, autoCreate, nodeType,
                properties, subModels, extraProperties, extraNodes, rules, folders);
    }

    public Optional<DateFolders> dateFoldersSetting() {
        return Optional.ofNullable(dateFolders);
    }

    /** The JCR primary type of items: the declared node type, else Magnolia's default. */
    public String effectiveNodeType() {
        return nodeType != null ? nodeType : NodeTypeNames.CONTENT;
    }

    public Optional<PropertyDefinition> property(String propertyName) {
        return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
    }

    public Optional<SubModelDefinition> subModel(String subModelName) {
        return subModels.stream().filter(s -> s.name().equals(subModelName)).findFirst();
    }

    /** The property editors and lists use to name an item: {@code name}, else {@code title}, else the first String. */
    public String titleProperty() {
        for (String candidate : new String[] {"name", "title"}) {
            if (property(candidate).isPresent()) {
                return candidate;
            }
        }
        return properties.stream()
                .filter(p -> p.type().kind() == PropertyType.Kind.STRING && !p.multiple())
                .map(PropertyDefinition::name)
                .findFirst()
                .orElse(null);
    }
}
