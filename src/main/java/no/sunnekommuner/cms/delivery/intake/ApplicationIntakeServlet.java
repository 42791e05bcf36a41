package no.sunnekommuner.cms.delivery.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.applications.ApplicationModel;
import no.sunnekommuner.cms.content.applications.DeclarationCheck;
import no.sunnekommuner.cms.content.applications.MembershipApplications;
import no.sunnekommuner.cms.content.applications.Submission;
import no.sunnekommuner.cms.content.validation.ValidationException;
import no.sunnekommuner.cms.content.validation.Violation;
import no.sunnekommuner.cms.delivery.UnreadBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /.rest/applications}: the one public write of the CMS, the website's membership form. It takes a
 * JSON body of known keys only (the declaration PDF as Base64), bounded in size, counts every request against the
 * visitor's address (the 11th in an hour is refused with 429), and writes as an intake actor that may create
 * applications and nothing else. It never answers with stored data: a success is {@code 201 {"received":true}}.
 * The visitor's address is the connection's (the trusted proxy's forwarded one), or, when the request carries
 * the shared {@code applications.intakeSecret}, the address the website says its visitor had.
 */
public final class ApplicationIntakeServlet extends HttpServlet {

    public static final String PATH = "/.rest/applications";
    public static final String SECRET_HEADER = "X-SK-Intake-Secret";
    public static final String VISITOR_HEADER = "X-SK-Visitor-Address";

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationIntakeServlet.class);
    /** The key of the declaration's bytes; every other key is the application's property of its role. */
    static final String DECLARATION_KEY = "declarationBase64";
    /** Room for the other fields next to the Base64 of the largest declaration. */
    private static final long TEXT_ALLOWANCE = 64 * 1024;

    private final transient MembershipApplications applications;
    private final transient IntakeRateLimit limit;
    private final transient Actor intake;
    private final byte[] secret;
    private final long maxBody;
    private final transient ObjectMapper json = new ObjectMapper();
    /** The known JSON keys: the application's properties of the submitted roles, and the declaration's. */
    private final Set<String> keys;
    private final String dateKey;
    private final String consentKey;

    /**
     * @param perHour      applications (requests) per visitor address and hour
     * @param intakeSecret the website's shared secret; empty = forwarded visitor addresses are never believed
     */
    public ApplicationIntakeServlet(MembershipApplications applications, int perHour, int maxTracked,
            String intakeSecret, Clock clock) {
        this.applications = applications;
        ApplicationModel model = applications.model();
        this.dateKey = model.application(ApplicationModel.DECISION_DATE);
        this.consentKey = model.application(ApplicationModel.CONSENT);
        Set<String> known = new LinkedHashSet<>();
        ApplicationModel.SUBMITTED_TEXTS.forEach(role -> known.add(model.application(role)));
        known.add(dateKey);
        known.add(consentKey);
        known.add(DECLARATION_KEY);
        this.keys = Set.copyOf(known);
        this.limit = new IntakeRateLimit(perHour, Duration.ofHours(1), maxTracked, clock);
        this.intake = Actor.intake("intake:website", applications.applicationType().workspace());
        this.secret = intakeSecret == null || intakeSecret.isBlank() ? null
                : intakeSecret.getBytes(StandardCharsets.UTF_8);
        this.maxBody = (applications.declarations().maxBytes() + 2) / 3 * 4 + TEXT_ALLOWANCE;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            error(resp, 405, "methodNotAllowed", "Send the application with POST");
            return;
        }
        String type = req.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).matches("application/json\\s*(;.*)?")) {
            error(resp, 415, "unsupportedMediaType", "The application must be sent as application/json");
            return;
        }
        Optional<String> visitor = visitor(req);
        if (visitor.isEmpty()) {
            error(resp, 403, "forbidden", "The intake secret is wrong");
            return;
        }
        Optional<Duration> wait = limit.acquire(visitor.get());
        if (wait.isPresent()) {
            LOG.warn("Membership application refused: more than the hourly limit from one address");
            resp.setHeader("Retry-After", String.valueOf(Math.max(1, wait.get().toSeconds())));
            error(resp, 429, "tooManyApplications", "Too many applications from this address; try again later");
            return;
        }
        if (req.getContentLengthLong() > maxBody) {
            tooLarge(req, resp);
            return;
        }
        // not closed here: what is left of a body over the limit is read after the answer (see drainLimit)
        byte[] body = req.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
        if (body.length > maxBody) {
            tooLarge(req, resp);
            return;
        }
        Submission submission;
        try {
            submission = parse(body);
        } catch (BadInput e) {
            error(resp, 400, "badRequest", e.getMessage());
            return;
        }
        Locale locale = locale(req);
        try {
            applications.submit(submission, intake);
        } catch (ValidationException e) {
            LOG.info("Membership application refused: {}", e.violations().stream().map(v -> v.field() + "/" + v.rule())
                    .toList());
            ObjectNode root = errorBody("invalidApplication", e.violations().stream()
                    .map(v -> v.describe(locale)).reduce((a, b) -> a + "; " + b).orElse("invalid"));
            ArrayNode fields = ((ObjectNode) root.get("error")).putArray("fields");
            for (Violation v : e.violations()) {
                fields.addObject().put("field", v.field()).put("rule", v.rule()).put("message", v.message(locale));
            }
            write(resp, 400, root);
            return;
        } catch (AccessDeniedException e) {
            LOG.error("The intake actor was refused: {}", e.getMessage());
            error(resp, 500, "internalError", "The application could not be stored");
            return;
        }
        LOG.info("Membership application received");
        ObjectNode ok = json.createObjectNode().put("received", true);
        write(resp, 201, ok);
    }

    /** The address the limit counts, or empty when a secret was sent but is wrong. */
    private Optional<String> visitor(HttpServletRequest req) {
        String given = req.getHeader(SECRET_HEADER);
        if (given == null) {
            return Optional.of(req.getRemoteAddr());
        }
        if (secret == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        String address = req.getHeader(VISITOR_HEADER);
        // an address is digits, hex, dots and colons; anything else is the site's own request
        return Optional.of(address != null && address.matches("[0-9A-Fa-f:.]{2,45}") ? address
                : req.getRemoteAddr());
    }

    private Submission parse(byte[] body) throws BadInput {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new BadInput("The body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new BadInput("The body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                throw new BadInput("Unknown key '" + name.replaceAll("[^\\w.-]", "?") + "'; known: "
                        + new java.util.TreeSet<>(keys));
            }
        }
        LocalDate decided = null;
        String date = text(root, dateKey);
        if (date != null && !date.isBlank()) {
            try {
                decided = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                throw new BadInput(dateKey + " must be a date such as 2026-11-20");
            }
        }
        JsonNode agreed = root.get(consentKey);
        if (agreed != null && !agreed.isBoolean()) {
            throw new BadInput(consentKey + " must be true or false");
        }
        byte[] declaration = null;
        String base64 = text(root, DECLARATION_KEY);
        if (base64 != null && !base64.isEmpty()) {
            try {
                declaration = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new BadInput(DECLARATION_KEY + " is not Base64");
            }
        }
        ImmutableMap.Builder<String, String> texts = ImmutableMap.builder();
        for (String role : ApplicationModel.SUBMITTED_TEXTS) {
            String value = text(root, applications.model().application(role));
            if (value != null) {
                texts.put(role, value);
            }
        }
        return new Submission(texts.build(), decided, agreed != null && agreed.booleanValue(), declaration);
    }

    private static String text(JsonNode root, String key) throws BadInput {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadInput(key + " must be a text");
        }
        return v.textValue();
    }

    private static Locale locale(HttpServletRequest req) {
        String lang = req.getParameter("lang");
        if (lang == null) {
            lang = req.getLocale() == null ? "nb" : req.getLocale().getLanguage();
        }
        return "en".equals(lang) ? Locale.ENGLISH : Locale.forLanguageTag("nb");
    }

    /**
     * How much of a body that is too large is read and thrown away after the 413 (by the server's
     * {@link UnreadBody} drain, more than its usual 4 MB): a client that reads the answer only once it has sent its
     * body (Java's HTTP client) gets it only if the server reads the body; a server that answers and closes with
     * unread bytes resets the connection, and that client sees no answer at all. Twice the largest body, at least
     * 2 MB (Tomcat's maxSwallowSize); beyond this the connection is closed after the answer.
     */
    private long drainLimit() {
        return Math.max(MIN_DRAIN_BYTES, 2 * maxBody);
    }

    private static final long MIN_DRAIN_BYTES = 2L << 20;

    private void tooLarge(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        UnreadBody.allowDrain(req, drainLimit());
        ObjectNode root = errorBody("payloadTooLarge", "The application is larger than allowed (the declaration "
                + "may have at most " + applications.declarations().maxBytes() / 1024 + " KB)");
        ((ObjectNode) root.get("error")).putArray("fields").addObject().put("field",
                MembershipApplications.DECLARATION).put("rule", DeclarationCheck.TOO_LARGE);
        write(resp, 413, root);
    }

    private void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
        write(resp, status, errorBody(code, message));
    }

    private ObjectNode errorBody(String code, String message) {
        ObjectNode root = json.createObjectNode();
        root.putObject("error").put("code", code).put("message", message);
        return root;
    }

    private void write(HttpServletResponse resp, int status, ObjectNode body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        byte[] bytes = json.writeValueAsBytes(body);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** A body that is not an application at all (400 without field messages). */
    private static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }
}
