package no.sunnekommuner.cms.editor;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.content.model.ContentItem;

/**
 * The actions of the browser's toolbar on the selected items. A closed set: a name that is none of these is
 * refused ({@link #named}), never taken for one of them (the switch this replaces ended in {@code default ->
 * delete}).
 */
enum BulkAction {
    PUBLISH(Permission.PUBLISH),
    UNPUBLISH(Permission.UNPUBLISH),
    DELETE(Permission.DELETE);

    private final Permission permission;

    BulkAction(Permission permission) {
        this.permission = permission;
    }

    /** The permission the access policy must grant. */
    Permission permission() {
        return permission;
    }

    /** The name in message keys ({@code bulk.<id>.done}). */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action of that name, or empty for any other name. */
    static Optional<BulkAction> named(String name) {
        return Arrays.stream(values()).filter(a -> a.id().equals(name)).findFirst();
    }

    /** Does it through the content service, which checks the actor's permission. */
    void apply(ContentService content, ContentItem item, Actor actor) {
        switch (this) {
            case PUBLISH -> content.publish(item.workspace(), item.path(), actor);
            case UNPUBLISH -> content.unpublish(item.workspace(), item.path(), actor);
            case DELETE -> content.delete(item.workspace(), item.path(), actor);
        }
    }
}
