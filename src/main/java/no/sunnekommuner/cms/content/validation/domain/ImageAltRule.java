package no.sunnekommuner.cms.content.validation.domain;

import java.util.List;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.content.validation.DomainRule;
import no.sunnekommuner.cms.content.validation.ValidationContext;
import no.sunnekommuner.cms.content.validation.Violation;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;

/** An image needs an alternative text (WCAG 1.1.1): {@code imageAlt} is required once {@code image} is set. */
public final class ImageAltRule implements DomainRule {

    @Override
    public boolean appliesTo(ContentTypeDefinition type) {
        return type.property("image").isPresent() && type.property("imageAlt").isPresent();
    }

    @Override
    public void validate(ContentTypeDefinition type, ContentNode item, String path, ValidationContext context,
            List<Violation> violations) {
        if (!Values.isEmpty(item.property("image")) && Values.isEmpty(item.property("imageAlt"))) {
            violations.add(Violation.of("imageAlt", "imageAlt"));
        }
    }
}
