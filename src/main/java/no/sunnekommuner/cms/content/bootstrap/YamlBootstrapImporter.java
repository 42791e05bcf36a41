package no.sunnekommuner.cms.content.bootstrap;

import com.google.common.collect.ImmutableList;
import com.google.common.io.ByteSource;
import java.util.function.Function;
import no.sunnekommuner.cms.content.media.AssetNodes;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.i18n.SiteLocales;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.content.validation.ValidationMode;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.NodeTypeNames;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.PropertyType;
import no.sunnekommuner.cms.definition.SubModelDefinition;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Imports content written in Magnolia's YAML export format (root keys are node names; {@code jcr:primaryType},
 * {@code jcr:uuid}, properties and nested child nodes as keys) through the content service. Values are converted
 * to the types the content type declares; items marked {@code mgnl:activationStatus: true} are published after
 * the import. References may point forward (to items imported later), so reference targets are not checked.
 */
public final class YamlBootstrapImporter {

    /** The YAML tag of a binary read from a file beside the YAML ({@code jcr:data: !file fjord.jpg}). */
    static final String FILE_TAG = "!file";

    private final ContentService content;
    private final Function<String, ByteSource> files;

    /** An importer that knows no {@code !file} tag (files sent over the network must not name other files). */
    public YamlBootstrapImporter(ContentService content) {
        this(content, null);
    }

    /**
     * An importer whose {@code !file <name>} values are binaries found by {@code files} (the demo content's
     * pictures on the classpath); null refuses the tag.
     */
    public YamlBootstrapImporter(ContentService content, Function<String, ByteSource> files) {
        this.content = content;
        this.files = files;
    }

    /** What an import created and which of it is to be published. */
    public record Result(ImmutableList<String> created, ImmutableList<String> toPublish) {
    }

    /** Imports every root node of a file into a workspace below {@code parentPath}. */
    public Result importYaml(String workspace, String parentPath, InputStream yaml, String user) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document;
        try {
            document = new Yaml(constructor(options)).load(yaml);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new ContentException("A bootstrap file could not be read: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> roots)) {
            throw new ContentException("A bootstrap file must hold a map of node names to nodes");
        }
        ContentTypeDefinition type = content.typeOfWorkspace(workspace).orElse(null);
        List<String> created = new ArrayList<>();
        List<String> toPublish = new ArrayList<>();
        for (Map.Entry<?, ?> root : roots.entrySet()) {
            importNode(workspace, parentPath, String.valueOf(root.getKey()), asMap(root.getValue(), root.getKey()),
                    type, user, created, toPublish);
        }
        return new Result(ImmutableList.copyOf(created), ImmutableList.copyOf(toPublish));
    }

    /** Publishes what an import marked as published, parents first. */
    public void publish(String workspace, Result result, String user) {
        for (String path : result.toPublish()) {
            content.publish(workspace, path, user);
        }
    }

