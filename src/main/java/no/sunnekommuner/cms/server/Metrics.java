package no.sunnekommuner.cms.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashSet;
import java.util.Set;
import no.sunnekommuner.cms.delivery.DeliveryModule;
import no.sunnekommuner.cms.delivery.ResponseCache;
import no.sunnekommuner.cms.repository.JcrRepository;

/** The instance's metrics: JVM, JCR sessions, the cluster journal, and (wired with the web modules) HTTP and caches. */
final class Metrics {

    private Metrics() {
    }

    static PrometheusMeterRegistry registry(JcrRepository repository) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("sk.jcr.sessions.open", repository, JcrRepository::openSessions)
                .description("JCR sessions open now").register(registry);
        FunctionCounter.builder("sk.jcr.sessions.opened", repository, JcrRepository::sessionsOpened)
                .description("JCR sessions opened since start").register(registry);
        if (repository.options().clustered()) {
            Gauge.builder("sk.cluster.journal.lag", repository, r -> r.journalLag().isPresent()
                            ? r.journalLag().getAsLong() : Double.NaN)
                    .description("Journal entries of other instances not yet applied here (NaN: database unreachable)")
                    .register(registry);
        }
        return registry;
    }

    /** Health and metrics endpoints, with the delivery response cache's hits and misses. */
    static OperationsModule operations(CmsRuntime runtime, DeliveryModule delivery) {
        PrometheusMeterRegistry registry = runtime.metrics();
        ResponseCache cache = delivery.cache();
        FunctionCounter.builder("sk.delivery.cache.hits", cache, ResponseCache::hits)
                .description("Public delivery responses served from the response cache").register(registry);
        FunctionCounter.builder("sk.delivery.cache.misses", cache, ResponseCache::misses)
                .description("Public delivery responses rendered (not in the cache)").register(registry);
        Set<String> routes = new HashSet<>();
        runtime.definitions().endpoints().values().forEach(e -> {
            routes.add(e.endpointPath());
            if (e.endpointPath().startsWith("delivery/")) {
                routes.add("preview" + e.endpointPath().substring("delivery".length()));
            }
        });
        Settings settings = runtime.settings();
        return new OperationsModule(runtime.repository(), runtime::started, registry, settings.flag("metrics.enabled"),
                settings.get("metrics.token", ""), routes);
    }
}
