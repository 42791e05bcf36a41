package no.sunnekommuner.cms.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The rich-text guard: what it keeps is re-serialised, stable, and free of markup a browser would run. */
class RichTextSanitizerTest {

    private final RichTextSanitizer sanitizer = new RichTextSanitizer();

    /** The hostile payloads shared with the browser test (src/test/resources/xss/payloads.txt). */
    static List<String> payloads() throws IOException {
        try (InputStream in = RichTextSanitizerTest.class.getResourceAsStream("/xss/payloads.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        }
    }

    @Test
    void cdataIsNeverPassedThroughAsWritten() {
        // jsoup calls this valid text; a browser ends the bogus comment at the first '>' and runs the handler
        String out = sanitizer.sanitize("<![CDATA[><img src=x onerror=alert(1)>]]>");
        assertThat(out).doesNotContain("<![CDATA[").doesNotContain("<img");
        assertThat(out).isEqualTo("&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void validInputIsReSerialisedToo() {
        assertThat(sanitizer.sanitize("<p>a <a href=\"https://example.org/?a=1&b=2\">b</a><br/></p>"))
                .isEqualTo("<p>a <a href=\"https://example.org/?a=1&amp;b=2\">b</a><br></p>");
    }

    @Test
    void commentsAndProcessingInstructionsDoNotSurvive() {
        assertThat(sanitizer.sanitize("<p>a<!-- x --!><img src=x onerror=alert(1)> --></p>")).doesNotContain("<!--")
                .doesNotContain("onerror=alert(1)>");
        assertThat(sanitizer.sanitize("<p>a<?php echo 1 ?></p>")).isEqualTo("<p>a</p>");
        assertThat(sanitizer.sanitize("<!DOCTYPE html><p>a</p>")).isEqualTo("<p>a</p>");
    }

    @Test
    void everyHostilePayloadComesOutStableAndWithoutActiveMarkup() throws IOException {
        for (String payload : payloads()) {
            String out = sanitizer.sanitize(payload);
            assertThat(sanitizer.sanitize(out)).as("sanitising twice: %s", payload).isEqualTo(out);
            assertThat(out).as(payload).doesNotContain("<!").doesNotContain("<?").doesNotContain("]]>");
            for (Element e : Jsoup.parseBodyFragment(out).body().getAllElements()) {
                assertThat(e.tagName()).as(payload).isNotIn("script", "style", "svg", "math", "iframe", "noscript",
                        "object", "embed", "template", "textarea", "title", "xmp", "plaintext", "base", "meta");
                for (Attribute a : e.attributes()) {
                    assertThat(a.getKey()).as(payload).doesNotStartWith("on").isNotEqualTo("style")
                            .isNotEqualTo("srcdoc").isNotEqualTo("background");
                    assertThat(a.getValue().replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase())
                            .as(payload).doesNotStartWith("javascript:").doesNotStartWith("data:")
                            .doesNotStartWith("vbscript:");
                }
            }
        }
    }

    @Test
    void safeFormattingIsKept() {
        String html = "<h2>Mål</h2><p>Fritt <i>her</i> &amp; <b>der</b> æøå</p><ul><li>Én</li></ul>"
                + "<p><a href=\"https://example.org/\" lang=\"en\">lenke</a></p>";
        assertThat(sanitizer.sanitize(html)).isEqualTo(html);
    }

    private static final String ID = "0f0e0d0c-0b0a-4909-8807-060504030201";

    @Test
    void imagesStayOnlyAsLinksToAssetsOfTheLibraryWithAnAltText() {
        RichTextSanitizer library = new RichTextSanitizer(ref -> ref.equals(ID) || ref.equals("/bilder/fjord"));
        String download = "<p><img src=\"/dam/jcr:" + ID + "/fjord.jpg\" alt=\"Fjorden\"></p>";
        assertThat(library.sanitize(download)).isEqualTo(download);
        String rendition = "<p><img src=\"/.imaging/mte/sunne-kommuner-theme/960/dam/bilder/fjord/jcr:content/fjord.jpg"
                + "?v=3\" alt=\"Fjorden\" width=\"960\"></p>";
        assertThat(library.sanitize(rendition)).isEqualTo(rendition);
        assertThat(library.sanitize("<p><img src=\"/.imaging/default/dam/bilder/fjord/jcr:content.jpg\" alt=\"F\"></p>"))
                .contains("<img");
        // an event handler goes, the library image stays
        assertThat(library.sanitize("<p><img src=\"/dam/jcr:" + ID + "/f.jpg\" alt=\"F\" onerror=\"alert(1)\"></p>"))
                .isEqualTo("<p><img src=\"/dam/jcr:" + ID + "/f.jpg\" alt=\"F\"></p>");
        for (String dropped : List.of(
                "<img src=\"/dam/jcr:" + ID + "/fjord.jpg\">", // no alt text
                "<img src=\"/dam/jcr:" + ID + "/fjord.jpg\" alt=\" \">",
                "<img src=\"/dam/jcr:11111111-2222-3333-4444-555555555555/x.jpg\" alt=\"x\">", // no such asset
                "<img src=\"https://example.org/dam/jcr:" + ID + "/fjord.jpg\" alt=\"x\">", // another site
                "<img src=\"https://tracker.example.org/pixel.gif\" alt=\"x\">",
                "<img src=\"javascript:alert(1)\" alt=\"x\">",
                "<img src=\"data:image/png;base64,AAAA\" alt=\"x\">",
                "<img src=\"/dam/jcr:" + ID + "/fjord.jpg?x=\\\"onerror\" alt=\"x\">",
                "<img src=\"/.imaging/mte/t/v/dam/bilder/../hemmelig/jcr:content/a.jpg\" alt=\"x\">",
                "<img src=\"/.imaging/mte/t/v/dam/bilder/annet/jcr:content/a.jpg\" alt=\"x\">",
                "<img src=\"//dam/jcr:" + ID + "/fjord.jpg\" alt=\"x\">")) {
            String out = library.sanitize("<p>a" + dropped + "</p>");
            assertThat(out).as(dropped).isEqualTo("<p>a</p>");
        }
        // without a library at hand (the editor's field) the link's form decides; the service checks existence
        assertThat(sanitizer.sanitize("<p><img src=\"/dam/jcr:11111111-2222-3333-4444-555555555555/x.jpg\" alt=\"x\">"
                + "<img src=\"https://example.org/x.jpg\" alt=\"x\"></p>"))
                .isEqualTo("<p><img src=\"/dam/jcr:11111111-2222-3333-4444-555555555555/x.jpg\" alt=\"x\"></p>");
    }
}
