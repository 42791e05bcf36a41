package no.sunnekommuner.cms.website;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a membership application to the CMS's public intake ({@code POST /.rest/applications}) as JSON with the
 * declaration in Base64. With the shared intake secret it also names the visitor's address, so the CMS's hourly
 * limit counts visitors rather than this site.
 */
final class IntakeClient {

    /** The CMS's answer: received, or refused with the fields and rules it named. */
    record Answer(int status, String code, List<FieldError> fields) {
        boolean received() {
            return status == 201;
        }
    }

    /** One refused field and the CMS's rule name and message (in the visitor's language). */
    record FieldError(String field, String rule, String message) {
    }

    private final URI endpoint;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    IntakeClient(URI apiBase, String secret) {
        String base = apiBase.toString().endsWith("/") ? apiBase.toString() : apiBase + "/";
        this.endpoint = URI.create(base).resolve(".rest/applications");
        this.secret = secret == null || secret.isBlank() ? null : secret;
    }

    Answer send(ObjectNode application, Lang lang, String visitorAddress) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + "?lang=" + lang.code()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(application)));
        if (secret != null) {
            request.header("X-SK-Intake-Secret", secret).header("X-SK-Visitor-Address", visitorAddress);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
            List<FieldError> fields = new ArrayList<>();
            body.path("error").path("fields").forEach(f -> fields.add(new FieldError(f.path("field").asText(),
                    f.path("rule").asText(), f.path("message").asText(""))));
            return new Answer(response.statusCode(), body.path("error").path("code").asText(""), fields);
        } catch (IOException e) {
            throw new SiteException("The CMS's application intake did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteException("Interrupted while sending an application", e);
        }
    }

    private byte[] write(ObjectNode application) {
        try {
            return json.writeValueAsBytes(application);
        } catch (IOException e) {
            throw new SiteException("Could not write an application", e);
        }
    }
}
