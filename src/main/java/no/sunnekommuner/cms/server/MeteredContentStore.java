package no.sunnekommuner.cms.server;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.List;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;
import no.sunnekommuner.cms.content.ContentConflictException;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentPage;
import no.sunnekommuner.cms.content.model.VersionInfo;
import no.sunnekommuner.cms.content.model.WorkflowState;
import no.sunnekommuner.cms.content.spi.ContentStore;
import no.sunnekommuner.cms.content.spi.ContentQueryRequest;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;

/**
 * Counts the writes that reach the store (saves, publishes, unpublishes, deletes, conflicts) per workspace for
 * the metrics, and passes everything on unchanged. Counted when the store returned: a failed write is not a save.
 */
final class MeteredContentStore implements ContentStore {

    private final ContentStore store;
    private final MeterRegistry registry;

    MeteredContentStore(ContentStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    private <T> T counted(String operation, String workspace, Supplier<T> write) {
        try {
            T result = write.get();
            counter("sk.content.writes", operation, workspace).increment();
            return result;
        } catch (ContentConflictException e) {
            counter("sk.content.conflicts", operation, workspace).increment();
            throw e;
        }
    }

    private Counter counter(String name, String operation, String workspace) {
        return Counter.builder(name).description(name.endsWith("conflicts")
                        ? "Writes refused because the item changed meanwhile" : "Writes saved by the content store")
                .tag("operation", operation).tag("workspace", workspace).register(registry);
    }

    @Override
    public Optional<ContentItem> read(String workspace, String path) {
        return store.read(workspace, path);
    }

    @Override
    public Optional<ContentItem> readById(String workspace, String identifier) {
        return store.readById(workspace, identifier);
    }

    @Override
    public int childCount(String workspace, String path) {
        return store.childCount(workspace, path);
    }

    @Override
    public Optional<String> nodeType(String workspace, String path) {
        return store.nodeType(workspace, path);
    }

    @Override
    public boolean isEmpty(String workspace) {
        return store.isEmpty(workspace);
    }

    @Override
    public Optional<ContentItem> readPublished(String workspace, String path) {
        return store.readPublished(workspace, path);
    }

    @Override
    public ImmutableList<ContentItem> children(String workspace, String path) {
        return store.children(workspace, path);
    }

    @Override
    public ContentItem create(String workspace, String parentPath, ContentNode node, String user) {
        return counted("create", workspace, () -> store.create(workspace, parentPath, node, user));
    }

    @Override
    public ImmutableList<ContentItem> createAll(String workspace, List<NewNode> nodes, String user) {
        return counted("create", workspace, () -> store.createAll(workspace, nodes, user));
    }

    @Override
    public ImmutableSet<String> existingIdentifiers(String workspace, Collection<String> identifiers) {
        return store.existingIdentifiers(workspace, identifiers);
    }

    @Override
    public ContentItem update(String workspace, String path, ContentNode state, boolean replaceChildren,
            long expectedRevision, String user) {
        return counted("update", workspace,
                () -> store.update(workspace, path, state, replaceChildren, expectedRevision, user));
    }

    @Override
    public ContentItem move(String workspace, String path, String newParentPath, String newName, String user) {
        return counted("move", workspace, () -> store.move(workspace, path, newParentPath, newName, user));
    }

    @Override
    public void delete(String workspace, String path) {
        counted("delete", workspace, () -> {
            store.delete(workspace, path);
            return null;
        });
    }

    @Override
    public ContentItem publish(String workspace, String path, String user) {
        return counted("publish", workspace, () -> store.publish(workspace, path, user));
    }

    @Override
    public ContentItem unpublish(String workspace, String path, String user) {
        return counted("unpublish", workspace, () -> store.unpublish(workspace, path, user));
    }

    @Override
    public String storeVersion(String workspace, String path, VersionInfo.Action action, String user, int keep) {
        return store.storeVersion(workspace, path, action, user, keep);
    }

    @Override
    public ContentItem replaceWorkflow(String workspace, String path, WorkflowState expected, WorkflowState next) {
        return counted("workflow", workspace, () -> store.replaceWorkflow(workspace, path, expected, next));
    }

    @Override
    public ImmutableList<ContentItem> withWorkflow(String workspace) {
        return store.withWorkflow(workspace);
    }

    @Override
    public ImmutableList<VersionInfo> versions(String workspace, String path) {
        return store.versions(workspace, path);
    }

    @Override
    public Optional<ContentNode> version(String workspace, String path, String versionName) {
        return store.version(workspace, path, versionName);
    }

    @Override
    public ContentPage query(ContentTypeDefinition type, ContentQueryRequest request) {
        return store.query(type, request);
    }

    @Override
    public ImmutableList<String> findByValue(String workspace, String nodeType, String property, String value,
            boolean includePublished) {
        return store.findByValue(workspace, nodeType, property, value, includePublished);
    }

    @Override
    public ImmutableList<String> findNotStartingWith(String workspace, String nodeType, String property,
            String prefix, boolean includePublished) {
        return store.findNotStartingWith(workspace, nodeType, property, prefix, includePublished);
    }
}
