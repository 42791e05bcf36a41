package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors of a delivery endpoint carry the language headers as Magnolia's do (recorded: read-missing,
 * f-gt-date-range, lang-xx): {@code Content-Language} of the request's language, and {@code Vary:
 * Accept-Language} when no {@code lang} parameter chose it; an unknown endpoint has neither.
 */
class ErrorHeadersIT {

    @TempDir
    static java.nio.file.Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data, List.of(TestRuntimes.LIGHT_MODULES), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aMissingItemAnswersInTheNegotiatedLanguage() throws Exception {
        HttpResponse<String> r = server.get("/.rest/delivery/news/v1/finnes-ikke", "Accept-Language", "en");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Language")).contains("en");
        assertThat(r.headers().firstValue("Vary")).contains("Accept-Language");
        HttpResponse<String> plain = server.get("/.rest/delivery/news/v1/finnes-ikke");
        assertThat(plain.headers().firstValue("Content-Language")).contains("nb");
    }

    @Test
    void aBadFilterOrLanguageParameterAnswersWithoutVary() throws Exception {
        HttpResponse<String> badFilter = server.get("/.rest/delivery/news/v1?orderBy=title%5D");
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(badFilter.headers().firstValue("Content-Language")).contains("nb");
        assertThat(badFilter.headers().firstValue("Vary")).contains("Accept-Language");
        HttpResponse<String> chosen = server.get("/.rest/delivery/news/v1/finnes-ikke?lang=en");
        assertThat(chosen.headers().firstValue("Content-Language")).contains("en");
        assertThat(chosen.headers().firstValue("Vary")).isEmpty();
        HttpResponse<String> badLang = server.get("/.rest/delivery/news/v1/finnes-ikke?lang=xx");
        assertThat(badLang.statusCode()).isEqualTo(400);
        assertThat(badLang.headers().firstValue("Content-Language")).as("the default, as Magnolia").contains("nb");
        assertThat(badLang.headers().firstValue("Vary")).isEmpty();
    }

    @Test
    void anUnknownEndpointHasNoLanguage() throws Exception {
        HttpResponse<String> r = server.get("/.rest/delivery/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Language")).isEmpty();
    }
}
