package no.sunnekommuner.cms.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import no.sunnekommuner.cms.repository.JcrRepository;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations endpoints for load balancers and monitoring: {@code /.health/live} (the process serves requests),
 * {@code /.health/ready} (start-up has finished, the repository logs in and answers a query, and in postgresql
 * mode the database answers; 503 otherwise) and {@code /.metrics} (Prometheus text format; off with {@code metrics.enabled=false},
 * behind {@code Authorization: Bearer <metrics.token>} when a token is set). No answer carries a secret.
 */
final class OperationsModule implements WebModule {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsModule.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A readiness check that takes longer than this counts as failed (a load balancer waits only so long). */
    private static final long READY_TIMEOUT_MS = 3_000;

    private final JcrRepository repository;
    private final java.util.function.BooleanSupplier started;
    private final PrometheusMeterRegistry registry;
    private final boolean metricsEnabled;
    private final String metricsToken;
    private final ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "readiness-check");
        t.setDaemon(true);
        return t;
    });

    private final java.util.Set<String> routes;

    /** @param started whether start-up has finished its tasks (before that, ready answers 503 "starting") */
    OperationsModule(JcrRepository repository, java.util.function.BooleanSupplier started,
            PrometheusMeterRegistry registry, boolean metricsEnabled, String metricsToken,
            java.util.Set<String> routes) {
        this.repository = repository;
        this.started = started;
        this.routes = routes;
        this.registry = registry;
        this.metricsEnabled = metricsEnabled;
        this.metricsToken = metricsToken == null ? "" : metricsToken;
    }

    @Override
    public void register(ServletContextHandler context) {
        context.addServlet(new ServletHolder("health-live", new LiveServlet()), "/.health/live");
        context.addServlet(new ServletHolder("health-ready", new ReadyServlet()), "/.health/ready");
        if (metricsEnabled) {
            context.addServlet(new ServletHolder("metrics", new MetricsServlet()), "/.metrics");
            context.addFilter(new FilterHolder(new RequestMetricsFilter(registry, routes)), "/*",
                    EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        }
    }

    @Override
    public List<String> announcedPaths() {
        List<String> paths = new ArrayList<>(List.of("/.health/ready"));
        if (metricsEnabled) {
            paths.add("/.metrics");
        }
        return paths;
    }

    private static void json(HttpServletResponse resp, int status, ObjectNode body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    private final class LiveServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            json(resp, 200, JSON.createObjectNode().put("status", "UP"));
        }
    }

    private final class ReadyServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ObjectNode body = JSON.createObjectNode();
            if (!started.getAsBoolean()) {
                body.put("status", "DOWN");
                body.put("mode", repository.options().mode().name().toLowerCase(java.util.Locale.ROOT));
                body.put("reason", "starting");
                json(resp, 503, body);
                return;
            }
            String failure = null;
            Future<?> check = checks.submit(() -> {
                repository.checkReady();
                return null;
            });
            try {
                check.get(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                check.cancel(true);
                failure = "timeout";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            } catch (java.util.concurrent.ExecutionException e) {
                // the kind of failure only: messages may name hosts or users
                failure = e.getCause() instanceof java.sql.SQLException ? "database unreachable"
                        : "repository unavailable";
                LOG.warn("Not ready: {}", e.getCause().toString());
            }
            body.put("status", failure == null ? "UP" : "DOWN");
            body.put("mode", repository.options().mode().name().toLowerCase(java.util.Locale.ROOT));
            if (repository.options().clustered()) {
                body.put("clusterNodeId", repository.options().clusterNodeId());
            }
            if (failure != null) {
                body.put("reason", failure);
            }
            json(resp, failure == null ? 200 : 503, body);
        }
    }

    private final class MetricsServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (!metricsToken.isEmpty()) {
                String header = req.getHeader("Authorization");
                byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
                byte[] expected = ("Bearer " + metricsToken).getBytes(StandardCharsets.UTF_8);
                if (!MessageDigest.isEqual(given, expected)) {
                    resp.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
                    json(resp, 401, JSON.createObjectNode().set("error", JSON.createObjectNode()
                            .put("code", "unauthorized").put("message", "The metrics need the configured token")));
                    return;
                }
            }
            resp.setStatus(200);
            resp.setContentType("text/plain;version=0.0.4;charset=UTF-8");
            resp.setHeader("Cache-Control", "no-store");
            resp.getOutputStream().write(registry.scrape().getBytes(StandardCharsets.UTF_8));
        }
    }
}
