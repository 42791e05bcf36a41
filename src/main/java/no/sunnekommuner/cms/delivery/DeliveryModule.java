package no.sunnekommuner.cms.delivery;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import no.sunnekommuner.cms.content.bootstrap.ImportLimits;
import no.sunnekommuner.cms.delivery.nodes.NodesResource;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.server.Settings;
import no.sunnekommuner.cms.server.WebModule;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/** Mounts the REST API (delivery endpoints, preview twins) with Jersey at {@code /.rest/*}. */
public final class DeliveryModule implements WebModule {

    public static final String REST_PREFIX = "/.rest";
    private static final java.util.logging.Logger JERSEY_PROVIDER_CHECK =
            java.util.logging.Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    private final CmsRuntime runtime;
    private final DeliveryEndpoints endpoints;
    private final DeliveryService service;
    private final ResponseCache cache;

    public DeliveryModule(CmsRuntime runtime) {
        this.runtime = runtime;
        Settings settings = runtime.settings();
        this.endpoints = new DeliveryEndpoints(runtime.definitions().endpoints().values());
        this.service = new DeliveryService(runtime.repository(), runtime.definitions(), settings.siteLocales(),
                settings.get("delivery.linkBase", settings.get("server.baseUrl")),
                ZoneId.of(settings.get("delivery.timeZone", "UTC")));
        this.cache = new ResponseCache(settings.integer("delivery.cache.maxMegabytes") * 1024L * 1024L);
        runtime.content().addChangeListener(workspace -> {
            cache.invalidate();
            service.contentChanged();
        });
    }

    public DeliveryEndpoints endpoints() {
        return endpoints;
    }

    public DeliveryService service() {
        return service;
    }

    public ResponseCache cache() {
        return cache;
    }

    @Override
    public void register(ServletContextHandler context) {
        Settings settings = runtime.settings();
        ResourceConfig config = new ResourceConfig();
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        RequestUser users = new RequestUser(runtime.users(), runtime.basicAuth(), runtime.tokens());
        config.register(new DeliveryResource(endpoints, service, cache, users, settings.get("delivery.cacheControl")));
        config.register(new NodesResource(runtime.content(), runtime.repository(), users, this::isContentWorkspace,
                new ImportLimits(settings.integer("import.maxDepth"), settings.integer("import.maxNodes"),
                        settings.integer("import.maxBodyMegabytes") * 1024L * 1024L,
                        settings.integer("import.batchNodes"))));
        config.register(new OpenApiResource(new OpenApiDocument(runtime.definitions(), endpoints,
                settings.get("server.baseUrl"))));
        config.register(new FeedResource(endpoints, service, runtime.definitions(), settings.siteLocales(),
                settings.get("delivery.feed.dateProperty"), settings.get("delivery.feed.summaryProperty"),
                settings.get("delivery.feed.itemUrl", ""),
                settings.get("server.baseUrl")));
        config.register(new DeliveryErrors());
        config.register(new CorsFilter(settings.list("delivery.cors.allowedOrigins"),
                settings.list("rest.cors.authenticatedOrigins")));
        config.register(new HeaderChecks());
        config.register(new ClientErrorLog());
        // Jersey warns that resource instances are no providers; they are registered as resources all the same
        JERSEY_PROVIDER_CHECK.setLevel(java.util.logging.Level.SEVERE);
        ServletHolder holder = new ServletHolder("rest", new ServletContainer(config));
        holder.setInitOrder(1);
        context.addServlet(holder, REST_PREFIX + "/*");
        context.addFilter(new org.eclipse.jetty.ee10.servlet.FilterHolder(new ContentTypeCheck()), REST_PREFIX + "/*",
                java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
    }

    private boolean isContentWorkspace(String workspace) {
        return runtime.definitions().contentTypeOfWorkspace(workspace).isPresent()
                || runtime.definitions().endpoints().values().stream().anyMatch(e -> e.workspace().equals(workspace));
    }

    @Override
    public List<String> announcedPaths() {
        List<String> paths = new ArrayList<>();
        endpoints.publicEndpoints().forEach(e -> paths.add(REST_PREFIX + "/" + e.path()));
        paths.add(REST_PREFIX + "/openapi.json");
        return paths;
    }
}
