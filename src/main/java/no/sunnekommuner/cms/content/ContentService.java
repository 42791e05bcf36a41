package no.sunnekommuner.cms.content;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import no.sunnekommuner.cms.content.events.ContentEvent;
import no.sunnekommuner.cms.content.events.ContentEventListener;
import no.sunnekommuner.cms.content.i18n.SiteLocales;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentPage;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.content.model.VersionInfo;
import no.sunnekommuner.cms.content.model.WorkflowState;
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
    private final AccessPolicy access;
    private final java.time.Clock clock;
    /** Versions kept per item besides those made by a publish (always kept). */
    private final int versionsPerItem;
    /** Fair, so a writer waiting between two batches of an import gets its turn before the next batch. */
    private final ConcurrentMap<String, ReentrantLock> workspaceLocks = new ConcurrentHashMap<>();
    private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();
    private final List<ContentEventListener> eventListeners = new CopyOnWriteArrayList<>();
    /** Preparation of writes to workspaces without a content type (the media library's intake for dam). */
    private final ConcurrentMap<String, java.util.function.UnaryOperator<ContentNode>> guards =
            new ConcurrentHashMap<>();

    public ContentService(DefinitionRegistry definitions, ContentStore store, ContentValidator validator,
            RichTextSanitizer sanitizer, SiteLocales locales) {
        this(definitions, store, validator, sanitizer, locales, java.time.Clock.systemUTC(), 50);
    }

    /**
     * @param clock           the time of review decisions and of due schedules (tests move it)
     * @param versionsPerItem how many versions an item keeps (the oldest go first; those made by a publish stay)
     */
    public ContentService(DefinitionRegistry definitions, ContentStore store, ContentValidator validator,
            RichTextSanitizer sanitizer, SiteLocales locales, java.time.Clock clock, int versionsPerItem) {
        this.clock = clock;
        this.versionsPerItem = versionsPerItem;
        this.definitions = definitions;
        this.store = store;
        this.validator = validator;
        this.sanitizer = sanitizer;
        this.locales = locales;
        this.access = new AccessPolicy(definitions);
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

    /** Whether a workspace holds no item or folder yet (answered without reading its items). */
    public boolean isEmpty(String workspace) {
        return store.isEmpty(workspace);
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

    /** What changed between two stored versions of an item, field by field in every language. */
    public ImmutableList<no.sunnekommuner.cms.content.history.VersionComparison.FieldChange> compareVersions(
            String workspace, String path, String olderVersion, String newerVersion) {
        ContentTypeDefinition type = typeOfWorkspace(workspace).orElseThrow(() -> new ContentException(
                "No content type stores its items in workspace '" + workspace + "'"));
        ContentNode older = version(workspace, path, olderVersion).orElseThrow(() ->
                new ContentException("No version '" + olderVersion + "' of " + path));
        ContentNode newer = version(workspace, path, newerVersion).orElseThrow(() ->
                new ContentException("No version '" + newerVersion + "' of " + path));
        return new no.sunnekommuner.cms.content.history.VersionComparison(type, locales).compare(older, newer);
    }

    // ---- writing ------------------------------------------------------------------------------------------

    public ContentItem create(String workspace, String parentPath, ContentNode node, Actor actor) {
        return create(workspace, parentPath, node, actor, ValidationMode.STRICT);
    }

    /** Creates a node (an item with its sub-model nodes, a folder, or a single sub-model node). */
    public ContentItem create(String workspace, String parentPath, ContentNode node, Actor actor,
            ValidationMode mode) {
        String user = authorize(actor, Permission.CREATE, workspace);
        return locked(workspace, () -> {
            String path = childPath(parentPath, node.name());
            ContentNode prepared = prepareAndValidate(workspace, parentPath, null, node, mode);
            return announce(ContentEvent.Kind.CREATE, versioned(store.create(workspace, parentPath, prepared, user),
                    VersionInfo.Action.SAVED, user), actor, false, null);
        });
    }

    /**
     * Creates a new item where its content type files it: in {@code parentPath}, or, once that folder holds the
     * type's {@code dateFolders.maxItems} children, in date folders below it (for example {@code 2024/05}, by the
     * item's date property, else today), made as needed. The date folders themselves are not split further: a
     * month of more than maxItems items is far beyond what the network publishes. The editor's new items and duplicates are made this way;
     * the nodes API and imports use {@link #create} and write exactly where they are told, as Magnolia does.
     *
     * @return the item as stored, with the path it was filed under
     */
    public ContentItem createFiled(String workspace, String parentPath, ContentNode node, Actor actor,
            ValidationMode mode) {
        authorize(actor, Permission.CREATE, workspace);
        Optional<no.sunnekommuner.cms.definition.DateFolders> folders = typeOfWorkspace(workspace)
                .flatMap(ContentTypeDefinition::dateFoldersSetting);
        if (folders.isEmpty() || node.nodeType().equals(NodeTypeNames.FOLDER)) {
            return create(workspace, parentPath, node, actor, mode);
        }
        return locked(workspace, () -> {
            String parent = parentPath;
            if (store.childCount(workspace, parentPath) < folders.get().maxItems()) {
                return create(workspace, parentPath, node, actor, mode);
            }
            for (String name : folders.get().folderNames(dateOf(node.property(folders.get().property())))) {
                String folder = childPath(parent, name);
                Optional<String> existing = store.nodeType(workspace, folder);
                if (existing.isEmpty()) {
                    try {
                        create(workspace, parent, ContentNode.builder(name, NodeTypeNames.FOLDER).build(), actor,
                                ValidationMode.IMPORT);
                    } catch (ContentExistsException e) {
                        // another instance of a cluster made it meanwhile: file the item there
                    }
                } else if (!existing.get().equals(NodeTypeNames.FOLDER)) {
                    break; // an item of that name: the new item stays in this folder
                }
                parent = folder;
            }
            return create(workspace, parent, node, actor, mode);
        });
    }

    /** The day that files an item: its date property's day as written, else today. */
    private java.time.LocalDate dateOf(Object value) {
        if (value instanceof java.time.OffsetDateTime d) {
            return d.toLocalDate();
        }
        if (value instanceof java.time.ZonedDateTime d) {
            return d.toLocalDate();
        }
        if (value instanceof java.time.LocalDate d) {
            return d;
        }
        if (value instanceof java.time.LocalDateTime d) {
            return d.toLocalDate();
        }
        if (value instanceof java.util.Calendar c) {
            return c.toInstant().atZone(c.getTimeZone().toZoneId()).toLocalDate();
        }
        if (value instanceof java.time.Instant i) {
            return i.atZone(clock.getZone()).toLocalDate();
        }
        if (value instanceof String text && text.length() >= 10) {
            try {
                return java.time.LocalDate.parse(text.substring(0, 10));
            } catch (java.time.format.DateTimeParseException e) {
                // not a date: today
            }
        }
        return java.time.LocalDate.now(clock);
    }

    /**
     * Replaces the content of a node (properties and sub-model nodes) with {@code state}.
     *
     * @param baseRevision the revision the editor started from; -1 skips the check (scripts that mean it)
     * @throws ContentConflictException when someone saved in between
     */
    public ContentItem update(String workspace, String path, ContentNode state, long baseRevision, Actor actor) {
        String user = authorize(actor, Permission.EDIT, workspace);
        return locked(workspace, () -> {
            ContentItem current = require(workspace, path);
            ContentNode named = rename(state, current.name(), current.id());
            ContentNode prepared = prepareAndValidate(workspace, current.parentPath(), path, named,
                    ValidationMode.STRICT);
            return announce(ContentEvent.Kind.SAVE, versioned(store.update(workspace, path, prepared, true,
                    baseRevision, user), VersionInfo.Action.SAVED, user), actor, false, null);
        });
    }

    /** Sets (or, with a null value, removes) some properties, keeping the rest. */
    public ContentItem patch(String workspace, String path, Map<String, Object> changes, long baseRevision,
            Actor actor) {
        String user = authorize(actor, Permission.EDIT, workspace);
        return locked(workspace, () -> {
            ContentItem current = require(workspace, path);
            ContentNode.Builder merged = current.node().toBuilder();
            changes.forEach(merged::property);
            ContentNode prepared = prepareAndValidate(workspace, current.parentPath(), path, merged.build(),
                    ValidationMode.STRICT);
            return announce(ContentEvent.Kind.SAVE, versioned(store.update(workspace, path, prepared, false,
                    baseRevision, user), VersionInfo.Action.SAVED, user), actor, false, null);
        });
    }

    /**
     * Imports a tree (a system-view file) below a parent. All of it is validated before anything is written, so a
     * refused file writes nothing. It is then written in batches of about {@code batchNodes} nodes, each under the
     * workspace's write lock on its own, so other writers of the workspace go on between batches instead of
     * waiting for the whole import; items and folders are the units of a batch (an item travels with its
     * sub-model nodes), parents first. If a batch fails, what the earlier ones wrote is removed again.
     */
    public ContentItem importTree(String workspace, String parentPath, ContentNode root, Actor actor,
            int batchNodes) {
        String user = authorize(actor, Permission.CREATE, workspace);
        ContentNode prepared = prepareAndValidate(workspace, parentPath, null, root, ValidationMode.IMPORT);
        List<ContentStore.NewNode> units = new ArrayList<>();
        split(parentPath, prepared, units);
        requireFreeIdentifiers(workspace, units);
        String rootPath = childPath(parentPath, prepared.name());
        ContentItem created = null;
        int next = 0;
        try {
            while (next < units.size()) {
                List<ContentStore.NewNode> batch = new ArrayList<>();
                int nodes = 0;
                while (next < units.size() && (batch.isEmpty() || nodes + size(units.get(next).node()) <= batchNodes)) {
                    nodes += size(units.get(next).node());
                    batch.add(units.get(next++));
                }
                ImmutableList<ContentItem> items = locked(workspace, () -> store.createAll(workspace, batch, user));
                if (created == null) {
                    created = items.get(0);
                }
            }
        } catch (RuntimeException e) {
            if (created != null) {
                try {
                    locked(workspace, () -> {
                        store.delete(workspace, rootPath);
                        return null;
                    });
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
        ContentItem imported = created;
        return locked(workspace, () -> announce(ContentEvent.Kind.IMPORT, imported, actor, false, null));
    }

    /** Splits a tree into write units: each item or folder with its non-item children, parents first. */
    private void split(String parentPath, ContentNode node, List<ContentStore.NewNode> out) {
        if (!isItemLike(node)) {
            out.add(new ContentStore.NewNode(parentPath, node));
            return;
        }
        ContentNode.Builder unit = node.toBuilder();
        List<ContentNode> inner = new ArrayList<>();
        for (ContentNode child : node.children().values()) {
            if (isItemLike(child)) {
                unit.removeChild(child.name());
                inner.add(child);
            }
        }
        out.add(new ContentStore.NewNode(parentPath, unit.build()));
        String path = childPath(parentPath, node.name());
        for (ContentNode child : inner) {
            split(path, child, out);
        }
    }

    private static int size(ContentNode node) {
        int n = 1;
        for (ContentNode child : node.children().values()) {
            n += size(child);
        }
        return n;
    }

    /** Identifiers given by the file must be unique in it and new to the workspace (checked before writing). */
    private void requireFreeIdentifiers(String workspace, List<ContentStore.NewNode> units) {
        Set<String> ids = new HashSet<>();
        for (ContentStore.NewNode unit : units) {
            collectIdentifiers(unit.node(), ids);
        }
        ImmutableSet<String> taken = store.existingIdentifiers(workspace, ids);
        if (!taken.isEmpty()) {
            throw new ContentExistsException(workspace, "identifier " + taken.iterator().next());
        }
    }

    private static void collectIdentifiers(ContentNode node, Set<String> out) {
        if (node.identifier() != null && !out.add(node.identifier())) {
            throw new ContentException("The identifier " + node.identifier() + " is given to two nodes");
        }
        node.children().values().forEach(c -> collectIdentifiers(c, out));
    }

    public ContentItem move(String workspace, String path, String newParentPath, String newName, Actor actor) {
        String user = authorize(actor, Permission.EDIT, workspace);
        if (!ContentValidator.isValidNodeName(newName)) {
            throw new ValidationException(ImmutableList.of(Violation.of("@name", "nodeName")));
        }
        return locked(workspace, () -> announce(ContentEvent.Kind.MOVE,
                store.move(workspace, path, newParentPath, newName, user), actor, false, "from " + path));
    }

    /**
     * Deletes a node with everything below it, draft and published.
     *
     * @throws ContentReferencedException when other content still references it (or something below it)
     */
    public void delete(String workspace, String path, Actor actor) {
        String user = authorize(actor, Permission.DELETE, workspace);
        locked(workspace, () -> {
            ContentItem item = require(workspace, path);
            List<String> referrers = new ArrayList<>();
            collectReferrers(item, path, referrers);
            if (!referrers.isEmpty()) {
                throw new ContentReferencedException(path, ImmutableList.copyOf(referrers));
            }
            boolean wasPublished = store.readPublished(workspace, path).isPresent();
            store.delete(workspace, path);
            announce(new ContentEvent(ContentEvent.Kind.DELETE, workspace, path, item.id(), actor,
                    clock.instant(), wasPublished, ImmutableList.of(), null));
            return null;
        });
    }

    /**
     * Publishes the node: the public sees this state until the next publish. Each publish stores a version. Where
     * the app requires review, only an approval publishes (and the runtime itself).
     */
    public ContentItem publish(String workspace, String path, Actor actor) {
        String user = authorize(actor, Permission.PUBLISH, workspace);
        requireNoReviewNeeded(actor, workspace);
        store.read(workspace, path).ifPresent(current -> prepublish(current, actor));
        return locked(workspace, () -> announce(ContentEvent.Kind.PUBLISH, store.publish(workspace, path, user),
                actor, true, null));
    }

    /**
     * What an item needs before the public sees it: the rules' publish checks (an image asset's alternative
     * text), and its linked assets published along, so a public item never points at an unpublished image (an
     * asset published already stays as published: changes to it are the media app's to publish).
     *
     * @throws ValidationException when a publish check fails (nothing is published)
     */
    private void prepublish(ContentItem current, Actor actor) {
        Optional<ContentTypeDefinition> type = typeOfWorkspace(current.workspace());
        if (type.isEmpty() || !isItemType(current.node().nodeType())
                || current.node().nodeType().equals(NodeTypeNames.FOLDER)) {
            return;
        }
        ImmutableList<Violation> violations = validator.validatePublish(type.get(), current.node(),
                context(ValidationMode.STRICT));
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        String assets = no.sunnekommuner.cms.content.media.AssetNodes.WORKSPACE;
        for (PropertyDefinition p : type.get().properties()) {
            if (p.type().kind() != PropertyType.Kind.ASSET) {
                continue;
            }
            for (String name : storedNames(p)) {
                Object value = current.node().property(name);
                for (Object key : value instanceof List<?> list ? list : value == null ? List.of() : List.of(value)) {
                    String id = no.sunnekommuner.cms.content.media.AssetNodes.identifierOf(String.valueOf(key));
                    Optional<ContentItem> asset = id == null ? Optional.empty() : store.readById(assets, id);
                    if (asset.isPresent() && store.readPublished(assets, asset.get().path()).isEmpty()) {
                        String user = authorize(actor, Permission.PUBLISH, assets);
                        locked(assets, () -> announce(ContentEvent.Kind.PUBLISH, store.publish(assets,
                                asset.get().path(), user), actor, true, "with " + current.workspace() + ":"
                                + current.path()));
                    }
                }
            }
        }
    }

    /** Publishes the node and every item and folder below it, parents first. */
    public ImmutableList<ContentItem> publishRecursive(String workspace, String path, Actor actor) {
        String user = authorize(actor, Permission.PUBLISH, workspace);
        requireNoReviewNeeded(actor, workspace);
        return locked(workspace, () -> {
            ImmutableList.Builder<ContentItem> published = ImmutableList.builder();
            publishTree(workspace, path, user, published);
            ImmutableList<ContentItem> items = published.build();
            items.forEach(i -> announce(ContentEvent.Kind.PUBLISH, i, actor, true, "recursive"));
            return items;
        });
    }

    /**
     * Withdraws the node (and everything below it) from the public.
     *
     * @throws ContentReferencedException for an asset (or a folder holding one) that published content shows: the
     *                                    public item would point at an image that is gone
     */
    public ContentItem unpublish(String workspace, String path, Actor actor) {
        String user = authorize(actor, Permission.UNPUBLISH, workspace);
        return locked(workspace, () -> {
            if (workspace.equals(no.sunnekommuner.cms.content.media.AssetNodes.WORKSPACE)) {
                List<String> shown = new ArrayList<>();
                store.read(workspace, path).ifPresent(item -> collectPublicUses(item, shown));
                if (!shown.isEmpty()) {
                    throw new ContentReferencedException(path, ImmutableList.copyOf(shown));
                }
            }
            boolean wasPublished = store.readPublished(workspace, path).isPresent();
            return announce(ContentEvent.Kind.UNPUBLISH, store.unpublish(workspace, path, user), actor,
                    wasPublished, null);
        });
    }

    /** Makes a stored version the current draft again (publish to show it to the public). */
    public ContentItem restore(String workspace, String path, String versionName, Actor actor) {
        String user = authorize(actor, Permission.EDIT, workspace);
        return locked(workspace, () -> {
            ContentItem current = require(workspace, path);
            ContentNode snapshot = store.version(workspace, path, versionName).orElseThrow(() ->
                    new ContentException("No version '" + versionName + "' of " + path));
            ContentNode named = rename(snapshot, current.name(), current.id());
            ContentNode prepared = prepareAndValidate(workspace, current.parentPath(), path, named,
                    ValidationMode.IMPORT);
            return announce(ContentEvent.Kind.RESTORE, versioned(store.update(workspace, path, prepared, true, -1,
                    user), VersionInfo.Action.RESTORED, user), actor, false, versionName);
        });
    }

    // ---- editorial workflow: review and schedules ----------------------------------------------------------
    // The state lives next to the draft (ContentItem.workflow) and is changed only here, compare-and-set on the
    // state read under the workspace lock, so two decisions on one item (or two instances of a cluster running
    // the same schedule) cannot both apply.

    /** Asks a publisher to review the draft; the comment is shown in the publishers' task list. */
    public ContentItem submitForReview(String workspace, String path, String comment, Actor actor) {
        String user = authorize(actor, Permission.SUBMIT, workspace);
        return locked(workspace, () -> {
            ContentItem current = requireItem(workspace, path);
            return announce(ContentEvent.Kind.REVIEW_SUBMIT, store.replaceWorkflow(workspace, path,
                    current.workflow(), current.workflow().submitted(user, now(), blankToNull(comment))
                            .withProblem(null)), actor, false, blankToNull(comment));
        });
    }

    /** Sends an item in review back to its author with the reason. */
    public ContentItem reject(String workspace, String path, String comment, Actor actor) {
        String user = authorize(actor, Permission.REVIEW, workspace);
        if (blankToNull(comment) == null) {
            throw new ValidationException(ImmutableList.of(Violation.of("comment", "required")));
        }
        return locked(workspace, () -> {
            ContentItem current = requireInReview(workspace, path);
            return announce(ContentEvent.Kind.REVIEW_REJECT, store.replaceWorkflow(workspace, path,
                    current.workflow(), current.workflow().rejected(user, now(), comment.strip())), actor, false,
                    comment.strip());
        });
    }

    /**
     * Approves an item in review: publishes it now (validated first), or, with {@code publishAt}, schedules the
     * publish for then. A publisher may not approve what they submitted themselves where review is required.
     */
    public ContentItem approve(String workspace, String path, java.time.Instant publishAt, Actor actor) {
        String user = authorize(actor, Permission.REVIEW, workspace);
        return locked(workspace, () -> {
            ContentItem current = requireInReview(workspace, path);
            if (definitions.reviewRequired(workspace) && !actor.system()
                    && user.equals(current.workflow().requestedBy())) {
                throw new AccessDeniedException(AccessDeniedException.Kind.REVIEW_REQUIRED, Permission.REVIEW,
                        user + " submitted " + path + " and may not approve it too: another publisher reviews it");
            }
            WorkflowState approved = current.workflow().approved(user, now());
            if (publishAt != null && publishAt.isAfter(now())) {
                // the approval is of this revision: a later edit is not published by the schedule
                return announce(ContentEvent.Kind.REVIEW_APPROVE, store.replaceWorkflow(workspace, path,
                        current.workflow(), approved.scheduled(publishAt.truncatedTo(java.time.temporal.ChronoUnit
                                .MILLIS), current.workflow().unpublishAt(), user).withProblem(null)
                                .withApprovedRevision(current.revision())), actor, false, "publish at " + publishAt);
            }
            validateDraft(current);
            prepublish(current, actor);
            announce(ContentEvent.Kind.REVIEW_APPROVE, store.replaceWorkflow(workspace, path, current.workflow(),
                    approved.withoutPublishAt().withProblem(null)), actor, false, "publish now");
            return announce(ContentEvent.Kind.PUBLISH, store.publish(workspace, path, user), actor, true,
                    "approved");
        });
    }

    /**
     * Plans a publish and/or an unpublish (null: none); both null cancels the schedule. Where the app requires
     * review, a publish is planned by approving the review instead.
     */
    public ContentItem schedule(String workspace, String path, java.time.Instant publishAt,
            java.time.Instant unpublishAt, Actor actor) {
        String user = authorize(actor, Permission.SCHEDULE, workspace);
        if (publishAt != null && unpublishAt != null && !unpublishAt.isAfter(publishAt)) {
            throw new ValidationException(ImmutableList.of(Violation.of("unpublishAt", "afterPublish")));
        }
        return locked(workspace, () -> {
            ContentItem current = requireItem(workspace, path);
            if (publishAt != null && !millis(publishAt).equals(current.workflow().publishAt())) {
                // keeping the publish time an approval set is fine; planning another one needs review
                requireNoReviewNeeded(actor, workspace);
            }
            return announce(publishAt == null && unpublishAt == null ? ContentEvent.Kind.SCHEDULE_CANCEL
                    : ContentEvent.Kind.SCHEDULE, store.replaceWorkflow(workspace, path, current.workflow(),
                            current.workflow().scheduled(millis(publishAt), millis(unpublishAt), user)), actor, false,
                    scheduleDetail(millis(publishAt), millis(unpublishAt)));
        });
    }

    /** The audit detail of a schedule: only the times planned ("publish at null" told an admin nothing). */
    private static String scheduleDetail(java.time.Instant publishAt, java.time.Instant unpublishAt) {
        if (publishAt == null && unpublishAt == null) {
            return null;
        }
        return publishAt == null ? "unpublish at " + unpublishAt
                : unpublishAt == null ? "publish at " + publishAt
                : "publish at " + publishAt + ", unpublish at " + unpublishAt;
    }

    /** Items waiting for this actor: in review (for publishers) and their own rejected items (for authors). */
    public ImmutableList<ContentItem> tasks(Actor actor) {
        ImmutableList.Builder<ContentItem> out = ImmutableList.builder();
        boolean reviews = access.allows(actor, Permission.REVIEW);
        for (ContentTypeDefinition type : definitions.contentTypes().values()) {
            if (!access.mayUseWorkspace(actor, type.workspace())) {
                continue;
            }
            for (ContentItem item : store.withWorkflow(type.workspace())) {
                WorkflowState w = item.workflow();
                if ((reviews && w.review() == WorkflowState.Review.IN_REVIEW)
                        || (w.review() == WorkflowState.Review.REJECTED && actor.username().equals(w.requestedBy()))) {
                    out.add(item);
                }
            }
        }
        return out.build();
    }

    /**
     * Runs every schedule due at {@code now} (the scheduler calls this; at start it catches up on times missed
     * while the server was down). Each item is claimed first (its schedule cleared, compare-and-set), then
     * published or withdrawn: a run that found the schedule already claimed (by an earlier run, or another
     * instance) does nothing, so no schedule runs twice. A publish whose draft no longer validates is not done;
     * the reason is kept on the item ({@link WorkflowState#problem()}).
     *
     * @return how many publishes and unpublishes were done
     */
    public int runDueSchedules(java.time.Instant now) {
        int done = 0;
        for (ContentTypeDefinition type : definitions.contentTypes().values()) {
            for (ContentItem due : store.withWorkflow(type.workspace())) {
                if (!isDue(due.workflow(), now)) {
                    continue; // in review or planned later: no lock taken, no caches emptied
                }
                try {
                    done += runDue(type.workspace(), due.path(), now);
                } catch (ContentConflictException | ContentNotFoundException e) {
                    // claimed meanwhile (another instance) or deleted: nothing left to do here
                }
            }
        }
        return done;
    }

    private static boolean isDue(WorkflowState w, java.time.Instant now) {
        return (w.publishAt() != null && !w.publishAt().isAfter(now))
                || (w.unpublishAt() != null && !w.unpublishAt().isAfter(now));
    }

    private int runDue(String workspace, String path, java.time.Instant now) {
        return locked(workspace, () -> {
            ContentItem current = require(workspace, path);
            WorkflowState w = current.workflow();
            int done = 0;
            if (w.publishAt() != null && !w.publishAt().isAfter(now)) {
                String user = w.scheduledBy() == null ? "scheduler" : w.scheduledBy();
                WorkflowState claimed = w.withoutPublishAt();
                if (definitions.reviewRequired(workspace) && w.approvedRevision() != null
                        && w.approvedRevision() != current.revision()) {
                    store.replaceWorkflow(workspace, path, w, claimed.withProblem("changed after the approval"
                            + " (revision " + w.approvedRevision() + " was approved, the draft is at "
                            + current.revision() + "): submit it for review again"));
                    return 0;
                }
                try {
                    validateDraft(current);
                    prepublish(current, Actor.system(user));
                } catch (ValidationException e) {
                    store.replaceWorkflow(workspace, path, w, claimed.withProblem("invalid: " + e.violations()
                            .stream().map(v -> v.field() + " " + v.rule()).collect(java.util.stream.Collectors
                                    .joining(", "))));
                    return 0;
                }
                current = store.replaceWorkflow(workspace, path, w, claimed.withProblem(null));
                current = announce(ContentEvent.Kind.PUBLISH, store.publish(workspace, path, user),
                        Actor.system(user), true, "scheduled");
                w = current.workflow();
                done++;
            }
            if (w.unpublishAt() != null && !w.unpublishAt().isAfter(now)) {
                String user = w.scheduledBy() == null ? "scheduler" : w.scheduledBy();
                store.replaceWorkflow(workspace, path, w, w.withoutUnpublishAt());
                boolean wasPublished = store.readPublished(workspace, path).isPresent();
                announce(ContentEvent.Kind.UNPUBLISH, store.unpublish(workspace, path, user), Actor.system(user),
                        wasPublished, "scheduled");
                done++;
            }
            return done;
        });
    }

    /** The draft must still pass validation as a save would (scheduled and approved publishes). */
    private void validateDraft(ContentItem current) {
        prepareAndValidate(current.workspace(), current.parentPath(), current.path(), current.node(),
                ValidationMode.STRICT);
    }

    /** Review and schedules are for items (a folder is published with its items, not planned on its own). */
    private ContentItem requireItem(String workspace, String path) {
        ContentItem current = require(workspace, path);
        if (!isItemType(current.node().nodeType()) || current.node().nodeType().equals(NodeTypeNames.FOLDER)) {
            throw new ContentException(path + " is not an item: only items are reviewed and scheduled");
        }
        return current;
    }

    private ContentItem requireInReview(String workspace, String path) {
        ContentItem current = require(workspace, path);
        if (current.workflow().review() != WorkflowState.Review.IN_REVIEW) {
            throw new ContentConflictException(path, -1, current.revision());
        }
        return current;
    }

    private void requireNoReviewNeeded(Actor actor, String workspace) {
        if (!actor.system() && definitions.reviewRequired(workspace)) {
            throw new AccessDeniedException(AccessDeniedException.Kind.REVIEW_REQUIRED, Permission.PUBLISH,
                    "The app of workspace '" + workspace + "' requires review: submit the item, a publisher"
                            + " approves it");
        }
    }

    private ContentItem versioned(ContentItem item, VersionInfo.Action action, String user) {
        if (isItemType(item.node().nodeType())) {
            store.storeVersion(item.workspace(), item.path(), action, user, versionsPerItem);
        }
        return item;
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static java.time.Instant millis(java.time.Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The clock of review decisions and schedules. */
    public java.time.Clock clock() {
        return clock;
    }

    // ---- the runtime's own writes ---------------------------------------------------------------------------
    // Bootstrap, demo content, the command-line import and tests write as the runtime itself
    // (Actor.system(name)): no person stands behind them. The editor and the REST API never call these
    // (ArchitectureTest checks it) and always pass the actor of the request.

    public ContentItem create(String workspace, String parentPath, ContentNode node, String systemUser) {
        return create(workspace, parentPath, node, Actor.system(systemUser));
    }

    public ContentItem create(String workspace, String parentPath, ContentNode node, String systemUser,
            ValidationMode mode) {
        return create(workspace, parentPath, node, Actor.system(systemUser), mode);
    }

    public ContentItem createFiled(String workspace, String parentPath, ContentNode node, String systemUser,
            ValidationMode mode) {
        return createFiled(workspace, parentPath, node, Actor.system(systemUser), mode);
    }

    public ContentItem update(String workspace, String path, ContentNode state, long baseRevision,
            String systemUser) {
        return update(workspace, path, state, baseRevision, Actor.system(systemUser));
    }

    public ContentItem patch(String workspace, String path, Map<String, Object> changes, long baseRevision,
            String systemUser) {
        return patch(workspace, path, changes, baseRevision, Actor.system(systemUser));
    }

    public ContentItem importTree(String workspace, String parentPath, ContentNode root, String systemUser,
            int batchNodes) {
        return importTree(workspace, parentPath, root, Actor.system(systemUser), batchNodes);
    }

    public ContentItem move(String workspace, String path, String newParentPath, String newName,
            String systemUser) {
        return move(workspace, path, newParentPath, newName, Actor.system(systemUser));
    }

    public void delete(String workspace, String path, String systemUser) {
        delete(workspace, path, Actor.system(systemUser));
    }

    public ContentItem publish(String workspace, String path, String systemUser) {
        return publish(workspace, path, Actor.system(systemUser));
    }

    public ImmutableList<ContentItem> publishRecursive(String workspace, String path, String systemUser) {
        return publishRecursive(workspace, path, Actor.system(systemUser));
    }

    public ContentItem unpublish(String workspace, String path, String systemUser) {
        return unpublish(workspace, path, Actor.system(systemUser));
    }

    public ContentItem restore(String workspace, String path, String versionName, String systemUser) {
        return restore(workspace, path, versionName, Actor.system(systemUser));
    }

    /** The access policy every write is checked against (the editor asks it what to show). */
    public AccessPolicy access() {
        return access;
    }

    /** Refuses unless the policy allows it; the actor's username then goes into the version history. */
    private String authorize(Actor actor, Permission permission, String workspace) {
        access.require(actor, permission, workspace);
        return actor.username();
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

    /** Where a node is written, which decides the rules it is held to. */
    private enum Place {
        /** below the workspace root or a folder: items and folders */
        CONTAINER,
        /** below an item: its sub-model nodes, or nested items and folders */
        ITEM,
        /** below a sub-model node: nothing is declared there (sub-models do not nest) */
        SUB_MODEL
    }

    /**
     * Normalises (multi-values, sanitised rich text, derived values) and validates a node and everything below it
     * by its role: an item of the workspace's content type, a folder, or a sub-model node of an item. Properties
     * and child nodes the content type does not declare are refused, unless it allows extras.
     */
    private ContentNode prepareAndValidate(String workspace, String parentPath, String path, ContentNode node,
            ValidationMode mode) {
        java.util.function.UnaryOperator<ContentNode> guard = guards.get(workspace);
        // a guarded workspace (dam) takes a resource child written on its own, as Magnolia's nodes API does: the
        // guard checks its binary like an upload
        boolean resource = guard != null && node.name().equals(NodeTypeNames.RESOURCE_CHILD)
                && node.nodeType().equals(NodeTypeNames.RESOURCE);
        if (!resource && !ContentValidator.isValidNodeName(node.name())) {
            throw new ValidationException(ImmutableList.of(Violation.of("@name", "nodeName")));
        }
        Optional<ContentTypeDefinition> type = typeOfWorkspace(workspace);
        if (type.isEmpty()) {
            return guard == null ? node : guard.apply(node);
        }
        List<Violation> violations = new ArrayList<>();
        ContentNode prepared = prepare(type.get(), placeBelow(workspace, parentPath), node, path, "",
                context(mode, path == null ? (parentPath == null || parentPath.isEmpty() ? "/" : parentPath) : null),
                violations);
        if (!violations.isEmpty()) {
            throw new ValidationException(ImmutableList.copyOf(violations));
        }
        return prepared;
    }

    private Place placeBelow(String workspace, String parentPath) {
        if (parentPath == null || parentPath.equals("/")) {
            return Place.CONTAINER;
        }
        // the parent's type only: reading it as an item would read all its children (every save into a folder
        // of n items cost O(n) that way, measured with the scale benchmark)
        return store.nodeType(workspace, parentPath).map(t -> isItemType(t) ? Place.ITEM
                : t.equals(NodeTypeNames.FOLDER) ? Place.CONTAINER : Place.SUB_MODEL)
                .orElse(Place.CONTAINER);
    }

    /**
     * @param location where the node is inside the tree being written ({@code ""} for its top node,
     *                 {@code "2025/news/"} below it), prefixed to the fields of violations so they can be found
     */
    private ContentNode prepare(ContentTypeDefinition type, Place place, ContentNode node, String path,
            String location, ValidationContext context, List<Violation> violations) {
        if (location.length() > 0 && !ContentValidator.isValidNodeName(node.name())) {
            violations.add(Violation.of(location + "@name", "nodeName"));
        }
        if (node.nodeType().equals(NodeTypeNames.FOLDER)) {
            checkDeclared(type, type.name(), ImmutableSet.of(), node, location, violations);
            return withPreparedChildren(type, node, location, context, violations, Place.CONTAINER);
        }
        if (isItemType(node.nodeType())) {
            ContentNode prepared = validator.derive(type, normalize(type.properties(), type, node), path, context);
            validator.validateItem(type, prepared, path, context)
                    .forEach(v -> violations.add(located(location, v)));
            checkDeclared(type, type.name(), declaredNames(type.properties()), prepared, location, violations);
            ContentNode.Builder b = prepared.toBuilder();
            for (ContentNode child : prepared.children().values()) {
                if (isItemLike(child)) {
                    b.child(prepare(type, Place.ITEM, child, null, location + child.name() + "/",
                            context(context.mode()), violations));
                } else {
                    b.child(prepareSubNode(type, child, location, context, violations,
                            child.name().equals(subModelProperty(type, child.name()).map(PropertyDefinition::name)
                                    .orElse(null))));
                }
            }
            return b.build();
        }
        if (place == Place.ITEM) {
            return prepareSubNode(type, node, location, context, violations, false);
        }
        if (!type.extraNodes()) {
            violations.add(located(location, Violation.of(node.name(), "unknownNode", type.name())));
        }
        return node;
    }

    /**
     * A non-item child of an item: a declared sub-model (by its name or with a language suffix), or refused.
     *
     * @param validated true when {@link ContentValidator#validateItem} already checked its values
     */
    private ContentNode prepareSubNode(ContentTypeDefinition type, ContentNode node, String location,
            ValidationContext context, List<Violation> violations, boolean validated) {
        Optional<PropertyDefinition> owner = subModelProperty(type, node.name());
        Optional<SubModelDefinition> subModel = owner.flatMap(o -> type.subModel(o.type().target()));
        if (subModel.isEmpty()) {
            if (!type.extraNodes()) {
                violations.add(located(location, Violation.of(node.name(), "unknownNode", type.name())));
            }
            return node;
        }
        ContentNode prepared = normalize(subModel.get().properties(), type, node);
        if (!validated) {
            validator.validateSubNode(type, subModel.get(), prepared, node.name() + ".", context)
                    .forEach(v -> violations.add(located(location, v)));
        }
        checkDeclared(type, subModel.get().name(), declaredNames(subModel.get().properties()), prepared,
                location + node.name() + ".", violations);
        // sub-models do not nest: anything below one is undeclared
        if (!type.extraNodes()) {
            for (ContentNode child : prepared.children().values()) {
                violations.add(located(location + node.name() + "/",
                        Violation.of(child.name(), "unknownNode", subModel.get().name())));
            }
        }
        return prepared;
    }

    private ContentNode withPreparedChildren(ContentTypeDefinition type, ContentNode node, String location,
            ValidationContext context, List<Violation> violations, Place place) {
        if (node.children().isEmpty()) {
            return node;
        }
        ContentNode.Builder b = node.toBuilder();
        for (ContentNode child : node.children().values()) {
            b.child(prepare(type, place, child, null, location + child.name() + "/", context(context.mode()),
                    violations));
        }
        return b.build();
    }

    /** Refuses properties outside {@code declared} (Magnolia's own mgnl:/jcr: bookkeeping aside). */
    private static void checkDeclared(ContentTypeDefinition type, String owner, ImmutableSet<String> declared,
            ContentNode node, String location, List<Violation> violations) {
        if (type.extraProperties()) {
            return;
        }
        for (String name : node.properties().keySet()) {
            if (!declared.contains(name) && !name.startsWith("mgnl:") && !name.startsWith("jcr:")) {
                violations.add(Violation.of(location + name, "unknownProperty", owner));
            }
        }
    }

    /** Stored names of the simple properties: the name, and for i18n ones the name with a language suffix. */
    private ImmutableSet<String> declaredNames(List<PropertyDefinition> properties) {
        ImmutableSet.Builder<String> names = ImmutableSet.builder();
        for (PropertyDefinition p : properties) {
            if (p.type().kind() != PropertyType.Kind.SUB_MODEL) {
                names.addAll(storedNames(p));
            }
        }
        return names.build();
    }

    private static Violation located(String location, Violation v) {
        return location.isEmpty() ? v : new Violation(location + v.field(), v.rule(), v.args(), v.messageKey());
    }

    private boolean isItemLike(ContentNode node) {
        return node.nodeType().equals(NodeTypeNames.FOLDER) || isItemType(node.nodeType());
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

    /**
     * Wraps single values of multi-valued properties in lists and sanitises rich text (every text value of a
     * rich-text property, single or multiple, in every language; other values are refused by validation).
     */
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
                if (p.type().kind() == PropertyType.Kind.RICH_TEXT) {
                    value = sanitized(value);
                }
                b.property(name, value);
            }
            if (p.type().kind() == PropertyType.Kind.SUB_MODEL) {
                Optional<SubModelDefinition> sub = type.subModel(p.type().target());
                ContentNode child = node.children().get(p.name());
                if (sub.isPresent() && child != null && !isItemLike(child)) {
                    b.child(normalize(sub.get().properties(), type, child));
                }
            }
        }
        return b.build();
    }

    private Object sanitized(Object value) {
        if (value instanceof String html) {
            return sanitizer.sanitize(html);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::sanitized).collect(ImmutableList.toImmutableList());
        }
        return value;
    }

    private ValidationContext context(ValidationMode mode) {
        return context(mode, null);
    }

    /** @param newItemFolder the folder of the node being created at the top of the write; null for an update */
    private ValidationContext context(ValidationMode mode, String newItemFolder) {
        return new ValidationContext() {
            @Override
            public Optional<String> newItemFolder() {
                return Optional.ofNullable(newItemFolder);
            }

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
    /**
     * Where an asset is used: {@code workspace:path} of the draft or published items whose asset properties
     * ({@code type: asset}, in every language) hold its key {@code jcr:<identifier>}.
     */
    public ImmutableList<String> referrersOfAsset(String identifier) {
        List<String> found = new ArrayList<>();
        for (ContentTypeDefinition type : definitions.contentTypes().values()) {
            for (PropertyDefinition p : type.properties()) {
                if (p.type().kind() != PropertyType.Kind.ASSET) {
                    continue;
                }
                for (String name : storedNames(p)) {
                    for (String ref : store.findByValue(type.workspace(), type.effectiveNodeType(), name,
                            no.sunnekommuner.cms.content.media.AssetNodes.KEY_PREFIX + identifier, true)) {
                        if (!found.contains(ref)) {
                            found.add(ref);
                        }
                    }
                }
            }
        }
        return ImmutableList.copyOf(found);
    }

    /**
     * Paths ({@code workspace:path}) of draft or published items of a type whose stored property holds a value
     * that is no asset key (written before the property became {@code type: asset}; the start-up migration
     * converts them).
     */
    public ImmutableList<String> pathsWithoutAssetKey(ContentTypeDefinition type, String storedName) {
        return store.findNotStartingWith(type.workspace(), type.effectiveNodeType(), storedName,
                no.sunnekommuner.cms.content.media.AssetNodes.KEY_PREFIX, true);
    }

    /** Published items ({@code workspace:path}) whose published state links this asset or one below this folder. */
    private void collectPublicUses(ContentItem item, List<String> out) {
        if (item.node().nodeType().equals(no.sunnekommuner.cms.content.media.AssetNodes.ASSET)) {
            String key = no.sunnekommuner.cms.content.media.AssetNodes.KEY_PREFIX + item.id();
            for (String ref : referrersOfAsset(item.id())) {
                int colon = ref.indexOf(':');
                boolean shown = store.readPublished(ref.substring(0, colon), ref.substring(colon + 1))
                        .map(p -> p.node().properties().values().stream().anyMatch(v -> v.equals(key)
                                || v instanceof List<?> l && l.contains(key)))
                        .orElse(false);
                if (shown && !out.contains(ref)) {
                    out.add(ref);
                }
            }
        }
        for (ContentItem child : store.children(item.workspace(), item.path())) {
            collectPublicUses(child, out);
        }
    }

    private void collectReferrers(ContentItem item, String deletedPath, List<String> referrers) {
        if (item.node().nodeType().equals(no.sunnekommuner.cms.content.media.AssetNodes.ASSET)) {
            // content refers to assets by key (jcr:<uuid>), not by identifier: delete is refused while used
            referrersOfAsset(item.id()).stream().filter(r -> !referrers.contains(r)).forEach(referrers::add);
        }
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
        Lock lock = workspaceLocks.computeIfAbsent(workspace, w -> new ReentrantLock(true));
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
    /**
     * Runs every node written to a workspace without a content type through {@code guard} (which may refuse it
     * by throwing, or return the node to store), on every write path: create, update, patch, import, restore.
     */
    public void guardWorkspace(String workspace, java.util.function.UnaryOperator<ContentNode> guard) {
        guards.put(workspace, guard);
    }

    public void addChangeListener(Consumer<String> listener) {
        changeListeners.add(listener);
    }

    /**
     * Registers a listener told of every successful write (audit log, webhooks), in write order per workspace.
     */
    public void addEventListener(ContentEventListener listener) {
        eventListeners.add(listener);
    }

    /**
     * Tells the event listeners of a write that was made (also for operations built on top of this service, such
     * as schedules and reviews, which announce their own kinds). Call it while the write's result is certain.
     */
    public void announce(ContentEvent event) {
        for (ContentEventListener listener : eventListeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                EVENT_LOG.error("A content event listener failed on {} {}:{}", event.kind(), event.workspace(),
                        event.path(), e);
            }
        }
    }

    private ContentItem announce(ContentEvent.Kind kind, ContentItem item, Actor actor, boolean wasPublished,
            String detail) {
        if (!eventListeners.isEmpty()) {
            announce(new ContentEvent(kind, item.workspace(), item.path(), item.id(), actor, clock.instant(),
                    wasPublished, languagesOf(item), detail));
        }
        return item;
    }

    /** The site languages in which an item has a value of a translatable property (the default one always). */
    private ImmutableList<String> languagesOf(ContentItem item) {
        Optional<ContentTypeDefinition> type = typeOfWorkspace(item.workspace());
        ImmutableList.Builder<String> out = ImmutableList.<String>builder().add(locales.defaultLanguage());
        if (type.isEmpty()) {
            return out.build();
        }
        for (String language : locales.otherLanguages()) {
            boolean filled = type.get().properties().stream().filter(PropertyDefinition::i18n)
                    .anyMatch(p -> isFilled(item.node().property(locales.storedName(p.name(), language)))
                            || item.node().children().containsKey(locales.storedName(p.name(), language)));
            if (filled) {
                out.add(language);
            }
        }
        return out.build();
    }

    private static final org.slf4j.Logger EVENT_LOG = org.slf4j.LoggerFactory.getLogger(ContentService.class);

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
