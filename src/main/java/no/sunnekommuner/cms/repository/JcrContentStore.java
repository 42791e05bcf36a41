package no.sunnekommuner.cms.repository;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.jcr.InvalidItemStateException;
import javax.jcr.ItemExistsException;
import javax.jcr.ItemNotFoundException;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import javax.jcr.PathNotFoundException;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import javax.jcr.query.Query;
import no.sunnekommuner.cms.content.ContentConflictException;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.ContentExistsException;
import no.sunnekommuner.cms.content.ContentNotFoundException;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentPage;
import no.sunnekommuner.cms.content.model.NodeQuery;
import no.sunnekommuner.cms.content.model.PublicationStatus;
import no.sunnekommuner.cms.content.model.VersionInfo;
import no.sunnekommuner.cms.content.model.WorkflowState;
import no.sunnekommuner.cms.content.spi.ContentQueryRequest;
import no.sunnekommuner.cms.content.spi.ContentStore;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import org.apache.jackrabbit.util.ISO9075;
import org.apache.jackrabbit.util.Text;

/** The content store on the embedded Jackrabbit repository: drafts, published twins and versions. */
public final class JcrContentStore implements ContentStore {

    private static final String ACTIVATION_STATUS = "mgnl:activationStatus";
    private static final String LAST_ACTIVATED = "mgnl:lastActivated";
    private static final String LAST_ACTIVATED_BY = "mgnl:lastActivatedBy";
    private static final String LAST_ACTIVATED_VERSION = "mgnl:lastActivatedVersion";
    /** On an item's version history: the number of the next version (names are never reused after pruning). */
    private static final String NEXT_VERSION = "next";

    private final JcrRepository repository;
    /** Editor listings name no day-only dates: the planner's zone is never used for them. */
    private final XPathPlanner planner = new XPathPlanner(ZoneOffset.UTC);
    private final QueryRunner runner;

    public JcrContentStore(JcrRepository repository) {
        this.repository = repository;
        this.runner = new QueryRunner(repository.queryCounts());
    }

    @Override
    public Optional<ContentItem> read(String workspace, String path) {
        return call(workspace, s -> {
            Optional<Node> node = node(s, path);
            return node.isPresent() ? Optional.of(item(workspace, node.get())) : Optional.empty();
        });
    }

