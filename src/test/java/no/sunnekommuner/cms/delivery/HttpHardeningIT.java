package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * HTTP hardening over real HTTP: security headers on every kind of response, forwarded headers believed only from
 * the configured proxy (127.0.0.1 here; 127.0.0.2 plays an ordinary client), CORS only where it is safe, the nodes
 * API's media types, JSON bodies for every client error, links that ignore a forged Host, the status page.
 */
class HttpHardeningIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String NEWS = "/.rest/delivery/news/v1";
    static final String BASE_URL = "https://cms.sunnekommuner.example";
    static final String WEBSITE = "https://www.sunnekommuner.example";
    static final InetAddress OTHER_CLIENT = address("127.0.0.2");

    @TempDir
    static Path temp;
    static TestServer server;
    static Map<String, String> publisher;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(temp.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES), Map.of(
                "server.trustedProxies", "127.0.0.1", "server.hsts", "31536000", "server.baseUrl", BASE_URL,
                "rest.cors.authenticatedOrigins", WEBSITE));
        new DemoContent(server.runtime().content()).loadIfEmpty();
        publisher = Map.of("Authorization", TestServer.basic(TestServer.PUBLISHER, TestServer.PASSWORD));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyKindOfResponseCarriesTheSecurityHeaders() throws Exception {
        Map<String, RawHttp.Response> responses = new LinkedHashMap<>();
        responses.put("delivery", get(NEWS + "?limit=1"));
        responses.put("delivery 404", get(NEWS + "/finnes-ikke"));
        responses.put("status page", get("/status"));
        responses.put("editor", get("/"));
        responses.put("editor 404", get("/styles/finnes-ikke.css"));
        responses.put("rejected path", get("/;/.rest/delivery/news/v1"));
        responses.put("TRACE", send("TRACE", NEWS, Map.of(), null));
        responses.put("OPTIONS", send("OPTIONS", NEWS, Map.of(), null));
        responses.put("headers too large", send("GET", NEWS, Map.of("X-Junk", "x".repeat(20_000)), null));
        for (Map.Entry<String, RawHttp.Response> e : responses.entrySet()) {
            assertThat(e.getValue().header("X-Content-Type-Options")).as(e.getKey()).isEqualTo("nosniff");
            assertThat(e.getValue().header("Referrer-Policy")).as(e.getKey())
                    .isEqualTo("strict-origin-when-cross-origin");
            // plain HTTP from the proxy without X-Forwarded-Proto is not HTTPS: no HSTS
            assertThat(e.getValue().header("Strict-Transport-Security")).as(e.getKey()).isNull();
        }
        RawHttp.Response editor = responses.get("editor");
        assertThat(editor.status()).isEqualTo(200);
        assertThat(editor.header("Content-Security-Policy")).contains("frame-ancestors 'none'")
                .contains("object-src 'none'").contains("base-uri 'self'");
        assertThat(editor.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(responses.get("status page").header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(responses.get("delivery").header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }

    @Test
    void forwardedProtoCountsOnlyFromATrustedProxy() throws Exception {
        Map<String, String> forwarded = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host",
                "cms.sunnekommuner.example", "X-Forwarded-For", "203.0.113.9");
        RawHttp.Response viaProxy = RawHttp.send(null, server.port(), "GET", "/", forwarded, null);
        assertThat(viaProxy.status()).isEqualTo(200);
        assertThat(viaProxy.header("Set-Cookie")).as("session cookie behind the TLS proxy").contains("JSESSIONID")
                .containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly");
        assertThat(viaProxy.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");

        RawHttp.Response direct = RawHttp.send(OTHER_CLIENT, server.port(), "GET", "/", forwarded, null);
        assertThat(direct.status()).isEqualTo(200);
        assertThat(direct.header("Set-Cookie")).as("a client's own X-Forwarded-Proto is ignored").contains("JSESSIONID")
                .doesNotContainIgnoringCase("Secure");
        assertThat(direct.header("Strict-Transport-Security")).isNull();
    }

    @Test
    void corsAllowsAnyOriginOnlyOnThePublicReadEndpoints() throws Exception {
        Map<String, String> evil = Map.of("Origin", "https://evil.example");
        for (String path : List.of(NEWS + "?limit=1", "/.rest/feeds/delivery/news/v1?lang=nb", "/.rest/openapi.json")) {
            assertThat(get(path, evil).header("Access-Control-Allow-Origin")).as(path).isEqualTo("*");
            assertThat(get(path, evil).header("Access-Control-Allow-Credentials")).as(path).isNull();
        }
        Map<String, String> evilWithCredentials = new LinkedHashMap<>(publisher);
        evilWithCredentials.putAll(evil);
        for (String path : List.of("/.rest/preview/news/v1?limit=1", "/.rest/nodes/v1/news/2025")) {
            RawHttp.Response r = get(path, evilWithCredentials);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("Access-Control-Allow-Origin")).as(path).isNull();
            assertThat(r.header("Access-Control-Allow-Credentials")).as(path).isNull();
            RawHttp.Response preflight = send("OPTIONS", path, Map.of("Origin", "https://evil.example",
                    "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type"), null);
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).as(path).isNull();
            assertThat(preflight.header("Access-Control-Allow-Methods")).as(path).isNull();
        }
        // the website named in rest.cors.authenticatedOrigins may show drafts with credentials
        Map<String, String> website = new LinkedHashMap<>(publisher);
        website.put("Origin", WEBSITE);
        RawHttp.Response preview = get("/.rest/preview/news/v1?limit=1", website);
        assertThat(preview.header("Access-Control-Allow-Origin")).isEqualTo(WEBSITE);
        assertThat(preview.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(preview.header("Vary")).contains("Origin");
        RawHttp.Response publicPreflight = send("OPTIONS", NEWS, Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET"), null);
        assertThat(publicPreflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(publicPreflight.header("Access-Control-Allow-Methods")).doesNotContain("PUT", "POST", "DELETE");
    }

    @Test
    void nodesApiWritesTakeOnlyTheirOwnMediaType() throws Exception {
        String body = "{\"name\":\"kryss\",\"type\":\"sk:benefit\",\"properties\":[{\"name\":\"title\","
                + "\"type\":\"String\",\"multiple\":false,\"values\":[\"Kryss\"]}]}";
        for (String type : List.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/jsonp", "")) {
            Map<String, String> headers = new LinkedHashMap<>(publisher);
            if (!type.isEmpty()) {
                headers.put("Content-Type", type);
            }
            RawHttp.Response put = send("PUT", "/.rest/nodes/v1/benefits", headers, body);
            assertThat(put.status()).as(type).isEqualTo(415);
            assertThat(errorCode(put)).isEqualTo("unsupportedMediaType");
            RawHttp.Response post = send("POST", "/.rest/nodes/v1/benefits/kompetanse", headers,
                    "{\"properties\":[{\"name\":\"title\",\"type\":\"String\",\"values\":[\"Overskrevet\"]}]}");
            assertThat(post.status()).as(type).isEqualTo(415);
        }
        assertThat(server.runtime().content().get("benefits", "/kryss")).isEmpty();
        assertThat(server.runtime().content().get("benefits", "/kompetanse").orElseThrow().node().text("title"))
                .isNotEqualTo("Overskrevet");

        Map<String, String> json = new LinkedHashMap<>(publisher);
        json.put("Content-Type", "application/json; charset=utf-8");
        assertThat(send("PUT", "/.rest/nodes/v1/benefits", json, body).status()).isEqualTo(200);
        assertThat(server.runtime().content().get("benefits", "/kryss")).isPresent();

        // the system-view import takes XML only
        String xml = "<?xml version=\"1.0\"?><sv:node xmlns:sv=\"http://www.jcp.org/jcr/sv/1.0\" sv:name=\"importert\">"
                + "<sv:property sv:name=\"jcr:primaryType\" sv:type=\"Name\"><sv:value>sk:benefit</sv:value>"
                + "</sv:property><sv:property sv:name=\"title\" sv:type=\"String\"><sv:value>Importert</sv:value>"
                + "</sv:property></sv:node>";
        RawHttp.Response asJson = send("PUT", "/.rest/nodes/v1/import/benefits", json, xml);
        assertThat(asJson.status()).isEqualTo(415);
        Map<String, String> textXml = new LinkedHashMap<>(publisher);
        textXml.put("Content-Type", "text/xml");
        assertThat(send("PUT", "/.rest/nodes/v1/import/benefits", textXml, xml).status()).isEqualTo(200);
    }

    @Test
    void clientErrorsOfEveryLayerAreJson() throws Exception {
        RawHttp.Response missing = get("/.rest/nodes/v1/news/2025/finnes-ikke", publisher);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(errorCode(missing)).isEqualTo("pathNotFound");
        assertThat(json(missing).path("error").path("message").asText()).isEqualTo("/2025/finnes-ikke");
        RawHttp.Response prefixed = get("/.rest/nodes/v1/news/a:b/c", publisher);
        assertThat(prefixed.status()).isEqualTo(404);
        assertThat(errorCode(prefixed)).isEqualTo("pathNotFound");

        RawHttp.Response trace = send("TRACE", NEWS, Map.of("Cookie", "JSESSIONID=secret"), null);
        assertThat(trace.status()).isEqualTo(405);
        assertThat(errorCode(trace)).isEqualTo("methodNotAllowed");
        assertThat(trace.text()).doesNotContain("secret");
        assertThat(trace.header("Allow")).doesNotContain("TRACE");

        RawHttp.Response servletPage = get("/;/.rest/delivery/news/v1");
        assertThat(servletPage.status()).isBetween(400, 499);
        assertThat(servletPage.header("Content-Type")).startsWith("application/json");
        assertThat(errorCode(servletPage)).isNotEmpty();
        assertThat(servletPage.text()).doesNotContain("Servlet", "servlet", "no.sunnekommuner");

        for (String accept : List.of(";;;", "text/", "application/json;q=abc", "a b c")) {
            RawHttp.Response r = get(NEWS, Map.of("Accept", accept));
            assertThat(r.status()).as(accept).isEqualTo(400);
            assertThat(errorCode(r)).as(accept).isEqualTo("badRequest");
        }

        RawHttp.Response options = send("OPTIONS", "/.rest/nodes/v1/news", Map.of(), null);
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.header("Allow")).contains("GET", "PUT", "POST", "DELETE");
        assertThat(options.body()).isEmpty();

        RawHttp.Response tooLarge = send("GET", NEWS, Map.of("Cookie", "a=" + "x".repeat(9_000)), null);
        assertThat(tooLarge.status()).isEqualTo(431);
        assertThat(errorCode(tooLarge)).isEqualTo("headersTooLarge");
        // Jetty's default request header limit is 8 KiB: a header block just below it is served
        assertThat(send("GET", NEWS + "?limit=1", Map.of("Cookie", "a=" + "x".repeat(7_500)), null).status())
                .isEqualTo(200);
    }

    @Test
    void aClientErrorIsOneWarnLineAndAServerErrorKeepsItsStack() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger("no.sunnekommuner.cms");
        root.addAppender(log);
        try {
            get(NEWS + "?q=%28");
            get(NEWS + "?limit=abc");
            send("TRACE", NEWS, Map.of(), null);
            get("/;/.rest/delivery/news/v1");
        } finally {
            root.detachAppender(log);
        }
        List<ILoggingEvent> events = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(
                ch.qos.logback.classic.Level.WARN)).toList();
        assertThat(events).hasSize(4);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
            assertThat(e.getThrowableProxy()).isNull();
            assertThat(e.getFormattedMessage()).doesNotContain("\n");
        });
    }

    @Test
    void feedAndOpenApiLinksIgnoreAForgedHost() throws Exception {
        Map<String, String> forged = Map.of("Host", "evil.example", "X-Forwarded-Host", "evil.example",
                "X-Forwarded-Proto", "http");
        // from the trusted proxy (forwarded headers applied) and from an ordinary client
        for (InetAddress from : new InetAddress[] {null, OTHER_CLIENT}) {
            RawHttp.Response feed = RawHttp.send(from, server.port(), "GET", "/.rest/feeds/delivery/news/v1?lang=en",
                    forged, null);
            assertThat(feed.status()).isEqualTo(200);
            assertThat(feed.text()).doesNotContain("evil.example")
                    .contains("href=\"" + BASE_URL + "/.rest/feeds/delivery/news/v1?lang=en\"")
                    .contains("href=\"" + BASE_URL + "/.rest/delivery/news/v1/");
            RawHttp.Response openApi = RawHttp.send(from, server.port(), "GET", "/.rest/openapi.json", forged, null);
            assertThat(json(openApi).path("servers").get(0).path("url").asText()).isEqualTo(BASE_URL);
            assertThat(openApi.text()).doesNotContain("evil.example");
        }
    }

    @Test
    void statusPageShowsOnlyPublishedCountsToAnonymousVisitors() throws Exception {
        String anonymousBefore = get("/status").text();
        String editorBefore = get("/status", publisher).text();
        server.runtime().content().create("themegroups", "/", ContentNode.builder("statusutkast", "sk:themeGroup")
                .property("name", "Statusutkast").build(), "t");
        String anonymous = get("/status").text();
        assertThat(anonymous).isEqualTo(anonymousBefore).doesNotContain("drafts included")
                .doesNotContain("Definition problems");
        String editor = get("/status", publisher).text();
        assertThat(editor).contains("drafts included");
        assertThat(countOf(editor, "themeGroup", 1)).isEqualTo(countOf(editorBefore, "themeGroup", 1) + 1);
        assertThat(countOf(editor, "themeGroup", 0)).isEqualTo(countOf(anonymous, "themeGroup", 0));
        assertThat(get("/status", publisher).header("Cache-Control")).contains("no-store");
    }

    /** The number in the given count column (0 = published, 1 = all) of a content type's row. */
    private static long countOf(String page, String type, int column) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<tr><td>" + type
                + "</td><td>[^<]*</td><td>[^<]*</td><td>(\\d+)</td>(?:<td>(\\d+)</td>)?</tr>").matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return Long.parseLong(m.group(column + 1));
    }

    private static RawHttp.Response get(String target) throws Exception {
        return get(target, Map.of());
    }

    private static RawHttp.Response get(String target, Map<String, String> headers) throws Exception {
        return send("GET", target, headers, null);
    }

    private static RawHttp.Response send(String method, String target, Map<String, String> headers, String body)
            throws Exception {
        return RawHttp.send(server.port(), method, target, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(RawHttp.Response r) throws Exception {
        return MAPPER.readTree(r.text());
    }

    private static String errorCode(RawHttp.Response r) throws Exception {
        assertThat(r.header("Content-Type")).as(r.text()).startsWith("application/json");
        return json(r).path("error").path("code").asText();
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
