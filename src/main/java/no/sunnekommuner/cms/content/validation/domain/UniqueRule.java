package no.sunnekommuner.cms.content.validation.domain;

import com.google.common.collect.ImmutableList;
import java.util.List;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.content.validation.DomainRule;
import no.sunnekommuner.cms.content.validation.ValidationContext;
import no.sunnekommuner.cms.content.validation.Violation;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.RuleBinding;

/** No two items of the type share the value of the bound {@code property}. */
public final class UniqueRule implements DomainRule {

    @Override
    public String name() {
        return "unique";
    }

    @Override
    public void validate(ContentTypeDefinition type, RuleBinding binding, ContentNode item, String path,
            ValidationContext context, List<Violation> violations) {
        String property = binding.required("property");
        String value = item.text(property);
        if (Values.isEmpty(value)) {
            return;
        }
        ImmutableList<String> others = context.pathsWithValue(type.workspace(), type.effectiveNodeType(), property,
                value).stream().filter(p -> !p.equals(path)).collect(ImmutableList.toImmutableList());
        if (!others.isEmpty()) {
            violations.add(Violation.of(property, "unique", value, others.get(0)));
        }
    }
}
