package no.sunnekommuner.cms.content.validation;

import com.google.common.collect.ImmutableList;
import java.util.Locale;
import java.util.stream.Collectors;
import no.sunnekommuner.cms.content.ContentException;

/** The content broke one or more rules; nothing was written. Lists every violation, not just the first. */
public class ValidationException extends ContentException {
    private final ImmutableList<Violation> violations;

    public ValidationException(ImmutableList<Violation> violations) {
        super("Invalid content: " + violations.stream().map(v -> v.describe(Locale.ENGLISH))
                .collect(Collectors.joining("; ")));
        this.violations = violations;
    }

    public ImmutableList<Violation> violations() {
        return violations;
    }
}
