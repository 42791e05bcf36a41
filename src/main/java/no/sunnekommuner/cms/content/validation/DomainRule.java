package no.sunnekommuner.cms.content.validation;

import java.util.List;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.RuleBinding;

/**
 * A rule of the network's domain that Magnolia's content-type YAML cannot express (e.g. a kommunenummer matching
 * the member type). A module binds a rule to a content type by {@link #name()} in its
 * {@code standalone/content-rules.yaml}; the binding's parameters name the properties the rule reads.
 */
public interface DomainRule {

    /** The name a binding uses ({@code rule: memberNumber}). */
    String name();

    /** Fills in values that follow from others (e.g. the county from a kommunenummer); default: none. */
    default ContentNode derive(ContentTypeDefinition type, RuleBinding binding, ContentNode item) {
        return item;
    }

    /**
     * Fills in values that follow from others and may depend on other stored content (e.g. a value unique among
     * the item's siblings); default: {@link #derive(ContentTypeDefinition, RuleBinding, ContentNode)}.
     *
     * @param path the item's path, null for a new item ({@link ValidationContext#newItemFolder()} then names
     *             its folder when known)
     */
    default ContentNode derive(ContentTypeDefinition type, RuleBinding binding, ContentNode item, String path,
            ValidationContext context) {
        return derive(type, binding, item);
    }

    /**
     * Adds the violations of this rule.
     *
     * @param path the item's path, null for a new item (so that uniqueness checks can skip the item itself)
     */
    void validate(ContentTypeDefinition type, RuleBinding binding, ContentNode item, String path,
            ValidationContext context, List<Violation> violations);

    /**
     * Adds the violations that refuse publishing the item as it is now (what a draft may lack but the public must
     * not see, e.g. an image whose alternative text is set on the asset later); default: none.
     */
    default void validatePublish(ContentTypeDefinition type, RuleBinding binding, ContentNode item,
            no.sunnekommuner.cms.content.i18n.SiteLocales locales, ValidationContext context,
            List<Violation> violations) {
    }
}
