package no.sunnekommuner.cms.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Serves a folder of static files at {@code /static/*} (setting {@code server.staticDir}; off when empty), with
 * Jetty's in-memory cache. Useful for a site's assets next to the API, and the reference in the delivery
 * benchmark.
 */
final class StaticFilesModule implements WebModule {

    private final Path folder;

    StaticFilesModule(Path folder) {
        this.folder = folder;
    }

    @Override
    public void register(ServletContextHandler context) {
        ServletHolder holder = new ServletHolder("static", ResourceServlet.class);
        holder.setInitParameter("baseResource", folder.toAbsolutePath().toUri().toString());
        holder.setInitParameter("pathInfoOnly", "true");
        holder.setInitParameter("dirAllowed", "false");
        holder.setInitParameter("maxCacheSize", String.valueOf(64 * 1024 * 1024));
        holder.setInitParameter("maxCachedFileSize", String.valueOf(4 * 1024 * 1024));
        holder.setInitParameter("maxCachedFiles", "2048");
        context.addServlet(holder, "/static/*");
    }

    @Override
    public List<String> announcedPaths() {
        return Files.isDirectory(folder) ? List.of("/static/") : List.of();
    }
}