    private void importNode(String workspace, String parentPath, String name, Map<String, Object> node,
            ContentTypeDefinition type, String user, List<String> created, List<String> toPublish) {
        String nodeType = String.valueOf(node.getOrDefault("jcr:primaryType",
                type == null ? NodeTypeNames.CONTENT : type.effectiveNodeType()));
        String path = (parentPath.endsWith("/") ? parentPath : parentPath + "/") + name;
        if (nodeType.equals(NodeTypeNames.FOLDER)) {
            ContentNode folder = ContentNode.builder(name, nodeType).identifier(uuid(node)).build();
            content.create(workspace, parentPath, folder, user, ValidationMode.IMPORT);
            created.add(path);
            if (Boolean.TRUE.equals(node.get("mgnl:activationStatus"))) {
                toPublish.add(path);
            }
            for (Map.Entry<String, Object> e : node.entrySet()) {
                if (e.getValue() instanceof Map<?, ?>) {
                    importNode(workspace, path, e.getKey(), asMap(e.getValue(), e.getKey()), type, user, created,
                            toPublish);
                }
            }
            return;
        }
        List<PropertyDefinition> properties = type == null ? List.of() : type.properties();
        ContentNode item = toContentNode(name, nodeType, node, properties, type);
        content.create(workspace, parentPath, item, user, ValidationMode.IMPORT);
        created.add(path);
        if (Boolean.TRUE.equals(node.get("mgnl:activationStatus"))) {
            toPublish.add(path);
        }
        // Child items (nested nodes of an item type) are created on their own, after their parent.
        for (Map.Entry<String, Object> e : node.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> child && isItemType(child.get("jcr:primaryType"), type)) {
                importNode(workspace, path, e.getKey(), asMap(child, e.getKey()), type, user, created, toPublish);
            }
        }
    }

    private ContentNode toContentNode(String name, String nodeType, Map<String, Object> node,
            List<PropertyDefinition> properties, ContentTypeDefinition type) {
        ContentNode.Builder b = ContentNode.builder(name, nodeType).identifier(uuid(node));
        SiteLocales locales = content.locales();
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            // a resource's binary and an asset's jcr:content child are content; other jcr:/mgnl: keys bookkeeping
            boolean resourcePart = key.equals(AssetNodes.DATA) || (key.equals(AssetNodes.CONTENT) && value instanceof Map);
            if ((!resourcePart && (key.startsWith("jcr:") || key.startsWith("mgnl:"))) || value == null) {
                continue;
            }
            if (value instanceof Map<?, ?> child) {
                if (isItemType(child.get("jcr:primaryType"), type)) {
                    continue;
                }
                List<PropertyDefinition> childProperties = subModelProperties(type, properties, key, locales);
                String childType = String.valueOf(child.containsKey("jcr:primaryType") ? child.get("jcr:primaryType")
                        : NodeTypeNames.CONTENT_NODE);
                b.child(toContentNode(key, childType, asMap(child, key), childProperties, type));
                continue;
            }
            Optional<PropertyDefinition> definition = definitionOf(properties, key, locales);
            try {
                b.property(key, definition.isPresent()
                        ? Values.coerce(value, definition.get().type(), false)
                        : Values.normalize(value));
            } catch (IllegalArgumentException bad) {
                throw new ContentException("Bootstrap value of " + name + "/" + key + ": " + bad.getMessage());
            }
        }
        return b.build();
    }

    private SafeConstructor constructor(LoaderOptions options) {
        if (files == null) {
            return new SafeConstructor(options);
        }
        return new SafeConstructor(options) {
            {
                yamlConstructors.put(new Tag(FILE_TAG), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        String name = constructScalar((ScalarNode) node);
                        if (name.contains("..") || name.startsWith("/") || name.contains("\\")) {
                            throw new ContentException("A bootstrap file names a file beside it, not " + name);
                        }
                        ByteSource data = files.apply(name);
                        if (data == null) {
                            throw new ContentException("No file " + name + " beside the bootstrap file");
                        }
                        return data;
                    }
                });
            }
        };
    }

    private static Optional<PropertyDefinition> definitionOf(List<PropertyDefinition> properties, String key,
            SiteLocales locales) {
        for (PropertyDefinition p : properties) {
            if (p.name().equals(key)) {
                return Optional.of(p);
            }
            if (p.i18n() && locales.otherLanguages().stream().anyMatch(l -> locales.storedName(p.name(), l)
                    .equals(key))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static List<PropertyDefinition> subModelProperties(ContentTypeDefinition type,
            List<PropertyDefinition> properties, String childName, SiteLocales locales) {
        if (type == null) {
            return List.of();
        }
        return definitionOf(properties, childName, locales)
                .filter(p -> p.type().kind() == PropertyType.Kind.SUB_MODEL)
                .flatMap(p -> type.subModel(p.type().target()))
                .map(SubModelDefinition::properties)
                .map(l -> (List<PropertyDefinition>) l)
                .orElse(List.of());
    }

    private static boolean isItemType(Object nodeType, ContentTypeDefinition type) {
        if (nodeType == null) {
            return false;
        }
        String t = nodeType.toString();
        return t.equals(NodeTypeNames.CONTENT) || t.equals(NodeTypeNames.FOLDER)
                || (type != null && t.equals(type.nodeType()));
    }

    private static String uuid(Map<String, Object> node) {
        Object id = node.get("jcr:uuid");
        return id == null ? null : id.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, Object name) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new ContentException("Bootstrap node " + name + " must be a map of properties and child nodes");
    }
}
