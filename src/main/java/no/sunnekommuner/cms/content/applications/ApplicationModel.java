package no.sunnekommuner.cms.content.applications;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The applications' view of the content model, read from {@code applications/application-model.properties}: the
 * content types of applications and members and which of their properties holds what. Java names roles
 * ({@link #KIND}, {@link #CONTACT_EMAIL} ...), never a property (issue 9: the light module is the whole content
 * model), so renaming a property is a change of that file only.
 */
public final class ApplicationModel {

    public static final String RESOURCE = "/applications/application-model.properties";

    // roles of an application's properties (keys application.<role>)
    public static final String KIND = "kind";
    public static final String NUMBER = "number";
    public static final String NAME = "name";
    public static final String CONTACT_NAME = "contact.name";
    public static final String CONTACT_EMAIL = "contact.email";
    public static final String DECISION_BODY = "decision.body";
    public static final String DECISION_DATE = "decision.date";
    public static final String CONSENT = "consent.given";
    public static final String CONSENT_TEXT = "consent.text";
    public static final String DECLARATION_FILE_NAME = "declaration.fileName";
    public static final String DECLARATION_SIZE = "declaration.size";
    public static final String SUBMITTED = "submitted";
    public static final String STATUS = "status";
    public static final String DECLINE_REASON = "decline.reason";
    public static final String DECIDED_BY = "decided.by";
    public static final String DECIDED_AT = "decided.at";
    public static final String MEMBER_REFERENCE = "member.reference";
    // roles of the member's properties (keys member.<role>) besides KIND, NUMBER, NAME and DECISION_BODY
    public static final String MEMBER_SINCE = "since";
    public static final String DECLARATION_DATE = "declaration.date";

    /** The text roles a visitor submits, in the order of the form. */
    public static final ImmutableList<String> SUBMITTED_TEXTS = ImmutableList.of(KIND, NUMBER, NAME, CONTACT_NAME,
            CONTACT_EMAIL, DECISION_BODY, CONSENT_TEXT, DECLARATION_FILE_NAME);

    private final Properties values;

    private ApplicationModel(Properties values) {
        this.values = values;
    }

    /** The model on the classpath; a missing file or key stops the start. */
    public static ApplicationModel load() {
        try (InputStream in = ApplicationModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE + " on the classpath");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            ApplicationModel model = new ApplicationModel(p);
            model.applicationType();
            model.createdType();
            for (String role : ImmutableList.of(KIND, NUMBER, NAME, CONTACT_NAME, CONTACT_EMAIL, DECISION_BODY,
                    DECISION_DATE, CONSENT, CONSENT_TEXT, DECLARATION_FILE_NAME, DECLARATION_SIZE, SUBMITTED, STATUS,
                    DECLINE_REASON, DECIDED_BY, DECIDED_AT, MEMBER_REFERENCE)) {
                model.application(role);
            }
            for (String role : ImmutableList.of(KIND, NUMBER, NAME, DECISION_BODY, MEMBER_SINCE, DECLARATION_DATE)) {
                model.memberProperty(role);
            }
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content type of applications. */
    public String applicationType() {
        return get("type.application");
    }

    /** The content type an accepted application creates. */
    public String createdType() {
        return get("type.member");
    }

    /** The application's property of a role. */
    public String application(String role) {
        return get("application." + role);
    }

    /** The member's property of a role. */
    public String memberProperty(String role) {
        return get("member." + role);
    }

    private String get(String key) {
        String value = values.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Missing key '" + key + "' in " + RESOURCE);
        }
        return value.trim();
    }
}