    @Override
    public Optional<ContentItem> readById(String workspace, String identifier) {
        return call(workspace, s -> {
            try {
                return Optional.of(item(workspace, s.getNodeByIdentifier(identifier)));
            } catch (ItemNotFoundException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<String> nodeType(String workspace, String path) {
        return call(workspace, s -> {
            Optional<Node> node = node(s, path);
            return node.isPresent() ? Optional.of(ContentNodes.nodeType(node.get())) : Optional.empty();
        });
    }

    @Override
    public int childCount(String workspace, String path) {
        return call(workspace, s -> {
            Optional<Node> node = node(s, path);
            return node.isPresent() ? SiblingNames.count(node.get()) : 0;
        });
    }

    @Override
    public boolean isEmpty(String workspace) {
        return call(workspace, s -> {
            // the first item-like child answers; a large workspace is not read to the end
            for (NodeIterator it = s.getRootNode().getNodes(); it.hasNext(); ) {
                if (ContentNodes.isItemLike(it.nextNode())) {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public Optional<ContentItem> readPublished(String workspace, String path) {
        String published = Workspaces.published(workspace);
        return call(published, s -> {
            Optional<Node> node = node(s, path);
            return node.isPresent() ? Optional.of(item(workspace, node.get())) : Optional.empty();
        });
    }

    @Override
    public ImmutableList<ContentItem> children(String workspace, String path) {
        return call(workspace, s -> {
            Node parent = node(s, path).orElseThrow(() -> new ContentNotFoundException(workspace, path));
            ImmutableList.Builder<ContentItem> items = ImmutableList.builder();
            for (NodeIterator it = parent.getNodes(); it.hasNext(); ) {
                Node child = it.nextNode();
                if (ContentNodes.isItemLike(child)) {
                    items.add(item(workspace, child));
                }
            }
            return items.build();
        });
    }

    @Override
    public ContentItem create(String workspace, String parentPath, ContentNode content, String user) {
        return call(workspace, s -> {
            Node node = add(s, workspace, parentPath, content, user, now());
            save(s, node.getPath());
            return item(workspace, node);
        });
    }

    @Override
    public ImmutableList<ContentItem> createAll(String workspace, List<NewNode> nodes, String user) {
        if (nodes.isEmpty()) {
            return ImmutableList.of();
        }
        return call(workspace, s -> {
            Calendar now = now();
            List<Node> added = new ArrayList<>();
            for (NewNode n : nodes) {
                added.add(add(s, workspace, n.parentPath(), n.node(), user, now));
            }
            save(s, added.get(0).getPath());
            ImmutableList.Builder<ContentItem> items = ImmutableList.builder();
            for (Node node : added) {
                items.add(item(workspace, node));
            }
            return items.build();
        });
    }

    @Override
    public ImmutableSet<String> existingIdentifiers(String workspace, Collection<String> identifiers) {
        return call(workspace, s -> {
            ImmutableSet.Builder<String> taken = ImmutableSet.builder();
            for (String id : identifiers) {
                if (identifierTaken(s, id)) {
                    taken.add(id);
                }
            }
            return taken.build();
        });
    }

    /** Adds a node with its content (unsaved): the one way new nodes get their stamps and draft state. */
    private static Node add(Session s, String workspace, String parentPath, ContentNode content, String user,
            Calendar now) throws RepositoryException {
        Node parent = node(s, parentPath).orElseThrow(() -> new ContentNotFoundException(workspace, parentPath));
        if (parent.hasNode(content.name())) {
            throw new ContentExistsException(workspace, childPath(parentPath, content.name()));
        }
        if (content.identifier() != null && identifierTaken(s, content.identifier())) {
            throw new ContentExistsException(workspace, "identifier " + content.identifier());
        }
        Node node;
        try {
            node = ContentNodes.addNode(parent, content.name(), content.nodeType(), content.identifier());
        } catch (ItemExistsException e) {
            throw new ContentExistsException(workspace, childPath(parentPath, content.name()));
        }
        stamp(node, user, now, true);
        node.setProperty(ContentNodes.REVISION, 1L);
        node.setProperty(ContentNodes.STATUS, PublicationStatus.DRAFT.stored());
        ContentNodes.writeContent(node, content, true, true);
        touchOwner(node, user, now);
        return node;
    }

    @Override
    public ContentItem update(String workspace, String path, ContentNode state, boolean replaceChildren,
            long expectedRevision, String user) {
        return call(workspace, s -> {
            Node node = node(s, path).orElseThrow(() -> new ContentNotFoundException(workspace, path));
            long revision = revision(node);
            if (expectedRevision >= 0 && expectedRevision != revision) {
                throw new ContentConflictException(path, expectedRevision, revision);
            }
            ContentNodes.writeContent(node, state, replaceChildren, false);
            Calendar now = now();
            stamp(node, user, now, false);
            node.setProperty(ContentNodes.REVISION, revision + 1);
            markModified(node);
            touchOwner(node, user, now);
            save(s, path);
            return item(workspace, node);
        });
    }

    @Override
    public ContentItem move(String workspace, String path, String newParentPath, String newName, String user) {
        return call(workspace, s -> {
            Node node = node(s, path).orElseThrow(() -> new ContentNotFoundException(workspace, path));
            Node parent = node(s, newParentPath)
                    .orElseThrow(() -> new ContentNotFoundException(workspace, newParentPath));
            String target = childPath(parent.getPath(), newName);
            if (s.nodeExists(target)) {
                throw new ContentExistsException(workspace, target);
            }
            s.move(node.getPath(), target);
            Node moved = s.getNode(target);
            stamp(moved, user, now(), false);
            moved.setProperty(ContentNodes.REVISION, revision(moved) + 1);
            markModified(moved);
            save(s, target);
            return item(workspace, moved);
        });
    }

    @Override
    public void delete(String workspace, String path) {
        call(workspace, s -> {
            Node node = node(s, path).orElseThrow(() -> new ContentNotFoundException(workspace, path));
            String id = node.getIdentifier();
            node.remove();
            save(s, path);
            call(Workspaces.published(workspace), ps -> {
                Optional<Node> published = byIdentifier(ps, id);
                if (published.isPresent()) {
                    published.get().remove();
                    ps.save();
                }
                return null;
            });
            return null;
        });
    }

    @Override
    public ContentItem publish(String workspace, String path, String user) {
        return call(workspace, s -> {
            Node draft = node(s, path).orElseThrow(() -> new ContentNotFoundException(workspace, path));
            Calendar now = now();
            String versionName = storeVersion(workspace, draft, user, now, VersionInfo.Action.PUBLISHED, 0);
            draft.setProperty(ACTIVATION_STATUS, true);
            draft.setProperty(LAST_ACTIVATED, now);
            draft.setProperty(LAST_ACTIVATED_BY, user);
            draft.setProperty(LAST_ACTIVATED_VERSION, versionName);
            draft.setProperty(ContentNodes.STATUS, PublicationStatus.PUBLISHED.stored());
            call(Workspaces.published(workspace), ps -> {
                Node target = publishedTwin(ps, draft);
                copyPublished(draft, target);
                ps.save();
                return null;
            });
            // The published twin is saved first: a crash in between leaves the draft marked unpublished, and
            // publishing again repairs it; the other order could claim a publication that never happened.
            save(s, path);
            return item(workspace, draft);
        });
    }

    @Override
    public ContentItem unpublish(String workspace, String path, String user) {
        return call(workspace, s -> {
            Node draft = node(s, path).orElseThrow(() -> new ContentNotFoundException(workspace, path));
            String id = draft.getIdentifier();
            call(Workspaces.published(workspace), ps -> {
                Optional<Node> published = byIdentifier(ps, id);
                if (published.isPresent()) {
                    published.get().remove();
                    ps.save();
                }
                return null;
            });
            draft.setProperty(ACTIVATION_STATUS, false);
            draft.setProperty(ContentNodes.STATUS, PublicationStatus.DRAFT.stored());
            // Unpublishing takes the descendants off the public site as well; their drafts must say so.
            for (NodeIterator it = draft.getNodes(); it.hasNext(); ) {
                markUnpublished(it.nextNode());
            }
            save(s, path);
            return item(workspace, draft);
        });
    }

    @Override
    public ImmutableList<VersionInfo> versions(String workspace, String path) {
        String id = call(workspace, s -> node(s, path)
                .orElseThrow(() -> new ContentNotFoundException(workspace, path)).getIdentifier());
        return call(Workspaces.VERSIONS, vs -> {
            Optional<Node> history = VersionHistories.find(vs, workspace, id);
            if (history.isEmpty()) {
                return ImmutableList.of();
            }
            ImmutableList.Builder<VersionInfo> versions = ImmutableList.builder();
            for (NodeIterator it = history.get().getNodes(); it.hasNext(); ) {
                Node v = it.nextNode();
                versions.add(new VersionInfo(v.getName(), JcrValues.date(v.getProperty("created").getDate()),
                        v.getProperty("createdBy").getString(),
                        v.hasProperty("comment") ? v.getProperty("comment").getString() : null,
                        VersionInfo.Action.fromStored(string(v, "action"))));
            }
            return versions.build();
        });
    }

    @Override
    public Optional<ContentNode> version(String workspace, String path, String versionName) {
        String id = call(workspace, s -> node(s, path)
                .orElseThrow(() -> new ContentNotFoundException(workspace, path)).getIdentifier());
        return call(Workspaces.VERSIONS, vs -> {
            Optional<Node> snapshot = VersionSnapshots.find(vs, workspace, id, versionName);
            return snapshot.isPresent() ? Optional.of(ContentNodes.read(snapshot.get())) : Optional.empty();
        });
    }

    @Override
    public ContentPage query(ContentTypeDefinition type, ContentQueryRequest request) {
        String workspace = request.published() ? Workspaces.published(type.workspace()) : type.workspace();
        NodeQuery query = EditorQueries.of(type, request.query(), workspace);
        return call(workspace, s -> {
            XPathPlanner.Plan plan = planner.plan(query, new JcrNodeReader.SessionWorkspace(s,
                    repository.queryCounts()));
            QueryRunner.Rows rows = runner.run(s, plan, query.offset(), query.limit());
            ImmutableList.Builder<ContentItem> items = ImmutableList.builder();
            for (Node n : rows.nodes()) {
                items.add(item(type.workspace(), n));
            }
            return new ContentPage(rows.total(), items.build());
        });
    }

    @Override
    public ImmutableList<String> findByValue(String workspace, String nodeType, String property, String value,
            boolean includePublished) {
        String statement = "/jcr:root//element(*, " + nodeType + ")[@" + ISO9075.encode(property) + " = '"
                + value.replace("'", "''") + "']";
        return findPaths(workspace, statement, includePublished);
    }

    @Override
    public ImmutableList<String> findNotStartingWith(String workspace, String nodeType, String property,
            String prefix, boolean includePublished) {
        if (prefix.isEmpty()) {
            return ImmutableList.of(); // every value starts with the empty string
        }
        // Two ranges around the values that start with the prefix: Lucene reads only the terms of the values in
        // them (none, once the start-up migration is done). The not(jcr:like(…)) this replaces walked every
        // document of the index, twice (draft and published) at each start: 0.5-1 s at 100,000 articles.
        String encoded = ISO9075.encode(property);
        char last = prefix.charAt(prefix.length() - 1);
        String above = prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
        String statement = "/jcr:root//element(*, " + nodeType + ")[@" + encoded + " < '" + prefix.replace("'", "''")
                + "' or @" + encoded + " >= '" + above.replace("'", "''") + "']";
        return findPaths(workspace, statement, includePublished);
    }

    private ImmutableList<String> findPaths(String workspace, String statement, boolean includePublished) {
        List<String> found = new ArrayList<>();
        List<String> workspaces = includePublished
                ? List.of(workspace, Workspaces.published(workspace)) : List.of(workspace);
        for (String ws : workspaces) {
            call(ws, s -> {
                Query query = s.getWorkspace().getQueryManager().createQuery(statement, Query.XPATH);
                for (NodeIterator it = query.execute().getNodes(); it.hasNext(); ) {
                    String entry = workspace + ":" + it.nextNode().getPath();
                    if (!found.contains(entry)) {
                        found.add(entry);
                    }
                }
                return null;
            });
        }
        return ImmutableList.copyOf(found);
    }

    // ---------------------------------------------------------------------------------------------------------

    @Override
    public String storeVersion(String workspace, String path, VersionInfo.Action action, String user, int keep) {
        return call(workspace, s -> {
            Node draft = node(s, path).orElseThrow(() -> new ContentNotFoundException(workspace, path));
            return storeVersion(workspace, draft, user, now(), action, keep);
        });
    }

    /**
     * Stores a version; names count up per item ({@code 1.0}, {@code 1.1}, …) and are never reused after old
     * versions were pruned. {@code keep} > 0 prunes the oldest versions not made by a publish beyond that count.
     */
    private String storeVersion(String workspace, Node draft, String user, Calendar now, VersionInfo.Action action,
            int keep) throws RepositoryException {
        ContentNode snapshot = ContentNodes.read(draft);
        return call(Workspaces.VERSIONS, vs -> {
            Node history = VersionHistories.ensure(vs, workspace, draft.getIdentifier());
            long next = history.hasProperty(NEXT_VERSION) ? history.getProperty(NEXT_VERSION).getLong()
                    : history.getNodes().getSize();
            String name = "1." + next;
            history.setProperty(NEXT_VERSION, next + 1);
            Node version = history.addNode(name, "nt:unstructured");
            version.setProperty("created", now);
            version.setProperty("createdBy", user);
            version.setProperty("path", draft.getPath());
            version.setProperty("action", action.stored());
            ContentNodes.writeSnapshot(version, snapshot);
            if (keep > 0) {
                prune(history, keep);
            }
            vs.save();
            return name;
        });
    }

    private static void prune(Node history, int keep) throws RepositoryException {
        long excess = history.getNodes().getSize() - keep;
        for (NodeIterator it = history.getNodes(); it.hasNext() && excess > 0; ) {
            Node v = it.nextNode();
            if (VersionInfo.Action.fromStored(string(v, "action")) != VersionInfo.Action.PUBLISHED) {
                v.remove();
                excess--;
            }
        }
    }

    @Override
    public ContentItem replaceWorkflow(String workspace, String path, WorkflowState expected, WorkflowState next) {
        return call(workspace, s -> {
            Node node = node(s, path).orElseThrow(() -> new ContentNotFoundException(workspace, path));
            WorkflowState current = WorkflowProperties.read(node);
            if (!current.equals(expected)) {
                throw new ContentConflictException(path, -1, revision(node));
            }
            WorkflowProperties.write(node, next);
            // a second instance claiming the same state fails here: Jackrabbit refuses a save based on a stale state
            save(s, path);
            return item(workspace, node);
        });
    }

    @Override
    public ImmutableList<ContentItem> withWorkflow(String workspace) {
        return call(workspace, s -> {
            Query query = s.getWorkspace().getQueryManager().createQuery(WorkflowProperties.QUERY, Query.XPATH);
            ImmutableList.Builder<ContentItem> items = ImmutableList.builder();
            for (NodeIterator it = query.execute().getNodes(); it.hasNext(); ) {
                items.add(item(workspace, it.nextNode()));
            }
            return items.build();
        });
    }

    /** Finds or creates the published node that mirrors a draft, creating unpublished folders above it. */
    private Node publishedTwin(Session ps, Node draft) throws RepositoryException {
        Optional<Node> existing = byIdentifier(ps, draft.getIdentifier());
        Node parent = publishedParent(ps, draft.getParent());
        if (existing.isPresent()) {
            Node twin = existing.get();
            if (!twin.getPath().equals(draft.getPath())) {
                ps.move(twin.getPath(), childPath(parent.getPath(), draft.getName()));
            }
            return twin;
        }
        if (parent.hasNode(draft.getName())) {
            // a stale published node from an earlier item of the same name
            parent.getNode(draft.getName()).remove();
        }
        Node twin = ContentNodes.addNode(parent, draft.getName(), draft.getPrimaryNodeType().getName(),
                draft.getIdentifier());
        keepSiblingOrder(parent, draft);
        return twin;
    }

    /** Puts a newly published node before the next sibling the public already has, as in the draft tree. */
    private static void keepSiblingOrder(Node publishedParent, Node draft) throws RepositoryException {
        if (!publishedParent.getPrimaryNodeType().hasOrderableChildNodes()) {
            return;
        }
        // the usual case, a new item added last, has no sibling after it: nothing is loaded then
        for (String sibling : SiblingNames.after(draft)) {
            if (publishedParent.hasNode(sibling)) {
                publishedParent.orderBefore(draft.getName(), sibling);
                return;
            }
        }
    }

    private Node publishedParent(Session ps, Node draftParent) throws RepositoryException {
        if (draftParent.getDepth() == 0) {
            return ps.getRootNode();
        }
        Optional<Node> existing = byIdentifier(ps, draftParent.getIdentifier());
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!draftParent.isNodeType(no.sunnekommuner.cms.definition.NodeTypeNames.FOLDER)) {
            throw new ContentException("Publish " + draftParent.getPath() + " first: it is the parent of what you"
                    + " are publishing and is not published yet.");
        }
        Node parent = publishedParent(ps, draftParent.getParent());
        Node folder = ContentNodes.addNode(parent, draftParent.getName(), draftParent.getPrimaryNodeType().getName(),
                draftParent.getIdentifier());
        keepSiblingOrder(parent, draftParent);
        // the draft folder is saved with the published item's draft session
        draftParent.setProperty(ACTIVATION_STATUS, true);
        draftParent.setProperty(LAST_ACTIVATED, now());
        draftParent.setProperty(ContentNodes.STATUS, PublicationStatus.PUBLISHED.stored());
        copyPublished(draftParent, folder);
        return folder;
    }

    private static void copyPublished(Node draft, Node target) throws RepositoryException {
        ContentNodes.writeContent(target, ContentNodes.read(draft), true, true);
        for (String name : new String[] {"mgnl:created", "mgnl:createdBy", "mgnl:lastModified", "mgnl:lastModifiedBy",
                ACTIVATION_STATUS, LAST_ACTIVATED, LAST_ACTIVATED_BY, LAST_ACTIVATED_VERSION, "mgnl:template"}) {
            if (draft.hasProperty(name)) {
                target.setProperty(name, draft.getProperty(name).getValue());
            } else if (target.hasProperty(name)) {
                target.getProperty(name).remove();
            }
        }
        target.setProperty(ContentNodes.REVISION, revision(draft));
        target.setProperty(ContentNodes.STATUS, PublicationStatus.PUBLISHED.stored());
    }

    private static void markUnpublished(Node node) throws RepositoryException {
        if (!ContentNodes.isItemLike(node)) {
            return;
        }
        if (node.hasProperty(ACTIVATION_STATUS)) {
            node.setProperty(ACTIVATION_STATUS, false);
        }
        node.setProperty(ContentNodes.STATUS, PublicationStatus.DRAFT.stored());
        for (NodeIterator it = node.getNodes(); it.hasNext(); ) {
            markUnpublished(it.nextNode());
        }
    }

    private static void markModified(Node node) throws RepositoryException {
        if (PublicationStatus.PUBLISHED.stored().equals(string(node, ContentNodes.STATUS))) {
            node.setProperty(ContentNodes.STATUS, PublicationStatus.MODIFIED.stored());
        }
    }

    /** Editing a sub-model node changes its item: the item's revision and modification stamp move too. */
    private static void touchOwner(Node node, String user, Calendar now) throws RepositoryException {
        if (ContentNodes.isItemLike(node) || node.getDepth() == 0) {
            return;
        }
        Node owner = node.getParent();
        while (owner.getDepth() > 0 && !ContentNodes.isItemLike(owner)) {
            owner = owner.getParent();
        }
        if (owner.getDepth() > 0) {
            stamp(owner, user, now, false);
            owner.setProperty(ContentNodes.REVISION, revision(owner) + 1);
            markModified(owner);
        }
    }

    private static void stamp(Node node, String user, Calendar now, boolean created) throws RepositoryException {
        if (created) {
            node.setProperty("mgnl:created", now);
            node.setProperty("mgnl:createdBy", user);
        }
        node.setProperty("mgnl:lastModified", now);
        node.setProperty("mgnl:lastModifiedBy", user);
    }

    private static Calendar now() {
        return JcrValues.calendar(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
    }

    private static long revision(Node node) throws RepositoryException {
        return node.hasProperty(ContentNodes.REVISION) ? node.getProperty(ContentNodes.REVISION).getLong() : 0L;
    }

    private static ContentItem item(String workspace, Node node) throws RepositoryException {
        return new ContentItem(workspace, node.getPath(), ContentNodes.read(node), revision(node),
                PublicationStatus.fromStored(string(node, ContentNodes.STATUS)),
                date(node, "mgnl:created"), string(node, "mgnl:createdBy"),
                date(node, "mgnl:lastModified"), string(node, "mgnl:lastModifiedBy"),
                date(node, LAST_ACTIVATED), string(node, LAST_ACTIVATED_BY), WorkflowProperties.read(node));
    }

    private static String string(Node node, String property) throws RepositoryException {
        return node.hasProperty(property) ? node.getProperty(property).getString() : null;
    }

    private static OffsetDateTime date(Node node, String property) throws RepositoryException {
        return node.hasProperty(property) ? JcrValues.date(node.getProperty(property).getDate()) : null;
    }

    private static Optional<Node> node(Session s, String path) throws RepositoryException {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(s.getNode(path));
        } catch (PathNotFoundException | javax.jcr.NamespaceException | IllegalArgumentException e) {
            // an unknown prefix ("/x:y") or ".." above the root names no node either
            return Optional.empty();
        } catch (RepositoryException e) {
            // a malformed path (illegal characters, "//") names no node
            if (e.getCause() instanceof org.apache.jackrabbit.spi.commons.conversion.MalformedPathException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Optional<Node> byIdentifier(Session s, String id) throws RepositoryException {
        try {
            return Optional.of(s.getNodeByIdentifier(id));
        } catch (ItemNotFoundException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean identifierTaken(Session s, String id) throws RepositoryException {
        return byIdentifier(s, id).isPresent();
    }

    private static String childPath(String parent, String name) {
        return parent.endsWith("/") ? parent + name : parent + "/" + name;
    }

    private static void save(Session s, String path) throws RepositoryException {
        try {
            s.save();
        } catch (InvalidItemStateException e) {
            // Another session saved the same node in between: refuse rather than overwrite.
            throw new ContentConflictException(path, -1, -1);
        }
    }

    private <T> T call(String workspace, JcrRepository.SessionWork<T> work) {
        try {
            return repository.withSession(workspace, work);
        } catch (RepositoryException e) {
            throw new ContentException("Repository error in workspace " + workspace + ": " + e.getMessage(), e);
        }
    }
}
