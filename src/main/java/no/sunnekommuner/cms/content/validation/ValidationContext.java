package no.sunnekommuner.cms.content.validation;

import com.google.common.collect.ImmutableList;
import java.util.Optional;
import no.sunnekommuner.cms.content.model.ContentItem;

/** What rules may look up while validating: other stored content. */
public interface ValidationContext {

    /** Draft items of a workspace and node type whose property equals the value, as paths. */
    ImmutableList<String> pathsWithValue(String workspace, String nodeType, String property, String value);

    /** The draft item with this identifier in a workspace. */
    Optional<ContentItem> byIdentifier(String workspace, String identifier);

    ValidationMode mode();

    /**
     * The folder a new item is created in, for rules that compare an item with its siblings; empty for an update
     * (the item's path says it) and for items nested in an imported tree.
     */
    default Optional<String> newItemFolder() {
        return Optional.empty();
    }
}
