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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
    /** The preview API's header for a preview token (the CMS's {@code PreviewAccess.HEADER}; the site is apart). */
    static final String PREVIEW_HEADER = "X-Preview-Token";

    private final URI apiBase;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Cache<String, Kept> cache;
    private final Duration defaultFreshness;
    private final Clock clock;

    /**
     * A response body with its validator, until when it may be reused without asking, the API's
     * {@code Last-Modified} (null: none) and its freshness as the API gave it.
     */
    private record Kept(String etag, JsonNode body, Instant freshUntil, Instant lastModified, Duration maxAge) {
    }

    /**
     * What the responses behind one page said about caching, gathered while the page is built: the newest
     * {@code Last-Modified} and the shortest freshness, so the page forwards no more than its sources allow.
     */
    public static final class Sources {
        private Instant lastModified;
        private Duration maxAge;

        private void add(Kept kept) {
            if (kept.lastModified() != null && (lastModified == null || kept.lastModified().isAfter(lastModified))) {
                lastModified = kept.lastModified();
            }
            if (maxAge == null || kept.maxAge().compareTo(maxAge) < 0) {
                maxAge = kept.maxAge();
            }
        }

        /** The newest last change of the content shown; empty when no response named one. */
        public Optional<Instant> lastModified() {
            return Optional.ofNullable(lastModified);
        }

        /** The shortest time any source may be reused; zero when the page used none. */
        public Duration maxAge() {
            return maxAge == null ? Duration.ZERO : maxAge;
        }
    }

    /** The sources of the page being built on this thread (one request is one thread in Jetty's servlets). */
    private final ThreadLocal<Sources> collecting = new ThreadLocal<>();

    /** Runs {@code page} and returns what it returned with the caching facts of the API responses it used. */
    public <T> Map.Entry<T, Sources> tracked(java.util.function.Supplier<T> page) {
        Sources sources = new Sources();
        Sources outer = collecting.get();
        collecting.set(sources);
        try {
            return Map.entry(page.get(), sources);
        } finally {
            if (outer == null) {
                collecting.remove();
            } else {
                collecting.set(outer);
            }
        }
    }

    private void used(Kept kept) {
        Sources sources = collecting.get();
        if (sources != null) {
            sources.add(kept);
        }
    }

    /** What the preview endpoint answered for a draft: 200 with the item, or its refusal. */
    public record Preview(int status, JsonNode item) {
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

    /**
     * The draft of one item from the preview endpoint ({@code /.rest/preview/…}), read with a preview token in
     * {@code X-Preview-Token} instead of credentials. Never cached: a draft is for the editor who holds the token,
     * not for the next visitor. Status 404 for an item that does not exist, 401 for an expired or altered token,
     * 403 for a token of another item.
     */
    public Preview preview(String endpoint, String itemPath, String lang, String token) {
        if (!itemPath.matches("(/[A-Za-z0-9._-]+)+") || itemPath.matches(".*/\\.{1,2}(/.*)?")
                || !token.matches("[A-Za-z0-9._~-]{1,1000}")) {
            return new Preview(404, null);
        }
        String url = apiBase + "/.rest/preview/" + endpoint + "/v1" + itemPath + "?lang=" + enc(lang);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json").header(PREVIEW_HEADER, token).GET().build();
        HttpResponse<String> response = send(request, url);
        if (response.statusCode() != 200) {
            return new Preview(response.statusCode() == 401 || response.statusCode() == 403
                    ? response.statusCode() : 404, null);
        }
        try {
            return new Preview(200, json.readTree(response.body()));
        } catch (IOException e) {
            throw new SiteException("The preview API sent no JSON for " + url, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request, String url) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SiteException("The delivery API at " + apiBase + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteException("Interrupted while reading " + url, e);
        }
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
            used(kept);
            return Optional.of(kept.body());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json").GET();
        if (kept != null && kept.etag() != null) {
            request.header("If-None-Match", kept.etag());
        }
        HttpResponse<String> response = send(request.build(), url);
        int status = response.statusCode();
        if (status == 304 && kept != null) {
            Duration maxAge = freshness(response);
            Kept renewed = new Kept(kept.etag(), kept.body(), now.plus(maxAge),
                    lastModified(response).orElse(kept.lastModified()), maxAge);
            cache.put(url, renewed);
            used(renewed);
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
        Duration maxAge = freshness(response);
        Kept fetched = new Kept(etag, body, now.plus(maxAge), lastModified(response).orElse(null), maxAge);
        cache.put(url, fetched);
        used(fetched);
        return Optional.of(body);
    }

    private static Optional<Instant> lastModified(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("Last-Modified")
                    .map(v -> ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException malformed) {
            return Optional.empty();
        }
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
