package no.sunnekommuner.cms.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Times every HTTP request into {@code http_server_requests_seconds} (a histogram) tagged with the endpoint, the
 * method and the status. The endpoint tag is a route, never the raw path, so that attackers cannot grow the
 * number of series: the delivery endpoint of a light module, the nodes API, or one of a few fixed groups.
 */
final class RequestMetricsFilter extends HttpFilter {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

    private final MeterRegistry registry;
    private final Set<String> routes;

    /** {@code routes}: the endpoint paths below {@code /.rest/} that get a tag of their own. */
    RequestMetricsFilter(MeterRegistry registry, Set<String> routes) {
        this.registry = registry;
        this.routes = Set.copyOf(routes);
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        try {
            chain.doFilter(req, resp);
        } finally {
            String method = METHODS.contains(req.getMethod()) ? req.getMethod() : "OTHER";
            Timer.builder("http.server.requests").description("HTTP requests by endpoint, method and status")
                    .tag("endpoint", endpoint(req.getRequestURI(), routes)).tag("method", method)
                    .tag("status", String.valueOf(resp.getStatus()))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry).record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * The route of a request: {@code /.rest/delivery/news/v1} for every request below that endpoint (item paths
     * and queries folded in), {@code /.rest/nodes/v1}, {@code /.health}, {@code /.metrics}, {@code /status},
     * {@code /static}, or {@code editor} for the rest (the Vaadin application).
     */
    static String endpoint(String uri, Set<String> routes) {
        if (uri == null) {
            return "other";
        }
        String path = uri.toLowerCase(Locale.ROOT);
        if (path.startsWith("/.rest/")) {
            String[] parts = path.substring("/.rest/".length()).split("/", -1);
            return switch (parts[0]) {
                case "delivery", "preview" -> parts.length >= 3
                        && routes.contains(parts[0] + "/" + parts[1] + "/" + parts[2])
                        ? "/.rest/" + parts[0] + "/" + parts[1] + "/" + parts[2] : "/.rest/" + parts[0] + "/unknown";
                case "feeds" -> "/.rest/feeds";
                case "nodes" -> "/.rest/nodes/v1";
                case "openapi.json" -> "/.rest/openapi.json";
                default -> "/.rest/other";
            };
        }
        if (path.startsWith("/.health/")) {
            return "/.health";
        }
        if (path.equals("/.metrics") || path.equals("/status")) {
            return path;
        }
        if (path.startsWith("/static/")) {
            return "/static";
        }
        return "editor";
    }
}
