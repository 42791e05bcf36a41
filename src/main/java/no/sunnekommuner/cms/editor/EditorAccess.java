package no.sunnekommuner.cms.editor;

import com.google.common.collect.ImmutableList;
import java.util.Comparator;
import java.util.Optional;
import no.sunnekommuner.cms.content.AccessPolicy;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.DefinitionRegistry;

/**
 * What the editor lets a user reach, decided by the content service's {@link AccessPolicy} and kept free of
 * Vaadin so that it can be tested on its own: the {@link AccessGuard} asks it at every navigation, the launcher
 * and the menu list only the apps it opens.
 */
final class EditorAccess {

    /** Where a navigation goes. */
    enum Decision {
        /** Show the view. */
        ALLOW,
        /** Not signed in (or no editor role any more): to the login view. */
        SIGN_IN,
        /** Signed in, but the app (or the users view) is not for this user: back to the launcher. */
        REFUSE
    }

    private final DefinitionRegistry definitions;
    private final AccessPolicy policy;

    EditorAccess(DefinitionRegistry definitions, AccessPolicy policy) {
        this.definitions = definitions;
        this.policy = policy;
    }

    /**
     * @param actor the signed-in user, if any
     * @param app   the {@code :app} route parameter of the target (apps/…), or empty for other views
     */
    Decision navigation(Optional<Actor> actor, Optional<String> app) {
        if (actor.isEmpty() || !policy.mayEdit(actor.get())) {
            return Decision.SIGN_IN;
        }
        if (app.isEmpty()) {
            return Decision.ALLOW;
        }
        // an unknown app name is not a refusal: the views forward it to the launcher themselves
        return definitions.app(app.get()).map(a -> policy.mayOpen(actor.get(), a) ? Decision.ALLOW : Decision.REFUSE)
                .orElse(Decision.ALLOW);
    }

    /** The apps of the launcher and the menu, in their order: only those the actor may open. */
    ImmutableList<AppDefinition> apps(Actor actor) {
        return definitions.apps().values().stream().filter(a -> policy.mayOpen(actor, a))
                .sorted(Comparator.comparingInt(AppDefinition::order)).collect(ImmutableList.toImmutableList());
    }
}
