package no.sunnekommuner.cms.content.validation.domain;

import com.google.common.collect.ImmutableList;
import no.sunnekommuner.cms.content.validation.DomainRule;

/** The network's domain rules, as the server wires them in. */
public final class DomainRules {
    private DomainRules() {
    }

    public static ImmutableList<DomainRule> sunneKommuner() {
        return ImmutableList.of(new MemberNumberRule(), new ImageAltRule());
    }
}
