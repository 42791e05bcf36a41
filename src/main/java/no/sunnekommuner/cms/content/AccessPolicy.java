package no.sunnekommuner.cms.content;

import com.google.common.collect.ImmutableList;
import java.util.Locale;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.DefinitionRegistry;

/**
 * The one place that decides who may do what. Roles: an {@code editor} creates and edits drafts, a
 * {@code publisher} also publishes, unpublishes and deletes, an {@code admin} holds every role and manages users.
 * An app's {@code permissions.roles} (as in Magnolia) says who sees the app at all; the content of a workspace is
 * open to an actor who may open at least one app of that workspace (or any, when no app shows the workspace).
 * The editor's views only hide what this refuses; the content service, the nodes API and preview ask it again.
 */
public final class AccessPolicy {

    private final DefinitionRegistry definitions;

    public AccessPolicy(DefinitionRegistry definitions) {
        this.definitions = definitions;
    }

    /** True when the actor holds the role, an admin holding every role. */
    private static boolean has(Actor actor, String role) {
        return actor.system() || actor.holds(role) || actor.holds(Actor.ADMIN);
    }

    /** True when the actor may sign in to the editor, preview drafts and use the nodes API at all. */
    public boolean mayEdit(Actor actor) {
        return mayEditAtAll(actor);
    }

    private static boolean mayEditAtAll(Actor actor) {
        return actor.system() || has(actor, Actor.EDITOR) || has(actor, Actor.PUBLISHER);
    }

    public boolean allows(Actor actor, Permission permission) {
        return rolesAllow(actor, permission);
    }

    /**
     * The role part of the policy alone, for callers that hold no definitions (the account and token store asks
     * it who may manage users); {@link #allows} is the same answer.
     */
    public static boolean rolesAllow(Actor actor, Permission permission) {
        return switch (permission) {
            case CREATE, EDIT, SUBMIT -> mayEditAtAll(actor);
            case PUBLISH, UNPUBLISH, DELETE, REVIEW, SCHEDULE -> has(actor, Actor.PUBLISHER);
            case MANAGE_USERS -> has(actor, Actor.ADMIN);
        };
    }

    /** True when the app shows in the actor's launcher and opens by address. */
    public boolean mayOpen(Actor actor, AppDefinition app) {
        if (!mayEdit(actor)) {
            return false;
        }
        if (app.roles().isEmpty()) {
            return true;
        }
        return app.roles().stream().anyMatch(r -> has(actor, r.toLowerCase(Locale.ROOT)));
    }

    /** True when the actor may read or write the drafts of the workspace (through an app they may open). */
    public boolean mayUseWorkspace(Actor actor, String workspace) {
        if (actor.system()) {
            return true;
        }
        ImmutableList<AppDefinition> apps = appsOf(workspace);
        return mayEdit(actor) && (apps.isEmpty() || apps.stream().anyMatch(a -> mayOpen(actor, a)));
    }

    /** Refuses (with the kind of refusal) unless the actor may do this in the workspace. */
    public void require(Actor actor, Permission permission, String workspace) {
        if (actor.intake()) {
            requireIntake(actor, permission, workspace);
            return;
        }
        if (!allows(actor, permission)) {
            throw new AccessDeniedException(AccessDeniedException.Kind.MISSING_ROLE, permission,
                    actor.username() + " may not " + permission.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + (permission == Permission.MANAGE_USERS ? "" : " content") + ": this needs the "
                            + (permission == Permission.MANAGE_USERS ? "admin"
                            : permission == Permission.CREATE || permission == Permission.EDIT
                                    || permission == Permission.SUBMIT ? "editor"
                            : "publisher") + " role");
        }
        if (workspace != null) {
            requireWorkspace(actor, workspace);
        }
    }

    /** An intake actor creates in its one workspace; anything else is refused, whatever else it holds. */
    private static void requireIntake(Actor actor, Permission permission, String workspace) {
        if (permission != Permission.CREATE || workspace == null || !actor.holds(Actor.INTAKE_PREFIX + workspace)) {
            throw new AccessDeniedException(AccessDeniedException.Kind.APP_NOT_ALLOWED, permission, actor.username()
                    + " may only create items in its intake workspace");
        }
    }

    public void requireWorkspace(Actor actor, String workspace) {
        if (!mayUseWorkspace(actor, workspace)) {
            throw new AccessDeniedException(AccessDeniedException.Kind.APP_NOT_ALLOWED, null, actor.username()
                    + " may not open the apps of workspace '" + workspace + "'");
        }
    }

    private ImmutableList<AppDefinition> appsOf(String workspace) {
        return definitions.apps().values().stream()
                .filter(a -> definitions.contentType(a.contentType()).map(ContentTypeDefinition::workspace)
                        .filter(workspace::equals).isPresent())
                .collect(ImmutableList.toImmutableList());
    }
}
