package no.sunnekommuner.cms.website;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The public website on its own Jetty server and port. It is given nothing of the CMS but the delivery API's base
 * URL, so the same class runs inside ./start.sh next to the editor or on its own against any CMS.
 */
public final class SiteServer implements AutoCloseable {

    /** What the site needs to know: where it listens, its public address, and the API it reads. */
    public record Options(String host, int port, String baseUrl, URI apiBaseUrl, Duration cacheFreshness,
            int cacheEntries, String intakeSecret, long maxDeclarationBytes) {

        /** Without an intake secret: the CMS counts the site's applications on the site's own address. */
        public Options(String host, int port, String baseUrl, URI apiBaseUrl, Duration cacheFreshness,
                int cacheEntries) {
            this(host, port, baseUrl, apiBaseUrl, cacheFreshness, cacheEntries, "", 5L * 1024 * 1024);
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final Options options;

    public SiteServer(Options options) {
        this.options = options;
        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        server.addConnector(connector);
        DeliveryClient api = new DeliveryClient(options.apiBaseUrl(), options.cacheFreshness(),
                options.cacheEntries(), Clock.systemUTC());
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ApplicationForm applications = new ApplicationForm(new IntakeClient(options.apiBaseUrl(),
                options.intakeSecret()), options.maxDeclarationBytes());
        SitePages pages = new SitePages(api, Clock.systemUTC(), applications);
        ServletHolder holder = new ServletHolder("site", new SiteServlet(api, pages, applications, this::baseUrl,
                pages.paths()));
        // the form's upload: parts kept in memory up to the limit; a larger file or request is refused while read
        long maxRequest = options.maxDeclarationBytes() + 64 * 1024;
        holder.getRegistration().setMultipartConfig(new jakarta.servlet.MultipartConfigElement(
                System.getProperty("java.io.tmpdir"), options.maxDeclarationBytes(), maxRequest,
                (int) Math.min(Integer.MAX_VALUE, maxRequest)));
        context.addServlet(holder, "/");
        server.setHandler(new SiteHeaders(context, options.apiBaseUrl()));
        server.setStopTimeout(3_000);
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The public address (setting {@code site.baseUrl}, or this server on localhost). */
    public String baseUrl() {
        if (options.baseUrl() != null && !options.baseUrl().isBlank()) {
            return options.baseUrl();
        }
        return "http://localhost:" + (connector.getLocalPort() > 0 ? connector.getLocalPort() : options.port());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
