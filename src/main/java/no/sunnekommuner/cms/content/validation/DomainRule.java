package no.sunnekommuner.cms.content.validation;

import java.util.List;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;

/**
 * A rule of the network's domain that the content-type YAML cannot express (e.g. a kommunenummer matching the
 * member type). Rules are given to the validator at start-up; content types without rules need none.
 */
public interface DomainRule {

    boolean appliesTo(ContentTypeDefinition type);

    /** Fills in values that follow from others (e.g. the county from a kommunenummer); default: none. */
    default ContentNode derive(ContentTypeDefinition type, ContentNode item) {
        return item;
    }

    /**
     * Adds the violations of this rule.
     *
     * @param path the item's path, null for a new item (so that uniqueness checks can skip the item itself)
     */
    void validate(ContentTypeDefinition type, ContentNode item, String path, ValidationContext context,
            List<Violation> violations);
}
