package no.sunnekommuner.cms.content;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.util.concurrent.Striped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import no.sunnekommuner.cms.content.i18n.SiteLocales;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentPage;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.content.model.VersionInfo;
import no.sunnekommuner.cms.content.spi.ContentQueryRequest;
import no.sunnekommuner.cms.content.spi.ContentStore;
import no.sunnekommuner.cms.content.validation.ContentValidator;
import no.sunnekommuner.cms.content.validation.ValidationContext;
import no.sunnekommuner.cms.content.validation.ValidationException;
import no.sunnekommuner.cms.content.validation.ValidationMode;
import no.sunnekommuner.cms.content.validation.Violation;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.NodeTypeNames;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.PropertyType;
import no.sunnekommuner.cms.definition.SubModelDefinition;

/**
 * The only way content is written: create, update, patch, move, delete, publish, unpublish and restore, each
 * validated against the definitions and the domain rules. Writes to one workspace are serialised so that
 * uniqueness checks and revision checks hold; an update based on an outdated revision is refused.
 */
public final class ContentService {

    private final DefinitionRegistry definitions;
    private final ContentStore store;
    private final ContentValidator validator;
    private final RichTextSanitizer sanitizer;
    private final SiteLocales locales;
    private final Striped<Lock> workspaceLocks = Striped.lock(16);
    private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();

    public ContentService(DefinitionRegistry definitions, ContentStore store, ContentValidator validator,
            RichTextSanitizer sanitizer, SiteLocales locales) {
        this.definitions = definitions;
        this.store = store;
        this.validator = validator;
        this.sanitizer = sanitizer;
        this.locales = locales;
    }

    public DefinitionRegistry definitions() {
        return definitions;
    }

    public SiteLocales locales() {
        return locales;
    }

    /** The content type of a name, or an error naming the known ones. */
    public ContentTypeDefinition contentType(String name) {
        return definitions.contentType(name).orElseThrow(() -> new ContentException(
                "Unknown content type '" + name + "'; known: " + definitions.contentTypes().keySet()));
    }

    public Optional<ContentTypeDefinition> typeOfWorkspace(String workspace) {
        return definitions.contentTypeOfWorkspace(workspace);
    }

    // ---- reading ------------------------------------------------------------------------------------------

    public Optional<ContentItem> get(String workspace, String path) {
        return store.read(workspace, path);
    }

    public Optional<ContentItem> getById(String workspace, String identifier) {
        return store.readById(workspace, identifier);
    }

    /** What the public sees at a path: the published snapshot, never the draft. */
    public Optional<ContentItem> getPublished(String workspace, String path) {
        return store.readPublished(workspace, path);
    }

    public ImmutableList<ContentItem> children(String workspace, String path) {
        return store.children(workspace, path);
    }

    /** A page of draft items of a content type, for editors. */
    public ContentPage list(ContentQuery query) {
        return store.query(contentType(query.contentType()), new ContentQueryRequest(query, false));
    }

    public ImmutableList<VersionInfo> versions(String workspace, String path) {
        return store.versions(workspace, path);
    }

    public Optional<ContentNode> version(String workspace, String path, String versionName) {
        return store.version(workspace, path, versionName);
    }

    // ---- writing ------------------------------------------------------------------------------------------

    public ContentItem create(String workspace, String parentPath, ContentNode node, String user) {
        return create(workspace, parentPath, node, user, ValidationMode.STRICT);
    }

    /** Creates a node (an item with its sub-model nodes, a folder, or a single sub-model node). */
    public ContentItem create(String workspace, String parentPath, ContentNode node, String user,
            ValidationMode mode) {
        return locked(workspace, () -> {
            String path = childPath(parentPath, node.name());
            ContentNode prepared = prepareAndValidate(workspace, parentPath, null, node, mode);
            return store.create(workspace, parentPath, prepared, user);
        });
    }

    /**
     * Replaces the content of a node (properties and sub-model nodes) with {@code state}.
     *
     * @param baseRevision the revision the editor started from; -1 skips the check (scripts that mean it)
     * @throws ContentConflictException when someone saved in between
     */
    public ContentItem update(String workspace, String path, ContentNode state, long baseRevision, String user) {
        return locked(workspace, () -> {
            ContentItem current = require(workspace, path);
            ContentNode named = rename(state, current.name(), current.id());
            ContentNode prepared = prepareAndValidate(workspace, current.parentPath(), path, named,
                    ValidationMode.STRICT);
            return store.update(workspace, path, prepared, true, baseRevision, user);
        });
    }

    /** Sets (or, with a null value, removes) some properties, keeping the rest. */
    public ContentItem patch(String workspace, String path, Map<String, Object> changes, long baseRevision,
            String user) {
        return locked(workspace, () -> {
            ContentItem current = require(workspace, path);
            ContentNode.Builder merged = current.node().toBuilder();
            changes.forEach(merged::property);
            ContentNode prepared = prepareAndValidate(workspace, current.parentPath(), path, merged.build(),
                    ValidationMode.STRICT);
            return store.update(workspace, path, prepared, false, baseRevision, user);
        });
    }

