package no.sunnekommuner.cms.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import no.sunnekommuner.cms.content.AccessPolicy;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.load.LightModuleLoader;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.Test;

/**
 * What AccessGuard and the launcher decide, without Vaadin: an app limited to {@code publisher} (a test module's
 * {@code permissions.roles}) is missing from an editor's launcher and refused by address; unknown bulk actions
 * are no action at all.
 */
class EditorAccessTest {

    private final DefinitionRegistry definitions = new LightModuleLoader().loadOrFail(
            List.of(TestRuntimes.LIGHT_MODULES, TestRuntimes.ACCESS_LIGHT_MODULES));
    private final EditorAccess access = new EditorAccess(definitions, new AccessPolicy(definitions));
    private final Actor editor = Actor.of("e", List.of("editor"));
    private final Actor publisher = Actor.of("p", List.of("editor", "publisher"));

    @Test
    void appLimitedToPublisherIsInvisibleAndRefusedForAnEditor() {
        assertThat(access.apps(editor)).extracting(AppDefinition::name).doesNotContain("notices-app")
                .contains("news-app", "members-app");
        assertThat(access.apps(publisher)).extracting(AppDefinition::name).contains("notices-app", "news-app");
        assertThat(access.navigation(Optional.of(editor), Optional.of("notices-app")))
                .isEqualTo(EditorAccess.Decision.REFUSE);
        assertThat(access.navigation(Optional.of(publisher), Optional.of("notices-app")))
                .isEqualTo(EditorAccess.Decision.ALLOW);
        assertThat(access.navigation(Optional.of(editor), Optional.of("news-app")))
                .isEqualTo(EditorAccess.Decision.ALLOW);
    }

    @Test
    void withoutAnEditorRoleEveryViewAsksToSignIn() {
        assertThat(access.navigation(Optional.empty(), Optional.empty())).isEqualTo(EditorAccess.Decision.SIGN_IN);
        assertThat(access.navigation(Optional.of(Actor.of("x", List.of())), Optional.of("news-app")))
                .isEqualTo(EditorAccess.Decision.SIGN_IN);
    }

    @Test
    void unknownBulkActionsAreRefusedNotMappedToDelete() {
        assertThat(BulkAction.named("delete")).contains(BulkAction.DELETE);
        assertThat(BulkAction.named("publish")).contains(BulkAction.PUBLISH);
        assertThat(BulkAction.named("remove")).isEmpty();
        assertThat(BulkAction.named("")).isEmpty();
        assertThat(BulkAction.named("DELETE")).isEmpty();
    }
}
