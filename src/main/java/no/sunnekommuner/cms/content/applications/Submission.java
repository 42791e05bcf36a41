package no.sunnekommuner.cms.content.applications;

import com.google.common.collect.ImmutableMap;
import java.time.LocalDate;

/**
 * What a visitor sent with the "Bli medlem" form, as typed: nothing here is trusted until
 * {@link MembershipApplications#submit} has checked it.
 *
 * @param texts       the typed texts by their {@link ApplicationModel} role ({@link ApplicationModel#SUBMITTED_TEXTS});
 *                    a role without text is absent
 * @param decidedOn   the date of the political decision; null when none (or no valid date) was given
 * @param agreed      whether the visitor consented
 * @param declaration the uploaded file's bytes, or null when none came
 */
public record Submission(ImmutableMap<String, String> texts, LocalDate decidedOn, boolean agreed,
        byte[] declaration) {

    /** The text of a role, or null. */
    public String text(String role) {
        return texts.get(role);
    }
}
