package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.io.ByteSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.applications.ApplicationModel;
import no.sunnekommuner.cms.content.applications.ApplicationStateException;
import no.sunnekommuner.cms.content.applications.DeclarationCheck;
import no.sunnekommuner.cms.content.applications.MembershipApplications;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.PublicationStatus;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public intake of membership applications ({@code POST /.rest/applications}) over HTTP: every refusal, the
 * hourly limit per visitor address (and when a forwarded address is believed), that nothing of an application
 * reaches a public URL, and a publisher's accept (a draft member) and decline.
 */
class ApplicationIntakeIT {

    static final String SECRET = "test-intake-secret-0123456789";
    static final int MAX_KB = 64;
    static Path dir;
    static TestServer cms;
    static MembershipApplications applications;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger VISITORS = new AtomicInteger(1);
    static final Actor PUBLISHER = Actor.of(TestServer.PUBLISHER, List.of("editor", "publisher"));
    static final Actor EDITOR = Actor.of(TestServer.EDITOR, List.of("editor"));

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("intake-it");
        cms = TestServer.start(dir.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES), Map.of(
                "applications.intakeSecret", SECRET, "applications.maxDeclarationKilobytes", String.valueOf(MAX_KB)));
        applications = new MembershipApplications(cms.runtime().content(), ApplicationModel.load(),
                new DeclarationCheck(MAX_KB * 1024L), Clock.systemUTC(), ZoneId.of("Europe/Oslo"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cms != null) {
            cms.close();
        }
    }

    static byte[] pdf(int size) {
        byte[] head = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[Math.max(size, head.length + tail.length)];
        Arrays.fill(out, (byte) ' ');
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, out.length - tail.length, tail.length);
        return out;
    }

    static ObjectNode valid(String name, String number) {
        ObjectNode o = JSON.createObjectNode();
        o.put("memberType", number.length() == 4 ? "kommune" : "fylkeskommune");
        o.put("number", number);
        o.put("name", name);
        o.put("contactName", "Kari Nordmann");
        o.put("contactEmail", "kari@example.no");
        o.put("decidingBody", number.length() == 4 ? "kommunestyre" : "fylkesting");
        o.put("decisionDate", "2026-10-15");
        o.put("consent", true);
        o.put("consentText", "Vi samtykker til at opplysningene lagres.");
        o.put("declarationFileName", "vedtak.pdf");
        o.put("declarationBase64", Base64.getEncoder().encodeToString(pdf(2000)));
        return o;
    }

    static String newVisitor() {
        return "198.51.100." + VISITORS.incrementAndGet();
    }

    static HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cms.base() + "/.rest/applications?lang=en"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Posted as the website posts: with the shared secret and its own visitor's address. */
    static HttpResponse<String> postAs(String visitor, JsonNode body) throws Exception {
        return post(JSON.writeValueAsString(body), "X-SK-Intake-Secret", SECRET, "X-SK-Visitor-Address", visitor);
    }

    static List<String> fieldRules(HttpResponse<String> response) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(response.body()).path("error").path("fields")
                .forEach(f -> out.add(f.path("field").asText() + "/" + f.path("rule").asText()));
        return out;
    }

    static ContentItem stored(String name) {
        return cms.runtime().content().children("applications", "/").stream()
                .filter(i -> name.equals(i.node().text("name"))).findFirst().orElseThrow();
    }

    @Test
    void aValidApplicationIsStoredAsPendingWithItsDeclaration() throws Exception {
        HttpResponse<String> r = postAs(newVisitor(), valid("Gjerdrum kommune", "3230"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"received\":true}"));
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        ContentItem item = stored("Gjerdrum kommune");
        ContentNode n = item.node();
        assertThat(n.text("applicationStatus")).isEqualTo("pending");
        assertThat(n.text("county")).isEqualTo("32");
        assertThat(n.text("contactEmail")).isEqualTo("kari@example.no");
        assertThat(n.text("decisionDate")).startsWith("2026-10-15");
        assertThat(n.property("consent")).isEqualTo(true);
        assertThat(((ByteSource) n.property("declaration")).read()).isEqualTo(pdf(2000));
        assertThat(n.property("declarationSize")).isEqualTo(2000L);
        assertThat(item.createdBy()).isEqualTo("intake:website");
        assertThat(applications.pending()).extracting(ContentItem::path).contains(item.path());
    }

    @Test
    void everyBadApplicationIsRefusedWithItsReasonAndNothingIsStored() throws Exception {
        int before = cms.runtime().content().children("applications", "/").size();
        String visitor = newVisitor();
        // a county number that does not exist, a kommunenummer of 3 digits
        HttpResponse<String> county = postAs(visitor, valid("Ukjent kommune", "9901"));
        assertThat(county.statusCode()).isEqualTo(400);
        assertThat(fieldRules(county)).containsExactly("number/memberNumber.county");
        assertThat(JSON.readTree(county.body()).path("error").path("code").asText()).isEqualTo("invalidApplication");
        assertThat(county.body()).contains("are not a Norwegian county number");
        ObjectNode threeDigits = valid("Kort kommune", "323");
        threeDigits.put("memberType", "kommune");
        assertThat(fieldRules(postAs(visitor, threeDigits))).contains("number/memberNumber.kommune");
        // no decision date
        ObjectNode noDate = valid("Udatert kommune", "3232");
        noDate.remove("decisionDate");
        assertThat(fieldRules(postAs(visitor, noDate))).containsExactly("decisionDate/required");
        // not a PDF: a PNG, and a file that only starts like one
        ObjectNode png = valid("Bilde kommune", "3232");
        png.put("declarationBase64", Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G',
                13, 10, 26, 10, 0, 0, 0, 13}));
        assertThat(fieldRules(postAs(visitor, png))).containsExactly("declaration/declaration.notPdf");
        ObjectNode truncated = valid("Halv kommune", "3232");
        truncated.put("declarationBase64", Base64.getEncoder().encodeToString(
                "%PDF-1.4\n<script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII)));
        assertThat(fieldRules(postAs(visitor, truncated))).containsExactly("declaration/declaration.notPdf");
        // no declaration, no consent
        ObjectNode none = valid("Tom kommune", "3232");
        none.remove("declarationBase64");
        none.put("consent", false);
        assertThat(fieldRules(postAs(newVisitor(), none))).containsExactlyInAnyOrder(
                "declaration/declaration.missing", "consent/consent");
        // a declaration over the limit: decoded (400) or already as a body (413, not read to its end)
        ObjectNode big = valid("Stor kommune", "3232");
        big.put("declarationBase64", Base64.getEncoder().encodeToString(pdf(MAX_KB * 1024 + 1)));
        assertThat(fieldRules(postAs(newVisitor(), big))).containsExactly("declaration/declaration.tooLarge");
        big.put("declarationBase64", Base64.getEncoder().encodeToString(pdf(4 * MAX_KB * 1024)));
        // several times: answered before the body was read, the client (still sending) saw a reset, not the 413
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> huge = postAs(newVisitor(), big);
            assertThat(huge.statusCode()).isEqualTo(413);
            assertThat(fieldRules(huge)).containsExactly("declaration/declaration.tooLarge");
        }
        // not an application at all
        ObjectNode extra = valid("Ekstra kommune", "3232");
        extra.put("status", "accepted");
        HttpResponse<String> unknown = postAs(newVisitor(), extra);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Unknown key 'status'");
        assertThat(post("[1,2]", "X-SK-Intake-Secret", SECRET, "X-SK-Visitor-Address", newVisitor())
                .statusCode()).isEqualTo(400);
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(cms.base() + "/.rest/applications"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(cms.get("/.rest/applications").statusCode()).isEqualTo(405);
        assertThat(cms.runtime().content().children("applications", "/")).hasSize(before);
    }

    @Test
    void aBodyOverTheLimitIsReadAfterThe413SoTheClientGetsTheAnswerOnAConnectionThatStaysOpen() throws Exception {
        ObjectNode big = valid("Stor kommune", "3232");
        big.put("declarationBase64", Base64.getEncoder().encodeToString(pdf(4 * MAX_KB * 1024)));
        byte[] body = JSON.writeValueAsBytes(big);
        URI base = URI.create(cms.base());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /.rest/applications?lang=en HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nContent-Type: application/json\r\nX-SK-Intake-Secret: " + SECRET
                    + "\r\nX-SK-Visitor-Address: " + newVisitor() + "\r\nContent-Length: " + body.length + "\r\n\r\n";
            java.io.OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            // a second request on the same connection: answered only if the first one's body was read
            out.write(("GET /.rest/applications HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answers = readUntil(socket.getInputStream(), "HTTP/1.1 405");
            assertThat(answers).startsWith("HTTP/1.1 413").contains("declaration.tooLarge")
                    .doesNotContain("Connection: close").contains("HTTP/1.1 405");
        }
    }

    @Test
    void aClientWaitingFor100ContinueGetsThe413WithoutSendingTheBody() throws Exception {
        URI base = URI.create(cms.base());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000); // well below the idle timeout: the answer must not wait for a body
            String head = "POST /.rest/applications?lang=en HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nContent-Type: application/json\r\nX-SK-Intake-Secret: " + SECRET
                    + "\r\nX-SK-Visitor-Address: " + newVisitor() + "\r\nExpect: 100-continue\r\nContent-Length: "
                    + 4 * MAX_KB * 1024 + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = readUntil(socket.getInputStream(), "declaration.tooLarge");
            assertThat(answer).startsWith("HTTP/1.1 413").contains("declaration.tooLarge");
        }
    }

    /** What the server sent until {@code marker} appeared (or it closed the connection, or 10 s passed). */
    private static String readUntil(java.io.InputStream in, String marker) throws java.io.IOException {
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while (!seen.toString(StandardCharsets.ISO_8859_1).contains(marker) && (n = in.read(buffer)) >= 0) {
                seen.write(buffer, 0, n);
            }
        } catch (java.net.SocketException | java.net.SocketTimeoutException closed) {
            // reset or silent: what came before is the answer
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theEleventhApplicationFromOneVisitorInAnHourIsRefused() throws Exception {
        String visitor = newVisitor();
        for (int i = 1; i <= 10; i++) {
            HttpResponse<String> r = postAs(visitor, valid("Spam kommune " + i, "3201"));
            assertThat(r.statusCode()).as("application %d: %s", i, r.body()).isEqualTo(201);
        }
        HttpResponse<String> eleventh = postAs(visitor, valid("Spam kommune 11", "3201"));
        assertThat(eleventh.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(eleventh.body()).path("error").path("code").asText()).isEqualTo("tooManyApplications");
        assertThat(eleventh.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L))
                .isBetween(3000L, 3600L);
        // another visitor of the same site is not held up
        assertThat(postAs(newVisitor(), valid("Annen kommune", "3201")).statusCode()).isEqualTo(201);
    }

    @Test
    void aForwardedAddressCountsOnlyWithTheSharedSecret() throws Exception {
        // without the secret, the header is the client's claim: every request counts on the connection's address
        for (int i = 1; i <= 10; i++) {
            HttpResponse<String> r = post(JSON.writeValueAsString(valid("Direkte kommune " + i, "4601")),
                    "X-SK-Visitor-Address", "203.0.113." + i);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        assertThat(post(JSON.writeValueAsString(valid("Direkte kommune 11", "4601")),
                "X-SK-Visitor-Address", "203.0.113.99").statusCode()).isEqualTo(429);
        // a wrong secret is refused before anything is read
        assertThat(post(JSON.writeValueAsString(valid("Falsk kommune", "4601")), "X-SK-Intake-Secret", "guess",
                "X-SK-Visitor-Address", newVisitor()).statusCode()).isEqualTo(403);
    }

    @Test
    void theIntakeActorMayCreateApplicationsAndNothingElse() {
        ContentService content = cms.runtime().content();
        Actor intake = Actor.intake("intake:website", "applications");
        ContentNode member = ContentNode.builder("sneaky", "sk:member").property("name", "Sneaky")
                .property("memberType", "kommune").property("number", "3203").build();
        assertThatThrownBy(() -> content.create("members", "/", member, intake))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> content.create("news", "/", ContentNode.builder("x", "sk:newsArticle").build(),
                intake)).isInstanceOf(AccessDeniedException.class);
        assertThat(content.access().mayEdit(intake)).isFalse();
        ContentItem application = applications.submit(new no.sunnekommuner.cms.content.applications.Submission(
                com.google.common.collect.ImmutableMap.<String, String>builder()
                        .put(ApplicationModel.KIND, "kommune").put(ApplicationModel.NUMBER, "3205")
                        .put(ApplicationModel.NAME, "Lillestrøm kommune").put(ApplicationModel.CONTACT_NAME, "Ola")
                        .put(ApplicationModel.CONTACT_EMAIL, "ola@example.no")
                        .put(ApplicationModel.DECISION_BODY, "kommunestyre")
                        .put(ApplicationModel.CONSENT_TEXT, "ok").put(ApplicationModel.DECLARATION_FILE_NAME, "v.pdf")
                        .build(),
                LocalDate.of(2026, 9, 1), true, pdf(500)), intake);
        assertThatThrownBy(() -> content.patch("applications", application.path(), Map.of("applicationStatus", "accepted"),
                -1, intake)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> content.publish("applications", application.path(), intake))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> content.delete("applications", application.path(), intake))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> applications.accept(application.path(), intake))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nothingOfAnApplicationIsOnAnyPublicUrl() throws Exception {
        String marker = "Hemmelig Søker " + System.nanoTime();
        ObjectNode body = valid(marker, "1804");
        body.put("memberType", "kommune");
        body.put("contactEmail", "secret-applicant@example.no");
        assertThat(postAs(newVisitor(), body).statusCode()).isEqualTo(201);
        ContentItem item = stored(marker);
        List<String> publicUrls = new ArrayList<>(List.of("/.rest/delivery/applications/v1",
                "/.rest/delivery/applications/v1" + item.path(), "/.rest/delivery/membershipApplication/v1",
                "/.rest/feeds/delivery/applications/v1", "/.rest/openapi.json", "/status",
                "/.rest/preview/applications/v1" + item.path(), "/.rest/nodes/v1/applications" + item.path(),
                "/.rest/nodes/v1/applications/", "/.rest/applications", "/.metrics"));
        for (String endpoint : List.of("news", "benefits", "members", "themegroups")) {
            publicUrls.add("/.rest/delivery/" + endpoint + "/v1?limit=500");
            publicUrls.add("/.rest/delivery/" + endpoint + "/v1?q=" + java.net.URLEncoder.encode(marker,
                    StandardCharsets.UTF_8));
            publicUrls.add("/.rest/delivery/" + endpoint + "/v1/" + item.name());
            publicUrls.add("/.rest/feeds/delivery/" + endpoint + "/v1");
        }
        for (String url : publicUrls) {
            HttpResponse<String> r = cms.get(url);
            assertThat(r.body()).as(url).doesNotContain(marker).doesNotContain("secret-applicant");
            if (!url.contains(item.name())) { // a 404 names the path asked for
                assertThat(r.body()).as(url).doesNotContain(item.name());
            }
            if (url.contains("applications")) {
                assertThat(r.statusCode()).as(url).isIn(401, 404, 405);
            }
        }
        assertThat(cms.runtime().content().getPublished("applications", item.path())).isEmpty();
    }

    @Test
    void aPublisherAcceptsAnApplicationIntoADraftMemberOrDeclinesItWithAReason() throws Exception {
        assertThat(postAs(newVisitor(), valid("Nannestad kommune", "3238")).statusCode()).isEqualTo(201);
        ContentItem application = stored("Nannestad kommune");
        // an editor may not decide
        assertThatThrownBy(() -> applications.accept(application.path(), EDITOR))
                .isInstanceOf(AccessDeniedException.class);

        ContentItem member = applications.accept(application.path(), PUBLISHER);
        ContentService content = cms.runtime().content();
        assertThat(member.workspace()).isEqualTo("members");
        assertThat(member.status()).isEqualTo(PublicationStatus.DRAFT);
        assertThat(content.getPublished("members", member.path())).isEmpty();
        ContentNode m = member.node();
        assertThat(m.text("name")).isEqualTo("Nannestad kommune");
        assertThat(member.name()).isEqualTo("nannestad-kommune");
        assertThat(m.text("memberType")).isEqualTo("kommune");
        assertThat(m.text("number")).isEqualTo("3238");
        assertThat(m.text("county")).isEqualTo("32");
        assertThat(m.text("decidingBody")).isEqualTo("kommunestyre");
        assertThat(m.text("politicalDeclarationDate")).startsWith("2026-10-15");
        assertThat(m.text("memberSince")).startsWith(LocalDate.now(ZoneId.of("Europe/Oslo")).toString());
        assertThat(member.createdBy()).isEqualTo(TestServer.PUBLISHER);
        ContentNode decided = content.get("applications", application.path()).orElseThrow().node();
        assertThat(decided.text("applicationStatus")).isEqualTo("accepted");
        assertThat(decided.text("member")).isEqualTo(member.id());
        assertThat(decided.text("decidedBy")).isEqualTo(TestServer.PUBLISHER);
        assertThat(applications.pending()).extracting(ContentItem::path).doesNotContain(application.path());
        // decided once
        assertThatThrownBy(() -> applications.accept(application.path(), PUBLISHER))
                .isInstanceOfSatisfying(ApplicationStateException.class,
                        e -> assertThat(e.kind()).isEqualTo(ApplicationStateException.Kind.ALREADY_DECIDED));
        // the member is invisible to the public until someone publishes it
        assertThat(cms.get("/.rest/delivery/members/v1/nannestad-kommune").statusCode()).isEqualTo(404);

        assertThat(postAs(newVisitor(), valid("Avslått kommune", "3240")).statusCode()).isEqualTo(201);
        ContentItem other = stored("Avslått kommune");
        assertThatThrownBy(() -> applications.decline(other.path(), "  ", PUBLISHER))
                .isInstanceOfSatisfying(ApplicationStateException.class,
                        e -> assertThat(e.kind()).isEqualTo(ApplicationStateException.Kind.REASON_MISSING));
        applications.decline(other.path(), "Vedtaket gjelder et annet nettverk.", PUBLISHER);
        ContentNode declined = content.get("applications", other.path()).orElseThrow().node();
        assertThat(declined.text("applicationStatus")).isEqualTo("declined");
        assertThat(declined.text("declineReason")).isEqualTo("Vedtaket gjelder et annet nettverk.");
        assertThat(declined.property("declaration")).as("the declaration is kept").isInstanceOf(ByteSource.class);
        assertThat(content.children("members", "/")).extracting(i -> i.node().text("number")).doesNotContain("3240");
    }
}
