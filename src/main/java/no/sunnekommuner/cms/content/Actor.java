package no.sunnekommuner.cms.content;

import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * Who asks the content service to do something: a username and the role names they hold ({@code editor},
 * {@code publisher}, {@code admin}, as the apps' {@code permissions.roles} name them). The content layer defines
 * it so that it needs nothing from {@code security}; security maps its signed-in users to actors.
 *
 * @param system true only for the runtime's own writes (bootstrap, demo content, restore): never for a request
 * @param address the client address the request came from (for the audit log), or null when unknown
 */
public record Actor(String username, ImmutableSet<String> roles, boolean system, String address) {

    public static final String EDITOR = "editor";
    public static final String PUBLISHER = "publisher";
    public static final String ADMIN = "admin";

    public Actor {
        Objects.requireNonNull(username, "username");
        roles = roles == null ? ImmutableSet.of() : roles.stream().map(r -> r.toLowerCase(Locale.ROOT))
                .collect(ImmutableSet.toImmutableSet());
    }

    public Actor(String username, ImmutableSet<String> roles, boolean system) {
        this(username, roles, system, null);
    }

    /** The same actor, acting from a client address (recorded in the audit log, never used to decide rights). */
    public Actor from(String clientAddress) {
        return new Actor(username, roles, system, clientAddress);
    }

    /** A person (or API token) with these roles. */
    public static Actor of(String username, Collection<String> roles) {
        return new Actor(username, ImmutableSet.copyOf(roles), false);
    }

    /** The runtime itself, named for the version history ({@code bootstrap}, {@code demo}, …). */
    public static Actor system(String name) {
        return new Actor(name, ImmutableSet.of(), true);
    }

    /** Role prefix of an intake actor: {@code intake:<workspace>} may create items in that workspace only. */
    public static final String INTAKE_PREFIX = "intake:";

    /**
     * A public form's writer (the website's membership applications): it may create items in one workspace and do
     * nothing else, so a flaw in the form cannot reach any other content.
     */
    public static Actor intake(String name, String workspace) {
        return new Actor(name, ImmutableSet.of(INTAKE_PREFIX + workspace), false);
    }

    /** True for an actor made by {@link #intake}. */
    public boolean intake() {
        return roles.stream().anyMatch(r -> r.startsWith(INTAKE_PREFIX));
    }

    public boolean holds(String role) {
        return roles.contains(role.toLowerCase(Locale.ROOT));
    }
}
