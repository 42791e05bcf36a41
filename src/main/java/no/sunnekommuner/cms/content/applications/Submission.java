package no.sunnekommuner.cms.content.applications;

import java.time.LocalDate;

/**
 * What a visitor sent with the "Bli medlem" form, as typed: nothing here is trusted until
 * {@link MembershipApplications#submit} has checked it.
 *
 * @param decisionDate null when none (or no valid date) was given
 * @param declaration  the uploaded file's bytes, or null when none came
 */
public record Submission(String memberType, String number, String name, String contactName, String contactEmail,
        String decidingBody, LocalDate decisionDate, boolean consent, String consentText, String declarationFileName,
        byte[] declaration) {
}
