package no.sunnekommuner.cms.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.load.LightModuleLoader;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.Test;

/** The access policy on its own: roles per operation, and apps' permissions.roles per app and workspace. */
class AccessPolicyTest {

    private final DefinitionRegistry definitions = new LightModuleLoader().loadOrFail(
            List.of(TestRuntimes.LIGHT_MODULES, TestRuntimes.ACCESS_LIGHT_MODULES));
    private final AccessPolicy policy = new AccessPolicy(definitions);
    private final Actor editor = Actor.of("e", List.of("editor"));
    private final Actor publisher = Actor.of("p", List.of("editor", "publisher"));
    private final Actor admin = Actor.of("a", List.of("admin"));
    private final Actor nobody = Actor.of("n", List.of());

    @Test
    void rolesDecideEachOperation() {
        assertThat(policy.allows(editor, Permission.CREATE)).isTrue();
        assertThat(policy.allows(editor, Permission.EDIT)).isTrue();
        assertThat(policy.allows(editor, Permission.PUBLISH)).isFalse();
        assertThat(policy.allows(editor, Permission.UNPUBLISH)).isFalse();
        assertThat(policy.allows(editor, Permission.DELETE)).isFalse();
        assertThat(policy.allows(editor, Permission.MANAGE_USERS)).isFalse();
        assertThat(policy.allows(publisher, Permission.DELETE)).isTrue();
        assertThat(policy.allows(publisher, Permission.MANAGE_USERS)).isFalse();
        assertThat(policy.allows(admin, Permission.MANAGE_USERS)).isTrue();
        assertThat(policy.allows(admin, Permission.DELETE)).as("an admin holds every role").isTrue();
        assertThat(policy.allows(nobody, Permission.EDIT)).isFalse();
    }

    @Test
    void appRolesDecideWhoOpensTheAppAndItsWorkspace() {
        var notices = definitions.app("notices-app").orElseThrow();
        var news = definitions.app("news-app").orElseThrow();
        assertThat(notices.roles()).containsExactly("publisher");
        assertThat(policy.mayOpen(editor, notices)).isFalse();
        assertThat(policy.mayOpen(publisher, notices)).isTrue();
        assertThat(policy.mayOpen(admin, notices)).isTrue();
        assertThat(policy.mayOpen(editor, news)).isTrue();
        assertThat(policy.mayOpen(nobody, news)).isFalse();
        assertThat(policy.mayUseWorkspace(editor, "notices")).isFalse();
        assertThat(policy.mayUseWorkspace(editor, "news")).isTrue();
        assertThat(policy.mayUseWorkspace(Actor.system("bootstrap"), "notices")).isTrue();
    }

    @Test
    void refusalsCarryTheirKind() {
        assertThatThrownBy(() -> policy.require(editor, Permission.DELETE, "news"))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AccessDeniedException.Kind.MISSING_ROLE);
                    assertThat(e.permission()).isEqualTo(Permission.DELETE);
                    assertThat(e.getMessage()).contains("publisher role");
                });
        assertThatThrownBy(() -> policy.require(editor, Permission.EDIT, "notices"))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.kind()).isEqualTo(AccessDeniedException.Kind.APP_NOT_ALLOWED));
    }
}
