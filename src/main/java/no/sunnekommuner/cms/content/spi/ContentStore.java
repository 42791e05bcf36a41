package no.sunnekommuner.cms.content.spi;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentPage;
import no.sunnekommuner.cms.content.model.VersionInfo;
import no.sunnekommuner.cms.content.model.WorkflowState;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;

/**
 * Storage port of the content service: keeps drafts, the published snapshot and versions. Implementations do no
 * validation; the {@link no.sunnekommuner.cms.content.ContentService} does.
 */
public interface ContentStore {

    /** The draft node at a path. */
    Optional<ContentItem> read(String workspace, String path);

    Optional<ContentItem> readById(String workspace, String identifier);

    /**
     * The node type of the node at a path, read without its children: what a write needs to know of the parent
     * it writes below (reading the parent as an item would read every child of a large folder).
     */
    Optional<String> nodeType(String workspace, String path);

    /**
     * How many child nodes the node at a path has (items, folders and sub-model nodes), counted without reading
     * them; 0 when there is no node. What filing a new item into date folders asks of a large folder.
     */
    int childCount(String workspace, String path);

    /** Whether the workspace holds any item or folder (without reading them). */
    boolean isEmpty(String workspace);

    /** The published snapshot of the node at a path, as the public sees it. */
    Optional<ContentItem> readPublished(String workspace, String path);

    /** Items and folders directly below a path (not sub-model nodes), in tree order. */
    ImmutableList<ContentItem> children(String workspace, String path);

    /** Creates a node with its child nodes; fails if the parent is missing or the name taken. */
    ContentItem create(String workspace, String parentPath, ContentNode node, String user);

    /** A node to create below a parent, as one unit of {@link #createAll}. */
    record NewNode(String parentPath, ContentNode node) {
    }

    /**
     * Creates several nodes (each with its child nodes) in one save, in order, so a parent may come earlier in
     * the same list; fails as a whole, writing nothing, if one parent is missing or one name taken.
     */
    ImmutableList<ContentItem> createAll(String workspace, List<NewNode> nodes, String user);

    /** Which of the identifiers some node of the workspace already has. */
    ImmutableSet<String> existingIdentifiers(String workspace, Collection<String> identifiers);

    /**
     * Replaces the properties of a node with those of {@code state} and, when {@code replaceChildren}, its sub-model
     * child nodes; bumps the revision. Child items and folders are kept.
     *
     * @param expectedRevision the revision the change is based on, or -1 to skip the check
     */
    ContentItem update(String workspace, String path, ContentNode state, boolean replaceChildren,
            long expectedRevision, String user);

    ContentItem move(String workspace, String path, String newParentPath, String newName, String user);

    /** Removes the draft and the published copy with everything below them. */
    void delete(String workspace, String path);

    /** Copies the draft (properties and sub-model nodes) over the published snapshot and stores a version. */
    ContentItem publish(String workspace, String path, String user);

    /** Removes the published copy (and everything below it); the draft stays. */
    ContentItem unpublish(String workspace, String path, String user);

    ImmutableList<VersionInfo> versions(String workspace, String path);

    /** The content of a stored version. */
    Optional<ContentNode> version(String workspace, String path, String versionName);

    /**
     * Stores the draft as it is now as a version (made by a save or a restore) and removes the oldest versions
     * beyond {@code keep}, except those made by a publish, which are always kept.
     *
     * @return the new version's name
     */
    String storeVersion(String workspace, String path, VersionInfo.Action action, String user, int keep);

    /**
     * Replaces the item's workflow state if it is still {@code expected}; the content, its revision and stamps
     * stay as they are (planning or reviewing is not editing).
     *
     * @throws no.sunnekommuner.cms.content.ContentConflictException when the state changed meanwhile (here or on
     *         another instance of a cluster): the caller's decision was based on an outdated state
     */
    ContentItem replaceWorkflow(String workspace, String path, WorkflowState expected, WorkflowState next);

    /** Draft items of the workspace that are in review, rejected or scheduled (a short list). */
    ImmutableList<ContentItem> withWorkflow(String workspace);

    /** Lists items of a content type (see {@link ContentQueryRequest}). */
    ContentPage query(ContentTypeDefinition type, ContentQueryRequest request);

    /**
     * Paths ({@code workspace:path}) of draft or published items of a node type whose property holds a value.
     */
    ImmutableList<String> findByValue(String workspace, String nodeType, String property, String value,
            boolean includePublished);

    /**
     * Paths ({@code workspace:path}) of draft or published items of a node type whose property is set to a value
     * that does not start with {@code prefix} (values written before the property became an asset key).
     */
    ImmutableList<String> findNotStartingWith(String workspace, String nodeType, String property, String prefix,
            boolean includePublished);
}
