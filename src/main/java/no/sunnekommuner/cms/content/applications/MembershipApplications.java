package no.sunnekommuner.cms.content.applications;

import com.google.common.collect.ImmutableList;
import com.google.common.io.ByteSource;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.validation.ValidationException;
import no.sunnekommuner.cms.content.validation.Violation;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;

/**
 * Membership applications from the website: a visitor's {@link Submission} becomes a pending application (written
 * by an intake actor that may create applications and nothing else); a publisher accepts it, which creates the
 * member as a draft with number, type, county and dates filled in, or declines it with a reason. Every write goes
 * through the content service, so the application type's rules (required values, options, e-mail, the member
 * number against SSB's county list) hold for the form as for the editor.
 */
public final class MembershipApplications {

    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String DECLINED = "declined";
    /** The stored declaration (a Binary property the type allows as an extra: Magnolia's types have no binary). */
    public static final String DECLARATION = "declaration";
    private static final int MAX_TEXT = 500;

    private final ContentService content;
    private final ApplicationModel model;
    private final ContentTypeDefinition applications;
    private final ContentTypeDefinition members;
    private final DeclarationCheck declarations;
    private final Clock clock;
    private final ZoneId zone;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param model which content types and properties applications and members are
     * @param zone  whose calendar day "member since" is
     */
    public MembershipApplications(ContentService content, ApplicationModel model, DeclarationCheck declarations,
            Clock clock, ZoneId zone) {
        this.content = content;
        this.model = model;
        this.applications = content.contentType(model.applicationType());
        this.members = content.contentType(model.createdType());
        this.declarations = declarations;
        this.clock = clock;
        this.zone = zone;
    }

    public ContentTypeDefinition applicationType() {
        return applications;
    }

    /** The type an accepted application becomes. */
    public ContentTypeDefinition createdType() {
        return members;
    }

    public ApplicationModel model() {
        return model;
    }

    /** The property holding an application's status ({@link #PENDING}, {@link #ACCEPTED}, {@link #DECLINED}). */
    public String statusProperty() {
        return model.application(ApplicationModel.STATUS);
    }

    public DeclarationCheck declarations() {
        return declarations;
    }

    /** True for the type of applications (the editor shows accept and decline for it). */
    public boolean isApplication(ContentTypeDefinition type) {
        return type.name().equals(applications.name());
    }

