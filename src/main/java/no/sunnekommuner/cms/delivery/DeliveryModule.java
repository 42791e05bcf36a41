package no.sunnekommuner.cms.delivery;

import java.util.ArrayList;
import java.util.List;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.spi.NodeReader;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.delivery.nodes.NodesResource;
import no.sunnekommuner.cms.security.ApiTokens;
import no.sunnekommuner.cms.security.Authenticator;
import no.sunnekommuner.cms.security.UserDirectory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Mounts the REST API (delivery endpoints, preview twins) with Jersey at {@code /.rest/*}. Built by the
 * composition root ({@code server}) from the layers below and its {@link DeliverySettings}.
 */
public final class DeliveryModule {

    public static final String REST_PREFIX = "/.rest";
    private static final java.util.logging.Logger JERSEY_PROVIDER_CHECK =
            java.util.logging.Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    private final DefinitionRegistry definitions;
    private final ContentService content;
    private final NodeReader reader;
    private final RequestUser users;
    private final DeliverySettings settings;
    private final DeliveryEndpoints endpoints;
    private final DeliveryService service;
    private final ResponseCache cache;
    private final no.sunnekommuner.cms.delivery.preview.PreviewAccess previewAccess;

    public DeliveryModule(DefinitionRegistry definitions, ContentService content, NodeReader reader,
            UserDirectory directory, Authenticator basic, ApiTokens tokens, DeliverySettings settings,
            no.sunnekommuner.cms.content.preview.PreviewTokens previewTokens) {
        this.previewAccess = new no.sunnekommuner.cms.delivery.preview.PreviewAccess(previewTokens, content);
        this.definitions = definitions;
        this.content = content;
        this.reader = reader;
        this.users = new RequestUser(directory, basic, tokens);
        this.settings = settings;
        this.endpoints = new DeliveryEndpoints(definitions.endpoints().values());
        this.service = new DeliveryService(reader, definitions, settings.locales(), settings.linkBase(),
                settings.maxRenderedNodes());
        this.cache = new ResponseCache(settings.cacheMaxBytes());
        content.addChangeListener(workspace -> cache.invalidate());
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

    /** Who makes a request (session, Basic or token), for the other modules that need it (status page). */
    public RequestUser requestUser() {
        return users;
    }

    /** Adds the REST servlet and filters to the context (the composition root mounts it as a web module). */
    public void register(ServletContextHandler context) {
        ResourceConfig config = new ResourceConfig();
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.register(new DeliveryResource(endpoints, service, cache, users, content.access(),
                settings.cacheControl(), previewAccess));
        config.register(new NodesResource(content, reader, users, this::isContentWorkspace,
                settings.importLimits(), settings.maxJsonBodyBytes(), settings.maxRenderedNodes()));
        config.register(new no.sunnekommuner.cms.delivery.commands.CommandsResource(content, users,
                this::isContentWorkspace));
        config.register(new OpenApiResource(new OpenApiDocument(definitions, endpoints, settings.baseUrl())));
        config.register(new FeedResource(endpoints, service, definitions, settings.locales(),
                settings.feedDateProperty(), settings.feedSummaryProperty(), settings.feedItemUrl(),
                settings.baseUrl()));
        config.register(new DeliveryErrors());
        config.register(new CorsFilter(settings.corsOrigins(), settings.authenticatedOrigins()));
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
        return definitions.contentTypeOfWorkspace(workspace).isPresent()
                || definitions.endpoints().values().stream().anyMatch(e -> e.workspace().equals(workspace));
    }

    /** URLs worth printing at start-up. */
    public List<String> announcedPaths() {
        List<String> paths = new ArrayList<>();
        endpoints.publicEndpoints().forEach(e -> paths.add(REST_PREFIX + "/" + e.path()));
        paths.add(REST_PREFIX + "/openapi.json");
        return paths;
    }
}
