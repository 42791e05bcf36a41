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

    public static final String STATUS = "applicationStatus";
    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String DECLINED = "declined";
    /** The stored declaration (a Binary property the type allows as an extra: Magnolia's types have no binary). */
    public static final String DECLARATION = "declaration";
    static final String CONSENT_RULE = "consent";
    private static final int MAX_TEXT = 500;

    private final ContentService content;
    private final ContentTypeDefinition applications;
    private final ContentTypeDefinition members;
    private final DeclarationCheck declarations;
    private final Clock clock;
    private final ZoneId zone;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param applicationType the content type of applications ({@code membershipApplication})
     * @param memberType      the content type an accepted application creates ({@code member})
     * @param zone            whose calendar day "member since" is
     */
    public MembershipApplications(ContentService content, String applicationType, String memberType,
            DeclarationCheck declarations, Clock clock, ZoneId zone) {
        this.content = content;
        this.applications = content.contentType(applicationType);
        this.members = content.contentType(memberType);
        this.declarations = declarations;
        this.clock = clock;
        this.zone = zone;
    }

    public ContentTypeDefinition applicationType() {
        return applications;
    }

    /** The type an accepted application becomes. */
    public ContentTypeDefinition memberType() {
        return members;
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
        if (!s.consent()) {
            own.add(Violation.of("consent", CONSENT_RULE));
        }
        declarations.problem(s.declaration()).ifPresent(rule -> own.add(Violation.of(DECLARATION, rule,
                String.valueOf(declarations.maxBytes() / 1024))));
        if (s.decisionDate() == null) {
            own.add(Violation.of("decisionDate", "required"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String name = clean(s.name());
        ContentNode.Builder node = ContentNode.builder(nodeName(now, name), applications.effectiveNodeType())
                .property("memberType", clean(s.memberType()))
                .property("number", clean(s.number()))
                .property("name", name)
                .property("contactName", clean(s.contactName()))
                .property("contactEmail", clean(s.contactEmail()))
                .property("decidingBody", clean(s.decidingBody()))
                .property("decisionDate", s.decisionDate())
                .property("consent", s.consent())
                .property("consentText", clean(s.consentText()))
                .property("submittedAt", now)
                .property(STATUS, PENDING);
        if (!own.isEmpty()) {
            // nothing is written while the form's own checks fail; the type's rules are asked on the next try
            throw new ValidationException(ImmutableList.copyOf(own));
        }
        node.property(DECLARATION, ByteSource.wrap(s.declaration().clone()))
                .property("declarationFileName", fileName(s.declarationFileName()))
                .property("declarationSize", (long) s.declaration().length);
        return content.create(applications.workspace(), "/", node.build(), intake);
    }

    /** The pending applications, newest first (what the editors' app shows as pending). */
    public ImmutableList<ContentItem> pending() {
        return content.children(applications.workspace(), "/").stream()
                .filter(i -> PENDING.equals(i.node().text(STATUS)))
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
        ContentNode member = ContentNode.builder(freeName(slug(a.text("name"))), members.effectiveNodeType())
                .property("name", a.text("name"))
                .property("memberType", a.text("memberType"))
                .property("number", a.text("number"))
                .property("memberSince", today)
                .property("politicalDeclarationDate", a.property("decisionDate"))
                .property("decidingBody", a.text("decidingBody"))
                .build();
        ContentItem created = content.create(members.workspace(), "/", member, actor);
        Map<String, Object> decided = new LinkedHashMap<>();
        decided.put(STATUS, ACCEPTED);
        decided.put("member", created.id());
        decided.put("decidedBy", actor.username());
        decided.put("decidedAt", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
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
        Map<String, Object> decided = new LinkedHashMap<>();
        decided.put(STATUS, DECLINED);
        decided.put("declineReason", why);
        decided.put("decidedBy", actor.username());
        decided.put("decidedAt", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        return content.patch(applications.workspace(), path, decided, application.revision(), actor);
    }

    /** The stored declaration of an application, for editors. */
    public Optional<ByteSource> declaration(ContentItem application) {
        return application.node().property(DECLARATION) instanceof ByteSource b ? Optional.of(b) : Optional.empty();
    }

    private ContentItem pendingAt(String path) {
        ContentItem application = content.get(applications.workspace(), path).orElseThrow(() ->
                new ApplicationStateException(ApplicationStateException.Kind.NOT_FOUND, "No application at " + path));
        if (!PENDING.equals(application.node().text(STATUS))) {
            throw new ApplicationStateException(ApplicationStateException.Kind.ALREADY_DECIDED,
                    "The application at " + path + " is already " + application.node().text(STATUS));
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
        return now.toLocalDate() + "-" + slug(name) + "-" + HexFormat.of().formatHex(suffix);
    }

    /** A node name from a municipality's name: "Ås kommune" → "as-kommune". */
    static String slug(String name) {
        String s = name == null ? "" : name.toLowerCase(Locale.ROOT).replace("æ", "ae").replace("ø", "o")
                .replace("å", "a");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 60) {
            s = s.substring(0, 60).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "member" : s;
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