    /**
     * Stores a pending application. Refusals are a {@link ValidationException}: first consent, decision date and
     * declaration (checked here), then the content type's rules (number, options, e-mail, required values).
     */
    public ContentItem submit(Submission s, Actor intake) {
        List<Violation> own = new ArrayList<>();
        String consentProperty = a(ApplicationModel.CONSENT);
        if (!s.agreed()) {
            // the rule is named after the field: the form has one message for it
            own.add(Violation.of(consentProperty, consentProperty));
        }
        declarations.problem(s.declaration()).ifPresent(rule -> own.add(Violation.of(DECLARATION, rule,
                String.valueOf(declarations.maxBytes() / 1024))));
        if (s.decidedOn() == null) {
            own.add(Violation.of(a(ApplicationModel.DECISION_DATE), "required"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String name = clean(s.text(ApplicationModel.NAME));
        ContentNode.Builder node = ContentNode.builder(nodeName(now, name), applications.effectiveNodeType());
        for (String role : List.of(ApplicationModel.KIND, ApplicationModel.NUMBER, ApplicationModel.NAME,
                ApplicationModel.CONTACT_NAME, ApplicationModel.CONTACT_EMAIL, ApplicationModel.DECISION_BODY)) {
            node.property(a(role), clean(s.text(role)));
        }
        node.property(a(ApplicationModel.DECISION_DATE), s.decidedOn())
                .property(consentProperty, s.agreed())
                .property(a(ApplicationModel.CONSENT_TEXT), clean(s.text(ApplicationModel.CONSENT_TEXT)))
                .property(a(ApplicationModel.SUBMITTED), now)
                .property(statusProperty(), PENDING);
        if (!own.isEmpty()) {
            // nothing is written while the form's own checks fail; the type's rules are asked on the next try
            throw new ValidationException(ImmutableList.copyOf(own));
        }
        node.property(DECLARATION, ByteSource.wrap(s.declaration().clone()))
                .property(a(ApplicationModel.DECLARATION_FILE_NAME),
                        fileName(s.text(ApplicationModel.DECLARATION_FILE_NAME)))
                .property(a(ApplicationModel.DECLARATION_SIZE), (long) s.declaration().length);
        return content.create(applications.workspace(), "/", node.build(), intake);
    }

    /** The pending applications, newest first (what the editors' app shows as pending). */
    public ImmutableList<ContentItem> pending() {
        return content.children(applications.workspace(), "/").stream()
                .filter(i -> PENDING.equals(i.node().text(statusProperty())))
                .sorted((a, b) -> b.created().compareTo(a.created()))
                .collect(ImmutableList.toImmutableList());
    }

    /**
     * Accepts a pending application: the member is created as a draft (not published: an editor completes and
     * publishes it), and the application records who decided, when, and which member it became.
     */
    public ContentItem accept(String path, Actor actor) {
        content.access().require(actor, Permission.PUBLISH, applications.workspace());
        ContentItem application = pendingAt(path);
        ContentNode a = application.node();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        String name = a.text(a(ApplicationModel.NAME));
        ContentNode.Builder entry = ContentNode.builder(freeName(slug(name, members.name())),
                members.effectiveNodeType()).property(m(ApplicationModel.NAME), name);
        for (String role : List.of(ApplicationModel.KIND, ApplicationModel.NUMBER)) {
            entry.property(m(role), a.text(a(role)));
        }
        entry.property(m(ApplicationModel.MEMBER_SINCE), today)
                .property(m(ApplicationModel.DECLARATION_DATE), a.property(a(ApplicationModel.DECISION_DATE)))
                .property(m(ApplicationModel.DECISION_BODY), a.text(a(ApplicationModel.DECISION_BODY)));
        ContentItem created = content.create(members.workspace(), "/", entry.build(), actor);
        Map<String, Object> decided = decision(ACCEPTED, actor);
        decided.put(a(ApplicationModel.MEMBER_REFERENCE), created.id());
        content.patch(applications.workspace(), path, decided, application.revision(), actor);
        return created;
    }

    /** Declines a pending application with a reason (kept on the application for the editors). */
    public ContentItem decline(String path, String reason, Actor actor) {
        content.access().require(actor, Permission.PUBLISH, applications.workspace());
        String why = clean(reason);
        if (why == null) {
            throw new ApplicationStateException(ApplicationStateException.Kind.REASON_MISSING,
                    "Declining an application needs a reason");
        }
        ContentItem application = pendingAt(path);
        Map<String, Object> decided = decision(DECLINED, actor);
        decided.put(a(ApplicationModel.DECLINE_REASON), why);
        return content.patch(applications.workspace(), path, decided, application.revision(), actor);
    }

    /** The stored declaration of an application, for editors. */
    public Optional<ByteSource> declaration(ContentItem application) {
        return application.node().property(DECLARATION) instanceof ByteSource b ? Optional.of(b) : Optional.empty();
    }

    /** The status, who decided and when: what accepting and declining both record. */
    private Map<String, Object> decision(String status, Actor actor) {
        Map<String, Object> decided = new LinkedHashMap<>();
        decided.put(statusProperty(), status);
        decided.put(a(ApplicationModel.DECIDED_BY), actor.username());
        decided.put(a(ApplicationModel.DECIDED_AT), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        return decided;
    }

    /** The application's property of a role. */
    private String a(String role) {
        return model.application(role);
    }

    /** The member's property of a role. */
    private String m(String role) {
        return model.memberProperty(role);
    }

    private ContentItem pendingAt(String path) {
        ContentItem application = content.get(applications.workspace(), path).orElseThrow(() ->
                new ApplicationStateException(ApplicationStateException.Kind.NOT_FOUND, "No application at " + path));
        if (!PENDING.equals(application.node().text(statusProperty()))) {
            throw new ApplicationStateException(ApplicationStateException.Kind.ALREADY_DECIDED,
                    "The application at " + path + " is already " + application.node().text(statusProperty()));
        }
        return application;
    }

    private String freeName(String base) {
        String name = base;
        for (int i = 2; content.get(members.workspace(), "/" + name).isPresent(); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private String nodeName(OffsetDateTime now, String name) {
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        return now.toLocalDate() + "-" + slug(name, members.name()) + "-" + HexFormat.of().formatHex(suffix);
    }

    /** A node name from a municipality's name: "Ås kommune" → "as-kommune"; {@code fallback} when none is left. */
    static String slug(String name, String fallback) {
        String s = name == null ? "" : name.toLowerCase(Locale.ROOT).replace("æ", "ae").replace("ø", "o")
                .replace("å", "a");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 60) {
            s = s.substring(0, 60).replaceAll("-+$", "");
        }
        return s.isEmpty() ? fallback : s;
    }

    /** Trimmed, bounded text without control characters; blank is absent. */
    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String s = value.replaceAll("\\p{Cntrl}", " ").strip();
        if (s.isEmpty()) {
            return null;
        }
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }

    private static String fileName(String value) {
        String s = clean(value);
        if (s == null) {
            return "declaration.pdf";
        }
        s = s.replaceAll(".*[/\\\\]", "").replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return s.length() > 120 ? s.substring(0, 120) : s;
    }
}
