package no.sunnekommuner.cms.content.validation.domain;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.List;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.content.validation.DomainRule;
import no.sunnekommuner.cms.content.validation.ValidationContext;
import no.sunnekommuner.cms.content.validation.Violation;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;

/**
 * A member's number: a kommune has a 4-digit kommunenummer, a fylkeskommune a 2-digit fylkesnummer; the first two
 * digits are a county number; no two members share a number. The county follows from the number.
 */
public final class MemberNumberRule implements DomainRule {

    static final String NUMBER = "number";
    static final String MEMBER_TYPE = "memberType";
    static final String COUNTY = "county";

    /** County numbers in use since 2024 and those of earlier reforms (members keep historic numbers in texts). */
    private static final ImmutableSet<String> COUNTIES = ImmutableSet.of(
            "03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56",
            "01", "02", "04", "05", "06", "07", "08", "09", "10", "12", "14", "16", "17", "19", "20", "30", "38",
            "54");

    @Override
    public boolean appliesTo(ContentTypeDefinition type) {
        return type.property(NUMBER).isPresent() && type.property(MEMBER_TYPE).isPresent();
    }

    @Override
    public ContentNode derive(ContentTypeDefinition type, ContentNode item) {
        String number = item.text(NUMBER);
        if (type.property(COUNTY).isEmpty() || number == null || !number.matches("\\d{2}|\\d{4}")) {
            return item;
        }
        return item.toBuilder().property(COUNTY, number.substring(0, 2)).build();
    }

    @Override
    public void validate(ContentTypeDefinition type, ContentNode item, String path, ValidationContext context,
            List<Violation> violations) {
        String number = item.text(NUMBER);
        String memberType = item.text(MEMBER_TYPE);
        if (Values.isEmpty(number)) {
            return;
        }
        number = number.trim();
        if ("kommune".equals(memberType) && !number.matches("\\d{4}")) {
            violations.add(Violation.of(NUMBER, "memberNumber.kommune"));
            return;
        }
        if ("fylkeskommune".equals(memberType) && !number.matches("\\d{2}")) {
            violations.add(Violation.of(NUMBER, "memberNumber.fylkeskommune"));
            return;
        }
        if (!number.matches("\\d{2}|\\d{4}")) {
            violations.add(Violation.of(NUMBER, "memberNumber.kommune"));
            return;
        }
        if (!COUNTIES.contains(number.substring(0, 2))) {
            violations.add(Violation.of(NUMBER, "memberNumber.county", number.substring(0, 2)));
            return;
        }
        ImmutableList<String> others = context.pathsWithValue(type.workspace(), type.effectiveNodeType(), NUMBER, number)
                .stream().filter(p -> !p.equals(path)).collect(ImmutableList.toImmutableList());
        if (!others.isEmpty()) {
            violations.add(Violation.of(NUMBER, "memberNumber.duplicate", number, others.get(0)));
        }
    }
}
