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

/**
 * A member's number: a member of the {@code municipalityType} has a 4-digit kommunenummer, one of the
 * {@code countyType} a 2-digit fylkesnummer; the first two digits are a county number; no two members share a
 * number (unless {@code unique: false}). The {@code countyProperty}, when bound, follows from the number. Property names and type values come
 * from the binding in {@code standalone/content-rules.yaml}.
 */
public final class MemberNumberRule implements DomainRule {

    private final CountyCodes counties;

    public MemberNumberRule(CountyCodes counties) {
        this.counties = counties;
    }

    @Override
    public String name() {
        return "memberNumber";
    }

    @Override
    public ContentNode derive(ContentTypeDefinition type, RuleBinding binding, ContentNode item) {
        String number = item.text(binding.required("numberProperty"));
        if (binding.parameter("countyProperty").isEmpty() || number == null || !number.matches("\\d{2}|\\d{4}")) {
            return item;
        }
        return item.toBuilder().property(binding.required("countyProperty"), number.substring(0, 2)).build();
    }

    @Override
    public void validate(ContentTypeDefinition type, RuleBinding binding, ContentNode item, String path,
            ValidationContext context, List<Violation> violations) {
        String numberProperty = binding.required("numberProperty");
        String number = item.text(numberProperty);
        String typeValue = item.text(binding.required("typeProperty"));
        if (Values.isEmpty(number)) {
            return;
        }
        number = number.trim();
        if (binding.required("municipalityType").equals(typeValue) && !number.matches("\\d{4}")) {
            violations.add(Violation.of(numberProperty, "memberNumber.kommune"));
            return;
        }
        if (binding.required("countyType").equals(typeValue) && !number.matches("\\d{2}")) {
            violations.add(Violation.of(numberProperty, "memberNumber.fylkeskommune"));
            return;
        }
        if (!number.matches("\\d{2}|\\d{4}")) {
            violations.add(Violation.of(numberProperty, "memberNumber.kommune"));
            return;
        }
        if (!counties.contains(number.substring(0, 2))) {
            violations.add(Violation.of(numberProperty, "memberNumber.county", number.substring(0, 2)));
            return;
        }
        if (binding.parameter("unique").map("false"::equals).orElse(false)) {
            return; // applications: several may name one number (a declined one stays on record)
        }
        ImmutableList<String> others = context.pathsWithValue(type.workspace(), type.effectiveNodeType(),
                numberProperty, number).stream().filter(p -> !p.equals(path)).collect(ImmutableList.toImmutableList());
        if (!others.isEmpty()) {
            violations.add(Violation.of(numberProperty, "memberNumber.duplicate", number, others.get(0)));
        }
    }
}
