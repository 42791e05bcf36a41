package no.sunnekommuner.cms.content.validation.domain;

import com.google.common.collect.ImmutableList;
import no.sunnekommuner.cms.content.validation.DomainRule;

/** The domain rules this runtime implements; modules bind them to their types by name. */
public final class DomainRules {
    private DomainRules() {
    }

    public static ImmutableList<DomainRule> all() {
        return ImmutableList.of(new MemberNumberRule(CountyCodes.load()), new ImageAltRule(), new UniqueRule(),
                new SlugRule());
    }
}
