package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.testing.Chromium;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a website does with our rich text, in a real Chromium: every hostile payload of
 * {@code src/test/resources/xss/payloads.txt} is stored as rich text through the content service, the nodes API
 * and the system-view import, published, fetched from the public delivery API, and inserted into a page with
 * {@code element.innerHTML = …}. No script may run and no event handler or script URL may be left in the DOM.
 * Sent as a Binary value (nodes API, import), the payloads are refused. The same payloads inserted raw do run,
 * which shows the page would notice.
 */
class HostileRichTextIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SV = "xmlns:sv=\"http://www.jcp.org/jcr/sv/1.0\"";

    /** Counts calls of __xss() and of the dialogs payloads use; runs before anything is inserted. */
    static final String TRAP = "() => { window.__xssCount = 0; window.__xss = () => { window.__xssCount++; };"
            + " window.alert = window.confirm = window.prompt = window.__xss; }";
    static final String INSERT = "(list) => { for (const html of list) { const d = document.createElement('div');"
            + " d.innerHTML = html; document.getElementById('site').appendChild(d); } }";
    /** Elements and attributes that can run script (or load a document) in the inserted DOM. */
    static final String ACTIVE = "() => { const bad = []; for (const el of document.querySelectorAll('#site *')) {"
            + " const tag = el.tagName.toLowerCase();"
            + " if (['script','iframe','object','embed','svg','math','style','base','meta','link','noscript',"
            + "'template','form','frame','frameset'].includes(tag)) bad.push(el.outerHTML);"
            + " for (const a of el.attributes) { const v = a.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();"
            + " if (a.name.startsWith('on') || a.name === 'srcdoc' || a.name === 'style' || a.name === 'formaction'"
            + " || v.startsWith('javascript:') || v.startsWith('data:') || v.startsWith('vbscript:'))"
            + " bad.push(el.outerHTML); } } return bad; }";

    @TempDir
    static Path temp;
    static TestServer server;
    static Chromium chromium;
    static List<String> payloads;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(temp.resolve("repo"), List.of(TestRuntimes.LIGHT_MODULES), Map.of());
        chromium = Chromium.launch();
        try (InputStream in = HostileRichTextIT.class.getResourceAsStream("/xss/payloads.txt")) {
            payloads = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        assertThat(payloads).hasSizeGreaterThanOrEqualTo(47);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    static String auth() {
        return TestServer.basic(TestServer.EDITOR, TestServer.PASSWORD);
    }

    static String json(String s) throws IOException {
        return MAPPER.writeValueAsString(s);
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static HttpResponse<String> nodesApi(String name, String bodyType, String body) throws Exception {
        String value = bodyType.equals("Binary")
                ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body;
        return server.send("PUT", "/.rest/nodes/v1/benefits", "{\"name\":\"" + name + "\",\"type\":\"sk:benefit\","
                        + "\"properties\":[{\"name\":\"title\",\"type\":\"String\",\"values\":[\"Fiendtlig\"]},"
                        + "{\"name\":\"body\",\"type\":\"" + bodyType + "\",\"values\":[" + json(value) + "]}]}",
                "Authorization", auth(), "Content-Type", "application/json");
    }

    static HttpResponse<String> imported(String name, String bodyType, String body) throws Exception {
        String value = bodyType.equals("Binary")
                ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : xml(body);
        return server.send("PUT", "/.rest/nodes/v1/import/benefits", "<sv:node sv:name=\"" + name + "\" " + SV + ">"
                        + "<sv:property sv:name=\"jcr:primaryType\" sv:type=\"Name\"><sv:value>sk:benefit</sv:value>"
                        + "</sv:property><sv:property sv:name=\"title\" sv:type=\"String\"><sv:value>Fiendtlig"
                        + "</sv:value></sv:property><sv:property sv:name=\"body\" sv:type=\"" + bodyType + "\">"
                        + "<sv:value>" + value + "</sv:value></sv:property></sv:node>",
                "Authorization", auth(), "Content-Type", "application/xml");
    }

    /** The body of a published benefit as the public delivery API gives it to the website. */
    static String delivered(String name) throws Exception {
        HttpResponse<String> response = server.get("/.rest/delivery/benefits/v1/" + name);
        assertThat(response.statusCode()).as("%s: %s", name, response.body()).isEqualTo(200);
        return MAPPER.readTree(response.body()).path("body").asText("");
    }

    Page page() {
        Page page = chromium.newPage(server.base());
        // a page with no Content-Security-Policy of its own (the API's responses carry one that would stop inline
        // handlers and hide what the sanitizer lets through), relative addresses resolved against the server as on
        // the website
        page.setContent("<!doctype html><html><head><base href=\"" + server.base() + "/\"></head><body>"
                + "<div id=\"site\"></div></body></html>");
        page.evaluate(TRAP);
        return page;
    }

    /**
     * Image errors and loads fire asynchronously, later on a loaded machine: waits until every image of the page
     * has finished (loaded or failed), then a little longer for the handlers that follow.
     */
    static void settle(Page page) {
        page.waitForFunction("() => Array.from(document.images).every(i => i.complete)", null,
                new Page.WaitForFunctionOptions().setTimeout(30_000));
        page.waitForTimeout(1_000);
    }

    @Test
    void noDeliveredPayloadRunsScriptWhenTheWebsiteInsertsIt() throws Exception {
        ContentService content = server.runtime().content();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            String payload = payloads.get(i);
            content.create("benefits", "/", ContentNode.builder("service-" + i, "sk:benefit")
                    .property("title", "Fiendtlig").property("body", payload).build(), "angriper");
            HttpResponse<String> viaApi = nodesApi("api-" + i, "String", payload);
            assertThat(viaApi.statusCode()).as("%s: %s", payload, viaApi.body()).isEqualTo(200);
            HttpResponse<String> viaImport = imported("import-" + i, "String", payload);
            assertThat(viaImport.statusCode()).as("%s: %s", payload, viaImport.body()).isEqualTo(200);
            for (String route : List.of("service-", "api-", "import-")) {
                content.publish("benefits", "/" + route + i, "angriper");
                names.add(route + i);
            }
            // as a Binary value the payload would skip the sanitizer: refused, so nothing reaches delivery
            assertThat(nodesApi("binary-api-" + i, "Binary", payload).statusCode()).as(payload).isEqualTo(400);
            assertThat(imported("binary-import-" + i, "Binary", payload).statusCode()).as(payload).isEqualTo(400);
            assertThat(content.get("benefits", "/binary-api-" + i)).isEmpty();
            assertThat(content.get("benefits", "/binary-import-" + i)).isEmpty();
        }
        List<String> html = new ArrayList<>();
        for (String name : names) {
            html.add(delivered(name));
        }
        Page page = page();
        page.evaluate(INSERT, html);
        settle(page);
        Object ran = page.evaluate("() => window.__xssCount");
        Object active = page.evaluate(ACTIVE);
        Chromium.screenshot(page, "hostile-rich-text-delivered");
        assertThat(((Number) ran).intValue()).as("scripts run by the delivered HTML").isZero();
        assertThat((List<?>) active).as("active markup left in the DOM").isEmpty();
        assertThat(String.join("", html)).as("the harmless part survives").contains("<a href=\"https://example.org\">ok</a>");
    }

    @Test
    void thePayloadsDoRunWhenInsertedRaw() {
        Page page = page();
        page.evaluate(INSERT, payloads);
        settle(page);
        page.waitForFunction("() => window.__xssCount > 5", null,
                new Page.WaitForFunctionOptions().setTimeout(30_000));
        assertThat(((Number) page.evaluate("() => window.__xssCount")).intValue())
                .as("the page notices script that runs").isGreaterThan(5);
        assertThat((List<?>) page.evaluate(ACTIVE)).isNotEmpty();
    }

    /**
     * Bodies may embed pictures of the media library and nothing else; a draft asset's picture in a published body
     * is not public (its link answers 404) until the asset is published.
     */
    @Test
    void bodiesKeepLibraryPicturesOnlyAndADraftPictureIsNotPublic() throws Exception {
        ContentService content = server.runtime().content();
        no.sunnekommuner.cms.content.Actor publisher = no.sunnekommuner.cms.content.Actor.of("publisher",
                List.of("editor", "publisher"));
        var assets = server.runtime().assets();
        var picture = assets.upload(publisher, "/", "fjord.png",
                no.sunnekommuner.cms.content.media.TestImages.png(64, 48));
        String link = "/dam/jcr:" + picture.id() + "/fjord.png";
        String body = "<p>Fjorden</p><p><img src=\"" + link + "\" alt=\"Fjorden om morgenen\" onerror=\"__xss()\">"
                + "<img src=\"" + link + "\"><img src=\"https://example.org/fjord.jpg\" alt=\"Annen side\">"
                + "<img src=\"/dam/jcr:11111111-2222-3333-4444-555555555555/borte.png\" alt=\"Borte\"></p>";
        content.create("benefits", "/", ContentNode.builder("med-bilde", "sk:benefit").property("title", "Med bilde")
                .property("body", body).build(), publisher);
        content.publish("benefits", "/med-bilde", publisher);
        String delivered = delivered("med-bilde");
        assertThat(delivered).isEqualTo("<p>Fjorden</p><p><img src=\"" + link + "\" alt=\"Fjorden om morgenen\"></p>");
        assertThat(server.get(link).statusCode()).as("a draft asset's picture is not public").isEqualTo(404);
        content.publish("dam", picture.path(), publisher);
        HttpResponse<String> published = server.get(link);
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("image/png"));
    }
}
