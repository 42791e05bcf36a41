package no.sunnekommuner.cms.content.validation.domain;

import java.util.List;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.content.validation.DomainRule;
import no.sunnekommuner.cms.content.validation.ValidationContext;
import no.sunnekommuner.cms.content.validation.Violation;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.RuleBinding;

/**
 * An image needs an alternative text (WCAG 1.1.1): the {@code altProperty} is required once the
 * {@code imageProperty} is set.
 */
public final class ImageAltRule implements DomainRule {

    @Override
    public String name() {
        return "altText";
    }

    @Override
    public void validate(ContentTypeDefinition type, RuleBinding binding, ContentNode item, String path,
            ValidationContext context, List<Violation> violations) {
        String alt = binding.required("altProperty");
        if (!Values.isEmpty(item.property(binding.required("imageProperty"))) && Values.isEmpty(item.property(alt))) {
            violations.add(Violation.of(alt, "altText"));
        }
    }
}
