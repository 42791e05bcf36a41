package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated suite of malformed requests against the REST API: each must get a 4xx with the JSON error body, and
 * no request at all — malformed or random — may get a 500 or leak a stack trace.
 */
class BadInputIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<String> ENDPOINTS = List.of("/.rest/delivery/news/v1", "/.rest/delivery/members/v1",
            "/.rest/delivery/benefits/v1", "/.rest/delivery/themegroups/v1");

    @TempDir
    static Path temp;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(temp.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES), Map.of());
        new DemoContent(server.runtime().content()).loadIfEmpty();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    record Request(String method, String target, Map<String, String> headers, String body) {
        static Request get(String target) {
            return new Request("GET", target, Map.of(), null);
        }
    }

    /** Requests that are wrong, each of which must be answered with a 4xx and a JSON error body. */
    static List<Request> malformed() {
        List<Request> out = new ArrayList<>();
        Map<String, String> dates = Map.of("/.rest/delivery/news/v1", "publishDate",
                "/.rest/delivery/members/v1", "memberSince", "/.rest/delivery/benefits/v1", "mgnl:created",
                "/.rest/delivery/themegroups/v1", "mgnl:created");
        for (String e : ENDPOINTS) {
            // unknown operators
            for (String op : List.of("equals", "eqq", "EQ", "gt=", "lik", "regex", "between", "contains", "*", "%00",
                    "in ", "not in", "notin", "~", "null=", "1", "__proto__", "sql", "or", "and")) {
                out.add(Request.get(e + "?title%5B" + enc(op) + "%5D=x"));
            }
            // unbalanced or stray brackets
            for (String key : List.of("title%5Beq", "title%5D", "title%5B%5Beq%5D%5D", "%5Beq%5D", "title%5Beq%5Dx%5D",
                    "%5B", "%5D", "title%5B%5D%5B%5D", "a%5Bb%5Bc%5D%5D", "%5B%5D")) {
                out.add(Request.get(e + "?" + key + "=1"));
            }
            // bad dates and date-times
            String date = dates.get(e);
            for (String v : List.of("2025-13-01", "2025-02-30", "2025-00-10", "9999-99-99", "2024-02-31",
                    "2025-01-01T25:00:00.000Z", "2025-01-01T10:61:00.000Z", "2025-06-31T00:00:00.000+02:00")) {
                for (String op : List.of("eq", "gt", "lte")) {
                    out.add(Request.get(e + "?" + enc(date) + "%5B" + op + "%5D=" + enc(v)));
                }
            }
            out.add(Request.get(e + "?" + enc(date) + "%5Bgt%5D=2025-01-01~2025-02-01"));
            out.add(Request.get(e + "?" + enc(date) + "%5Bne%5D=2025-01-01~2025-02-01"));
            out.add(Request.get(e + "?title%5Bin%5D=a~b~c"));
            out.add(Request.get(e + "?title%5Bnot-in%5D=1~2~3~4"));
            // limits and offsets
            for (String p : List.of("limit", "offset")) {
                for (String v : List.of("-1", "-999", "abc", "1.5", "", "99999999999", "1e3", "0x10", "%2B-1", "NaN",
                        "Infinity", "1%2C2", "%20", "%E2%80%8B1")) {
                    out.add(Request.get(e + "?" + p + "=" + v));
                }
            }
            // invalid languages
            for (String v : List.of("xx", "123", "", "e", "toolonglanguagecode", "en-", "-en", "en_US_x_y_z",
                    "%C3%A6%C3%B8", "zz-ZZ", "**", "en%3Bq%3D1")) {
                out.add(Request.get(e + "?lang=" + v));
            }
            // orderBy garbage
            for (String v : List.of("title%5D", "title%20sideways", "%3Bdrop", "%2C", "title%2C%2Cdate", "title%20asc%20x",
                    "1title", "title%28%29", "%40name%20up", "ti%27tle")) {
                out.add(Request.get(e + "?orderBy=" + v));
            }
            // q of wildcards only, over-long values and names
            for (String v : List.of("*", "%3F", "**", "%3F%3F%3F", "*%20%3F")) {
                out.add(Request.get(e + "?q=" + v));
            }
            out.add(Request.get(e + "?q=" + "a".repeat(1500)));
            out.add(Request.get(e + "?title=" + "x".repeat(1200)));
            out.add(Request.get(e + "?" + "p".repeat(300) + "=1"));
            // relative ancestors and bad property names
            for (String v : List.of("2024", "..%2F2024", "relative%2Fpath", "%2E%2E")) {
                out.add(Request.get(e + "?%40ancestor=" + v));
            }
            for (String name : List.of("1abc", "a%20b", "%27or%271", "a%2Fb", "a%3Ab%3Ac", "%40unknown", "-x")) {
                out.add(Request.get(e + "?" + name + "=1"));
            }
            // unencoded characters a browser would encode
            for (String raw : List.of("title=a|b", "title=a\"b", "title=a<b", "title=a>b", "q=a\\b", "title=a^b",
                    "title=a`b", "title=a{b", "title=a}b")) {
                out.add(Request.get(e + "?" + raw));
            }
            // malformed percent-encoding
            for (String raw : List.of("title=%zz", "title=%", "title=%e", "q=%G1", "%zz=1")) {
                out.add(Request.get(e + "?" + raw));
            }
            // unknown items, children of unknown items
            for (String path : List.of("/finnes-ikke", "/2099/nope", "/a/b/c/d/e", "/finnes-ikke@nodes",
                    "/" + "x".repeat(300), "/%C3%A6%C3%B8%C3%A5", "/..%2F..%2Fetc", "/a%00b", "/%5Bx%5D", "/*")) {
                out.add(Request.get(e + path));
            }
            // wrong methods
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                out.add(new Request(method, e, Map.of("Content-Type", "application/json"), "{}"));
            }
            // wrong Accept
            for (String accept : List.of("application/xml", "text/html", "image/png", "text/csv")) {
                out.add(new Request("GET", e, Map.of("Accept", accept), null));
            }
            // full-text queries of Lucene operators only (issue 8, finding 5; Magnolia and before: 500)
            for (String v : FULL_TEXT_OPERATORS_ONLY) {
                out.add(Request.get(e + "?q=" + enc(v)));
            }
            // malformed Accept headers (before: 400 with an empty body)
            for (String accept : MALFORMED_ACCEPT) {
                out.add(new Request("GET", e, Map.of("Accept", accept), null));
            }
            // methods no endpoint has (TRACE before: 403 with an empty body)
            for (String method : List.of("TRACE", "PROPFIND", "MKCOL", "LOCK")) {
                out.add(new Request(method, e, Map.of(), null));
            }
            // preview without or with wrong credentials
            String preview = e.replace("/delivery/", "/preview/");
            out.add(Request.get(preview));
            out.add(new Request("GET", preview, Map.of("Authorization", "Basic Zm9vOmJhcg=="), null));
            out.add(new Request("GET", preview, Map.of("Authorization", "Basic !!!"), null));
            out.add(new Request("GET", preview, Map.of("Authorization", "Bearer token"), null));
        }
        // odd paths and request heads Jetty or the editor's servlet refuse (before: an HTML page naming the servlet)
        out.add(Request.get("/;/.rest/delivery/news/v1"));
        out.add(Request.get("/;/.rest/nodes/v1/news"));
        out.add(Request.get("/.rest/delivery/news/v1/" + "a/".repeat(5000)));
        out.add(new Request("GET", "/.rest/delivery/news/v1", Map.of("Host", "h".repeat(10_000)), null));
        out.add(new Request("GET", "/.rest/delivery/news/v1", Map.of("Cookie", "c=" + "x".repeat(10_000)), null));
        out.add(new Request("GET", "/.rest/preview/news/v1", Map.of("X-Forwarded-For", "1.2.3.4, ".repeat(2_000)),
                null));
        for (String method : List.of("TRACE", "PATCH", "PROPFIND")) {
            out.add(new Request(method, "/.rest/nodes/v1/news/2025", Map.of(), null));
            out.add(new Request(method, "/.rest/preview/news/v1", Map.of(), null));
            out.add(new Request(method, "/.rest/feeds/delivery/news/v1", Map.of(), null));
            out.add(new Request(method, "/.rest/openapi.json", Map.of(), null));
        }
        // the nodes API's missing nodes (before: 404 with an empty body), namespace-like path segments
        Map<String, String> publisherOnly = Map.of("Authorization", TestServer.basic(TestServer.PUBLISHER,
                TestServer.PASSWORD));
        for (String target : List.of("/.rest/nodes/v1/news/finnes-ikke", "/.rest/nodes/v1/news/a:b",
                "/.rest/nodes/v1/news/2025/x:y/z", "/.rest/nodes/v1/news/a[1]")) {
            out.add(new Request("GET", target, publisherOnly, null));
        }
        // nodes API writes in a body type a cross-site form can send (before: read as JSON)
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data")) {
            Map<String, String> h = Map.of("Authorization", TestServer.basic(TestServer.PUBLISHER,
                    TestServer.PASSWORD), "Content-Type", type);
            out.add(new Request("PUT", "/.rest/nodes/v1/benefits", h, "{\"name\":\"csrf\",\"type\":\"sk:benefit\"}"));
            out.add(new Request("POST", "/.rest/nodes/v1/benefits/kompetanse", h, "{\"properties\":[]}"));
        }
        for (String path : List.of("/.rest/delivery/nope", "/.rest/delivery", "/.rest/", "/.rest/delivery/news/v9",
                "/.rest/preview/nope", "/.rest/feeds/delivery/nope",
                "/.rest/feeds/delivery/news/v1?lang=all", "/.rest/feeds/delivery/news/v1?lang=xx",
                "/.rest/nodes/v1/news/2025")) {
            out.add(Request.get(path));
        }
        // the nodes API, signed in, with bad bodies and targets
        Map<String, String> auth = Map.of("Authorization", TestServer.basic(TestServer.PUBLISHER, TestServer.PASSWORD),
                "Content-Type", "application/json");
        for (String body : List.of("", "{", "[]", "null", "42", "{\"name\":\"x\"}", "{\"type\":\"sk:benefit\"}",
                "{\"name\":\"a/b\",\"type\":\"sk:benefit\"}", "{\"name\":\"x\",\"type\":\"sk:nosuch\"}",
                "{\"name\":\"x\",\"type\":\"sk:benefit\",\"nodes\":[{}]}",
                "{\"name\":\"x\",\"type\":\"sk:benefit\",\"properties\":{}}",
                "{\"name\":\"x\",\"type\":\"sk:benefit\",\"properties\":[{\"name\":\"sortOrder\",\"type\":\"Long\","
                        + "\"values\":[\"many\"]}]}",
                "{\"name\":\"x\",\"type\":\"sk:benefit\",\"properties\":[{\"name\":\"title\",\"type\":\"Date\","
                        + "\"values\":[\"yesterday\"]}]}",
                "{\"name\":\"x\",\"type\":\"sk:benefit\",\"properties\":[{\"name\":\"title\",\"type\":\"Weird\","
                        + "\"values\":[\"a\"]}]}",
                "{\"name\":\"x\",\"type\":\"sk:benefit\",\"properties\":[{\"type\":\"String\",\"values\":[\"a\"]}]}",
                "{\"name\":\"x\",\"type\":\"sk:benefit\",\"properties\":[{\"name\":\"title\",\"values\":[{}]}]}",
                "{\"name\":\"x\",\"type\":\"sk:benefit\",\"properties\":[{\"name\":\"title\",\"values\":[\"a\",\"b\"]}]}",
                "{\"name\":\"nettverkssamlinger\",\"type\":\"sk:benefit\",\"properties\":[{\"name\":\"title\","
                        + "\"values\":[\"dupe\"]}]}",
                "{\"name\":\"x\",\"type\":\"sk:benefit\",\"path\":\"/elsewhere/x\"}",
                "{\"name\":\"no-title\",\"type\":\"sk:benefit\"}")) {
            out.add(new Request("PUT", "/.rest/nodes/v1/benefits", auth, body));
            boolean wellFormedUpdate = (body.startsWith("{\"name\"") || body.startsWith("{\"type\"")) && !body.contains("\"properties\":[{")
                    && !body.contains("\"nodes\":[{") && !body.contains("\"properties\":{");
            if (!wellFormedUpdate && !body.contains("dupe")) {
                // a POST only sets properties: name and type are ignored, so only malformed bodies count here
                out.add(new Request("POST", "/.rest/nodes/v1/benefits/kompetanse", auth, body));
            }
        }
        for (String target : List.of("/.rest/nodes/v1/nosuch/x", "/.rest/nodes/v1/users", "/.rest/nodes/v1/cms-versions",
                "/.rest/nodes/v1/news-published/2025", "/.rest/nodes/v1/news/finnes-ikke", "/.rest/nodes/v1/")) {
            out.add(new Request("PUT", target, auth, "{\"name\":\"x\",\"type\":\"mgnl:content\"}"));
            out.add(new Request("DELETE", target, auth, null));
        }
        out.add(new Request("DELETE", "/.rest/nodes/v1/members/asker", auth, null)); // still referenced
        out.add(new Request("DELETE", "/.rest/nodes/v1/news/2025/tolv-nye-medlemmer",
                Map.of("Authorization", TestServer.basic(TestServer.EDITOR, TestServer.PASSWORD)), null));
        out.add(new Request("PUT", "/.rest/nodes/v1/import/benefits", auth, "<not-xml"));
        out.add(new Request("PUT", "/.rest/nodes/v1/import/benefits", auth,
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));
        out.add(new Request("PUT", "/.rest/nodes/v1/import/benefits", auth, "<root/>"));
        return out;
    }

    /** {@code q} values with no letter or digit, only Lucene query syntax. */
    static final List<String> FULL_TEXT_OPERATORS_ONLY = List.of("(", ")", "-", "--", "]", "[", "{", "}", "!", "&&",
            "||", "^", "~", ":", "\\", "\"", "\"\"", "+", "&", "|", "( )", "- -", "!!", "&& ||", "\"(\"",
            "*:*", "-/", "(/)");

    /** {@code q} values with words and Lucene syntax that used to reach the parser unescaped. */
    static final List<String> FULL_TEXT_SYNTAX = List.of("\"x", "1~2~3", "x~0.5", "x~2", "a:b", "title:x", "x^2",
            "[a TO b]", "{a TO b}", "a AND", "OR b", "a && b", "a || b", "NOT x", "!x", "x)", "(x", "x\\", "-x",
            "+x", "\"a\" \"b", "a/b", "*x", "?x", "x*", "x?", "folke*", "\"helse\"", "a\"b\"c", "((x))", "x]",
            "{x", "jcr:title", "x -", "- x", "e-mail", "c++", "æøå~", "\"\"x", "x\\*", "'x'", "x' or '1'='1", "[ TO ]", "/", "//",
            "x\") or (\"", "x] | //*[", "%", "_", "a%b", "@x", "#x");

    /** {@code Accept} values Jersey cannot parse. */
    static final List<String> MALFORMED_ACCEPT = List.of(";;;", "text/", "/json", "application/json;q=abc",
            "a b c", "application/json;=x", "\"", "text/html;q");

    /** {@code Accept-Language} values with no valid language range (before: 500 for '-' and '--'). */
    static final List<String> JUNK_ACCEPT_LANGUAGE = List.of("-", "--", ",,,", ";q=1", "en;q=x", "*;q=-1",
            "x".repeat(300), "en-", "-en", "æø", "en;;", "nb;q=0.5;q=0.4", "1234", "*-*", "en-" + "a".repeat(100),
            "\t", "-;q=1,--;q=0.5");

    /** Junk next to a valid range, which still decides (before: 500 for 'en,-'). */
    static final List<String> JUNK_THEN_ENGLISH = List.of("en,-", "-,en", "--, en;q=0.8", "en;q=x, en",
            "en;q=0.5,".repeat(200), "-;q=1,en;q=0.1");

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void everyMalformedRequestGetsA4xxWithTheJsonErrorBody() throws Exception {
        List<Request> requests = malformed();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(500);
        Map<String, String> wrong = new TreeMap<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (Request r : requests) {
            RawHttp.Response response = send(r);
            byStatus.merge(response.status(), 1, Integer::sum);
            String problem = problem(response);
            if (problem != null) {
                wrong.put(r.method() + " " + abbreviate(r.target()) + (r.body() == null ? "" : " " + abbreviate(r.body())),
                        problem);
            }
        }
        assertThat(wrong).as("requests not answered with a 4xx JSON error (statuses seen: %s)", byStatus).isEmpty();
        assertThat(byStatus).doesNotContainKey(500);
        // nothing malformed changed the content
        assertThat(server.runtime().content().get("benefits", "/x")).isEmpty();
        assertThat(server.runtime().content().get("members", "/asker")).isPresent();
    }

    @Test
    void randomRequestsNeverGetA500() throws Exception {
        Random random = new Random(20261122);
        String alphabet = "abcdeflimtqrsxyz@[]~|%*?.-_/=&:;,'\"\\()<>{}^`!$ 0123456789æøåÆØÅ\u0000\u00ff";
        Map<String, Integer> serverErrors = new LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder query = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int j = 0; j < length; j++) {
                query.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            // mostly encoded (a well-behaved client with odd values), sometimes raw
            String target = random.nextBoolean()
                    ? endpoint + "?" + enc("title") + "%5B" + enc(query.toString()) + "%5D=" + enc(query.toString())
                    : endpoint + (random.nextBoolean() ? "/" : "?") + encodeUnsafe(query.toString());
            RawHttp.Response response = send(Request.get(target));
            if (response.status() >= 500 || response.text().contains("Exception") || response.text().contains("\tat ")) {
                serverErrors.put(target, response.status());
            }
        }
        assertThat(serverErrors).as("random requests answered with 5xx or a stack trace").isEmpty();
    }

    @Test
    void fullTextSyntaxIsSearchedAsTextOrRefusedButNeverAServerError() throws Exception {
        Map<String, String> wrong = new TreeMap<>();
        for (String endpoint : List.of("/.rest/delivery/news/v1", "/.rest/delivery/members/v1")) {
            for (String q : FULL_TEXT_SYNTAX) {
                RawHttp.Response r = send(Request.get(endpoint + "?q=" + enc(q)));
                if (r.status() == 200) {
                    if (!MAPPER.readTree(r.text()).path("results").isArray()) {
                        wrong.put(q, "200 without results: " + abbreviate(r.text()));
                    }
                } else if (problem(r) != null) {
                    wrong.put(q, problem(r));
                }
            }
        }
        assertThat(wrong).as("q values answered with neither results nor a 4xx JSON error").isEmpty();
        // words next to Lucene syntax are still found
        JsonNode found = MAPPER.readTree(send(Request.get("/.rest/delivery/news/v1?q=" + enc("(medlemmer"))).text());
        assertThat(found.path("total").asInt()).isGreaterThan(0);
        assertThat(found.path("total").asInt()).isEqualTo(MAPPER.readTree(send(Request.get(
                "/.rest/delivery/news/v1?q=medlemmer")).text()).path("total").asInt());
    }

    @Test
    void junkAcceptLanguageIsIgnoredEverywhereItIsRead() throws Exception {
        Map<String, String> wrong = new TreeMap<>();
        for (String target : List.of("/.rest/delivery/news/v1?limit=1", "/.rest/delivery/news/v1/2025@nodes",
                "/.rest/feeds/delivery/news/v1")) {
            for (String value : concat(JUNK_ACCEPT_LANGUAGE, JUNK_THEN_ENGLISH)) {
                String expected = JUNK_THEN_ENGLISH.contains(value) ? "en" : "nb";
                RawHttp.Response r = send(new Request("GET", target, Map.of("Accept-Language", value), null));
                if (r.status() != 200 || !expected.equals(r.header("Content-Language"))) {
                    wrong.put(target + " Accept-Language: " + abbreviate(value), r.status() + " "
                            + r.header("Content-Language") + " " + abbreviate(r.text()));
                }
            }
        }
        assertThat(wrong).as("junk Accept-Language not ignored").isEmpty();
    }

    @Test
    void ancestorsNoNodeCanHaveMatchNothing() throws Exception {
        for (String ancestor : List.of("/a:b", "/2025/a:b", "/:x", "/a:", "/x[1]", "/a|/b:c", "/mgnl:x", "/..",
                "/2025//x", "/*", "/a:b:c")) {
            RawHttp.Response r = send(Request.get("/.rest/delivery/news/v1?%40ancestor=" + enc(ancestor)));
            assertThat(r.status()).as(ancestor + ": " + r.text()).isEqualTo(200);
            assertThat(MAPPER.readTree(r.text()).path("total").asInt()).as(ancestor).isZero();
        }
    }

    /**
     * At least 5,000 generated requests (fixed seed) mixing hostile query values, odd methods and paths, and
     * malformed or huge headers, against delivery, preview, the nodes API, feeds and the OpenAPI document: none may
     * get a 5xx or a stack trace, and every 4xx under /.rest/ carries the JSON error body.
     */
    @Test
    void generatedRequestsWithHostileHeadersNeverGetA5xx() throws Exception {
        Random random = new Random(20261201);
        List<String> bases = List.of("/.rest/delivery/news/v1", "/.rest/delivery/members/v1",
                "/.rest/delivery/benefits/v1", "/.rest/delivery/themegroups/v1", "/.rest/delivery/news/v1/2025@nodes",
                "/.rest/delivery/news/v1/2025/tolv-nye-medlemmer", "/.rest/preview/news/v1",
                "/.rest/preview/members/v1/asker", "/.rest/nodes/v1/news/2025", "/.rest/nodes/v1/benefits",
                "/.rest/nodes/v1/import/benefits", "/.rest/feeds/delivery/news/v1", "/.rest/openapi.json",
                "/;/.rest/delivery/news/v1", "//.rest//delivery//news/v1", "/.rest/delivery/news/v1/%2e%2e/%2e%2e",
                "/.rest/%2e%2e/status", "/.rest/delivery/news/v1/..;/..;/", "/.rest/delivery/news/v1;x=1",
                "/.rest//nodes/v1/news", "/.rest/delivery/news/v1/%252e%252e", "/.rest/delivery/news/v1/%00",
                "/.rest/delivery/news/v1/a%2Fb", "/.rest/delivery/news/v1/a:b", "/.rest/delivery/news/v1/a:b@nodes");
        List<String> methods = List.of("GET", "GET", "GET", "GET", "GET", "GET", "GET", "HEAD", "OPTIONS", "TRACE",
                "PATCH", "PROPFIND", "POST", "PUT", "DELETE", "MKCOL", "CONNECT");
        List<String> ancestors = List.of("/a:b", "/x[1]", "/..", "//", "/mgnl:x", "/a|/b:c", "/2025", "relative",
                "/*", "/a b", "/%00");
        String alphabet = "abcxyz019@[]~|%*?.-_/=&:;,'\"\\()<>{}^`!$+#æøå ";
        Map<String, List<String>> junkHeaders = new LinkedHashMap<>();
        junkHeaders.put("Accept-Language", JUNK_ACCEPT_LANGUAGE);
        junkHeaders.put("Accept", concat(MALFORMED_ACCEPT, List.of("application/json", "*/*", "application/xml",
                "text/html;q=0.9,*/*;q=0.1", "x".repeat(5000))));
        junkHeaders.put("Content-Type", List.of(";;", "text/", "application/json; charset=nope", "x/y/z",
                "application/json;charset=\"", "multipart/form-data", "text/xml", "application/json", "a".repeat(3000)));
        junkHeaders.put("Cookie", List.of("JSESSIONID=", "JSESSIONID=../../etc", "=;=;=", "a=\"b", "JSESSIONID="
                + "x".repeat(4000), ";;;;", "\u00ff=\u00ff", "c=" + "y".repeat(12_000)));
        junkHeaders.put("If-None-Match", List.of("*", "\"", "W/", "W/\"x", ",,,", "\"a\", W/\"b\"",
                "\"x\"".repeat(1000)));
        junkHeaders.put("Range", List.of("bytes=0-", "bytes=-1", "bytes=9-1", "bytes=a-b", "lines=1-2",
                "bytes=" + "0-1,".repeat(500)));
        junkHeaders.put("X-Forwarded-Proto", List.of("https", "ftp", "", "https, http", "\u00e6"));
        junkHeaders.put("X-Forwarded-Host", List.of("evil.example", "", "a b", "evil.example:99999", ":::",
                "x".repeat(3000)));
        junkHeaders.put("X-Forwarded-For", List.of("1.2.3.4", "unknown", "::1", "999.1.1.1", "a, b, c", ""));
        junkHeaders.put("X-Forwarded-Port", List.of("443", "-1", "99999", "abc"));
        junkHeaders.put("Forwarded", List.of("for=1.2.3.4;proto=https", "for=\"[::1]\"", ";;;", "proto=",
                "host=evil.example"));
        junkHeaders.put("Host", List.of("", "evil.example", "a b", "h".repeat(9000), "[::1", "127.0.0.1:abc",
                "x:99999"));
        junkHeaders.put("Origin", List.of("https://evil.example", "null", "*", "", "x".repeat(2000)));
        junkHeaders.put("Authorization", List.of("Basic !!!", "Basic", "Bearer x", "Digest a=b", "Basic "
                + java.util.Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)), ""));
        List<String> headerNames = new ArrayList<>(junkHeaders.keySet());

        int count = 5_000;
        Map<String, String> wrong = new TreeMap<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String base = bases.get(random.nextInt(bases.size()));
            StringBuilder target = new StringBuilder(base);
            int parameters = random.nextInt(3);
            for (int p = 0; p < parameters; p++) {
                target.append(p == 0 ? '?' : '&');
                switch (random.nextInt(5)) {
                    case 0 -> target.append("q=").append(enc(random.nextBoolean()
                            ? pick(random, FULL_TEXT_SYNTAX) : pick(random, FULL_TEXT_OPERATORS_ONLY)));
                    case 1 -> target.append("%40ancestor=").append(enc(pick(random, ancestors)));
                    case 2 -> target.append("lang=").append(enc(randomText(random, alphabet, 4)));
                    case 3 -> target.append(enc(randomText(random, "titlemq@[]", 6))).append('=')
                            .append(enc(randomText(random, alphabet, 12)));
                    default -> target.append("orderBy=").append(enc(randomText(random, alphabet, 10)));
                }
            }
            String method = pick(random, methods);
            Map<String, String> headers = new LinkedHashMap<>();
            int headerCount = random.nextInt(4);
            for (int h = 0; h < headerCount; h++) {
                String name = pick(random, headerNames);
                headers.put(name, pick(random, junkHeaders.get(name)));
            }
            String body = method.equals("PUT") || method.equals("POST") || method.equals("PATCH")
                    ? randomText(random, alphabet, 30) : null;
            Request r = new Request(method, target.toString(), headers, body);
            RawHttp.Response response = send(r);
            byStatus.merge(response.status(), 1, Integer::sum);
            String problem = null;
            if (response.status() >= 500) {
                problem = "status " + response.status() + ": " + abbreviate(response.text());
            } else if (response.text().contains("Exception") || response.text().contains("\tat ")) {
                problem = "leaks a stack trace: " + abbreviate(response.text());
            } else if (response.status() >= 400 && !method.equals("HEAD") && !base.contains("%2e%2e")
                    && base.replaceAll("/{2,}", "/").replace("/;/", "/").startsWith("/.rest/")) {
                // (/.rest/%2e%2e/status is the status page, not the API)
                problem = problem(response);
            }
            if (problem != null) {
                wrong.put(method + " " + abbreviate(r.target()) + " " + abbreviate(headers.toString()), problem);
            }
        }
        assertThat(count).isGreaterThanOrEqualTo(5_000);
        assertThat(wrong).as("generated requests answered with a 5xx or without the JSON error (statuses: %s)",
                byStatus).isEmpty();
        assertThat(byStatus.keySet()).noneMatch(status -> status >= 500);
        // nothing generated changed the content (every write was anonymous or refused)
        assertThat(server.runtime().content().get("members", "/asker")).isPresent();
        assertThat(server.runtime().content().get("news", "/2025/tolv-nye-medlemmer")).isPresent();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String randomText(Random random, String alphabet, int maxLength) {
        StringBuilder out = new StringBuilder();
        int length = 1 + random.nextInt(maxLength);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Encodes only what would make the request line itself unparseable (space, control characters, non-ASCII). */
    private static String encodeUnsafe(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f) {
                out.append('%').append(String.format("%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    private static RawHttp.Response send(Request r) throws Exception {
        return RawHttp.send(server.port(), r.method(), r.target(), r.headers(),
                r.body() == null ? null : r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String problem(RawHttp.Response response) {
        if (response.status() < 400 || response.status() >= 500) {
            return "status " + response.status() + ": " + abbreviate(response.text());
        }
        try {
            JsonNode body = MAPPER.readTree(response.text());
            if (body == null || !body.path("error").path("code").isTextual()
                    || !body.path("error").path("message").isTextual()) {
                return "no JSON error body: " + abbreviate(response.text());
            }
        } catch (Exception e) {
            return "body is not JSON: " + abbreviate(response.text());
        }
        if (response.text().contains("Exception") || response.text().contains("\tat ")) {
            return "leaks a stack trace: " + abbreviate(response.text());
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
