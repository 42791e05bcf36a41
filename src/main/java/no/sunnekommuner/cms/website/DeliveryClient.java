package no.sunnekommuner.cms.website;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The website's only way to content: GET requests to the public delivery API of a CMS, over HTTP, exactly as a
 * separate site would make them. Responses are kept in a small cache; a kept response is reused while its
 * {@code max-age} (or {@code site.cacheSeconds}) lasts and revalidated with {@code If-None-Match} afterwards, so an
 * unchanged resource costs the CMS a 304 and a publish is seen at the next request.
 */
public final class DeliveryClient {

    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI apiBase;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Cache<String, Kept> cache;
    private final Duration defaultFreshness;
    private final Clock clock;

    /** A response body with its validator and until when it may be reused without asking. */
    private record Kept(String etag, JsonNode body, Instant freshUntil) {
    }

    public DeliveryClient(URI apiBase, Duration defaultFreshness, int maxEntries, Clock clock) {
        String base = apiBase.toString();
        this.apiBase = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.defaultFreshness = defaultFreshness;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    public URI apiBase() {
        return apiBase;
    }

    /** The public Atom feed of an endpoint, for {@code <link rel="alternate">}. */
    public String feedUrl(String endpoint, String lang) {
        return apiBase + "/.rest/feeds/delivery/" + endpoint + "/v1?lang=" + lang;
    }

    /** One item by its path below the endpoint, or empty when the API answers 404 (unpublished or never there). */
    public Optional<JsonNode> item(String endpoint, String itemPath, String lang) {
        if (!itemPath.matches("(/[A-Za-z0-9._-]+)+") || itemPath.matches(".*/\\.{1,2}(/.*)?")) {
            return Optional.empty(); // node names only: nothing of the visitor's path reaches the API unchecked
        }
        return get("/.rest/delivery/" + endpoint + "/v1" + itemPath, Map.of("lang", lang));
    }

    /** A list query ({@code results}, {@code total}); the parameters are sent URL-encoded. */
    public JsonNode list(String endpoint, Map<String, String> parameters) {
        return get("/.rest/delivery/" + endpoint + "/v1", parameters)
                .orElseThrow(() -> new SiteException("Endpoint " + endpoint + " not found on " + apiBase));
    }

    private Optional<JsonNode> get(String path, Map<String, String> parameters) {
        String query = new LinkedHashMap<>(parameters).entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        String url = apiBase + path + (query.isEmpty() ? "" : "?" + query);
        Kept kept = cache.getIfPresent(url);
        Instant now = clock.instant();
        if (kept != null && now.isBefore(kept.freshUntil())) {
            return Optional.of(kept.body());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json").GET();
        if (kept != null && kept.etag() != null) {
            request.header("If-None-Match", kept.etag());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SiteException("The delivery API at " + apiBase + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteException("Interrupted while reading " + url, e);
        }
        int status = response.statusCode();
        if (status == 304 && kept != null) {
            cache.put(url, new Kept(kept.etag(), kept.body(), now.plus(freshness(response))));
            return Optional.of(kept.body());
        }
        if (status == 404) {
            cache.invalidate(url);
            return Optional.empty();
        }
        if (status != 200) {
            throw new SiteException("The delivery API answered " + status + " to " + url);
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            throw new SiteException("The delivery API sent no JSON for " + url, e);
        }
        String etag = response.headers().firstValue("ETag").orElse(null);
        cache.put(url, new Kept(etag, body, now.plus(freshness(response))));
        return Optional.of(body);
    }

    private Duration freshness(HttpResponse<?> response) {
        String cacheControl = response.headers().firstValue("Cache-Control").orElse("");
        if (cacheControl.contains("no-store") || cacheControl.contains("no-cache")) {
            return Duration.ZERO;
        }
        Matcher m = MAX_AGE.matcher(cacheControl);
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : defaultFreshness;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
