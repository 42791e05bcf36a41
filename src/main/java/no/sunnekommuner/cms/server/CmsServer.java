package no.sunnekommuner.cms.server;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
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
        this.modules = List.copyOf(modules);
        this.server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        // Magnolia (Tomcat) accepts '//' in paths and raw brackets in queries; clients written for it send them
        http.setUriCompliance(UriCompliance.LEGACY);
        http.setSendServerVersion(false);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        modules.forEach(m -> m.register(context));
        server.setHandler(context);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(5_000);
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