    public ContentItem move(String workspace, String path, String newParentPath, String newName, String user) {
        if (!ContentValidator.isValidNodeName(newName)) {
            throw new ValidationException(ImmutableList.of(Violation.of("@name", "nodeName")));
        }
        return locked(workspace, () -> store.move(workspace, path, newParentPath, newName, user));
    }

    /**
     * Deletes a node with everything below it, draft and published.
     *
     * @throws ContentReferencedException when other content still references it (or something below it)
     */
    public void delete(String workspace, String path, String user) {
        locked(workspace, () -> {
            ContentItem item = require(workspace, path);
            List<String> referrers = new ArrayList<>();
            collectReferrers(item, path, referrers);
            if (!referrers.isEmpty()) {
                throw new ContentReferencedException(path, ImmutableList.copyOf(referrers));
            }
            store.delete(workspace, path);
            return null;
        });
    }

    /** Publishes the node: the public sees this state until the next publish. Each publish stores a version. */
    public ContentItem publish(String workspace, String path, String user) {
        return locked(workspace, () -> store.publish(workspace, path, user));
    }

    /** Publishes the node and every item and folder below it, parents first. */
    public ImmutableList<ContentItem> publishRecursive(String workspace, String path, String user) {
        return locked(workspace, () -> {
            ImmutableList.Builder<ContentItem> published = ImmutableList.builder();
            publishTree(workspace, path, user, published);
            return published.build();
        });
    }

    public ContentItem unpublish(String workspace, String path, String user) {
        return locked(workspace, () -> store.unpublish(workspace, path, user));
    }

