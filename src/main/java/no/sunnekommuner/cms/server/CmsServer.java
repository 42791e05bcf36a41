package no.sunnekommuner.cms.server;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded Jetty 12 server carrying the web modules in one servlet context at the root. */
public final class CmsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CmsServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final List<WebModule> modules;

    public CmsServer(String host, int port, List<WebModule> modules) {
        this(host, port, HttpSecurity.defaults(), modules);
    }

    public CmsServer(String host, int port, HttpSecurity security, List<WebModule> modules) {
        this.modules = List.copyOf(modules);
        this.server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        // Magnolia (Tomcat) accepts '//' in paths and raw brackets in queries; clients written for it send them
        http.setUriCompliance(UriCompliance.LEGACY);
        http.setSendServerVersion(false);
        // forwarded headers (X-Forwarded-Proto: https behind a TLS proxy) only from the configured proxies
        http.addCustomizer(new TrustedProxyCustomizer(security.trustedProxies()));
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        // A web application context, so that servlet container initializers (Vaadin's) run and find the editor's
        // routes by annotation scanning; scanning is limited to Vaadin's jars and our classes or jar (start-up time).
        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        context.setBaseResourceAsPath(emptyWebRoot());
        context.setConfigurationDiscovered(true);
        context.setParentLoaderPriority(true);
        context.setAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN,
                ".*/(flow-[^/]*|vaadin-[^/]*|sunne-kommuner-cms[^/]*)\\.jar$|.*/classes/.*");
        // the editor servlet is declared (@WebServlet): Vaadin need not look for servlets to register itself
        context.setInitParameter("disable.automatic.servlet.registration", "true");
        context.getSessionHandler().setMaxInactiveInterval(SESSION_TIMEOUT_SECONDS);
        context.getSessionHandler().setHttpOnly(true);
        context.getSessionHandler().setSameSite(org.eclipse.jetty.http.HttpCookie.SameSite.LAX);
        // the session cookie is Secure whenever the request is HTTPS (directly or through a trusted proxy)
        context.getSessionHandler().setSecureRequestOnly(true);
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        // outermost filter: what an endpoint left unread of a body is read after its answer (UnreadBodyFilter)
        context.addFilter(new FilterHolder(new UnreadBodyFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        modules.forEach(m -> m.register(context));
        // errors of the servlets (sendError) in JSON under /.rest/, a bare page elsewhere: never Jetty's page
        // naming the servlet
        context.setErrorHandler(new JsonErrorHandler(true));
        server.setHandler(new SecurityHeadersHandler(security, context));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(5_000);
    }

    /** Editor sessions end after 30 minutes without a request. */
    static final int SESSION_TIMEOUT_SECONDS = 30 * 60;

    private static java.nio.file.Path emptyWebRoot() {
        try {
            java.nio.file.Path root = java.nio.file.Files.createTempDirectory("sk-webroot");
            root.toFile().deleteOnExit();
            return root;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void start() throws Exception {
        server.start();
        LOG.info("Jetty listening on port {}", port());
    }

    /** The bound port (useful with port 0 in tests). */
    public int port() {
        return connector.getLocalPort();
    }

    public List<String> announcedPaths() {
        List<String> paths = new ArrayList<>();
        modules.forEach(m -> paths.addAll(m.announcedPaths()));
        return paths;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