    /** Makes a stored version the current draft again (publish to show it to the public). */
    public ContentItem restore(String workspace, String path, String versionName, String user) {
        return locked(workspace, () -> {
            ContentItem current = require(workspace, path);
            ContentNode snapshot = store.version(workspace, path, versionName).orElseThrow(() ->
                    new ContentException("No version '" + versionName + "' of " + path));
            ContentNode named = rename(snapshot, current.name(), current.id());
            ContentNode prepared = prepareAndValidate(workspace, current.parentPath(), path, named,
                    ValidationMode.IMPORT);
            return store.update(workspace, path, prepared, true, -1, user);
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    private void publishTree(String workspace, String path, String user, ImmutableList.Builder<ContentItem> out) {
        out.add(store.publish(workspace, path, user));
        for (ContentItem child : store.children(workspace, path)) {
            publishTree(workspace, child.path(), user, out);
        }
    }

    private ContentItem require(String workspace, String path) {
        return store.read(workspace, path).orElseThrow(() -> new ContentNotFoundException(workspace, path));
    }

    private static ContentNode rename(ContentNode node, String name, String identifier) {
        ContentNode.Builder b = ContentNode.builder(name, node.nodeType()).identifier(identifier);
        b.properties(node.properties());
        node.children().values().forEach(b::child);
        return b.build();
    }

    /**
     * Normalises (multi-values, sanitised rich text, derived values) and validates a node by its role: an item
     * of the workspace's content type, a folder, or a sub-model node of an item.
     */
    private ContentNode prepareAndValidate(String workspace, String parentPath, String path, ContentNode node,
            ValidationMode mode) {
        if (!ContentValidator.isValidNodeName(node.name())) {
            throw new ValidationException(ImmutableList.of(Violation.of("@name", "nodeName")));
        }
        Optional<ContentTypeDefinition> type = typeOfWorkspace(workspace);
        if (type.isEmpty() || node.nodeType().equals(NodeTypeNames.FOLDER)) {
            return node;
        }
        ValidationContext context = context(mode);
        if (isItemType(node.nodeType())) {
            ContentNode prepared = validator.derive(type.get(), normalize(type.get().properties(), type.get(), node));
            ImmutableList<Violation> violations = validator.validateItem(type.get(), prepared, path, context);
            if (!violations.isEmpty()) {
                throw new ValidationException(violations);
            }
            return prepared;
        }
        Optional<PropertyDefinition> owner = subModelProperty(type.get(), node.name());
        if (owner.isPresent() && parentIsItem(workspace, parentPath)) {
            SubModelDefinition subModel = type.get().subModel(owner.get().type().target()).orElseThrow();
            ContentNode prepared = normalize(subModel.properties(), type.get(), node);
            ImmutableList<Violation> violations = validator.validateSubNode(type.get(), subModel, prepared,
                    node.name() + ".", context);
            if (!violations.isEmpty()) {
                throw new ValidationException(violations);
            }
            return prepared;
        }
        return node;
    }

    private boolean parentIsItem(String workspace, String parentPath) {
        return store.read(workspace, parentPath).map(p -> isItemType(p.node().nodeType())).orElse(false);
    }

    private Optional<PropertyDefinition> subModelProperty(ContentTypeDefinition type, String childName) {
        for (PropertyDefinition p : type.properties()) {
            if (p.type().kind() == PropertyType.Kind.SUB_MODEL) {
                if (childName.equals(p.name())) {
                    return Optional.of(p);
                }
                for (String language : locales.otherLanguages()) {
                    if (childName.equals(locales.storedName(p.name(), language))) {
                        return Optional.of(p);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean isItemType(String nodeType) {
        if (nodeType.equals(NodeTypeNames.CONTENT)) {
            return true;
        }
        return definitions.contentTypes().values().stream().anyMatch(t -> nodeType.equals(t.nodeType()));
    }

    /** Wraps single values of multi-valued properties in lists and sanitises rich text, in every language. */
    private ContentNode normalize(List<PropertyDefinition> properties, ContentTypeDefinition type, ContentNode node) {
        ContentNode.Builder b = node.toBuilder();
        for (PropertyDefinition p : properties) {
            List<String> names = new ArrayList<>();
            names.add(p.name());
            if (p.i18n()) {
                locales.otherLanguages().forEach(l -> names.add(locales.storedName(p.name(), l)));
            }
            for (String name : names) {
                Object value = node.property(name);
                if (value == null) {
                    continue;
                }
                if (p.multiple() && !(value instanceof List)) {
                    value = ImmutableList.of(value);
                }
                if (p.type().kind() == PropertyType.Kind.RICH_TEXT && value instanceof String html) {
                    value = sanitizer.sanitize(html);
                }
                b.property(name, value);
            }
            if (p.type().kind() == PropertyType.Kind.SUB_MODEL) {
                Optional<SubModelDefinition> sub = type.subModel(p.type().target());
                ContentNode child = node.children().get(p.name());
                if (sub.isPresent() && child != null) {
                    b.child(normalize(sub.get().properties(), type, child));
                }
            }
        }
        return b.build();
    }

    private ValidationContext context(ValidationMode mode) {
        return new ValidationContext() {
            @Override
            public ImmutableList<String> pathsWithValue(String workspace, String nodeType, String property,
                    String value) {
                return store.findByValue(workspace, nodeType, property, value, false).stream()
                        .map(p -> p.substring(p.indexOf(':') + 1))
                        .collect(ImmutableList.toImmutableList());
            }

            @Override
            public Optional<ContentItem> byIdentifier(String workspace, String identifier) {
                return store.readById(workspace, identifier);
            }

            @Override
            public ValidationMode mode() {
                return mode;
            }
        };
    }

    /** Items elsewhere whose reference properties point at this item or at an item below it. */
    private void collectReferrers(ContentItem item, String deletedPath, List<String> referrers) {
        Optional<ContentTypeDefinition> ownType = typeOfWorkspace(item.workspace());
        if (ownType.isPresent() && isItemType(item.node().nodeType())) {
            for (ContentTypeDefinition other : definitions.contentTypes().values()) {
                for (PropertyDefinition p : other.properties()) {
                    if (p.type().kind() == PropertyType.Kind.REFERENCE
                            && p.type().target().equals(ownType.get().name())) {
                        for (String ref : store.findByValue(other.workspace(), other.effectiveNodeType(), p.name(),
                                item.id(), true)) {
                            boolean inside = ref.equals(item.workspace() + ":" + deletedPath)
                                    || ref.startsWith(item.workspace() + ":" + deletedPath + "/");
                            if (!inside && !referrers.contains(ref)) {
                                referrers.add(ref);
                            }
                        }
                    }
                }
            }
        }
        for (ContentItem child : store.children(item.workspace(), item.path())) {
            collectReferrers(child, deletedPath, referrers);
        }
    }

    private <T> T locked(String workspace, Supplier<T> work) {
        Lock lock = workspaceLocks.get(workspace);
        lock.lock();
        try {
            T result = work.get();
            // listeners run after the store saved; a failed write (exception) changes nothing to announce
            changeListeners.forEach(l -> l.accept(workspace));
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Registers a callback run after every successful write in a workspace (caches of the delivery layer are
     * invalidated this way, synchronously, before the write call returns).
     */
    public void addChangeListener(Consumer<String> listener) {
        changeListeners.add(listener);
    }

    /**
     * Announces a change that another instance of the cluster made in a workspace (the repository reports it once
     * it has applied it): the change listeners run as after a local write, so caches follow the cluster.
     */
    public void announceExternalChange(String workspace) {
        changeListeners.forEach(l -> l.accept(workspace));
    }

    private static String childPath(String parent, String name) {
        return parent.endsWith("/") ? parent + name : parent + "/" + name;
    }

    /** Stored names of a property in every site language (for forms and checks of missing translations). */
    public ImmutableSet<String> storedNames(PropertyDefinition property) {
        ImmutableSet.Builder<String> names = ImmutableSet.<String>builder().add(property.name());
        if (property.i18n()) {
            locales.otherLanguages().forEach(l -> names.add(locales.storedName(property.name(), l)));
        }
        return names.build();
    }

    /** True when a value counts as filled in; exposed for editors marking missing translations. */
    public static boolean isFilled(Object value) {
        return !Values.isEmpty(value);
    }
}
