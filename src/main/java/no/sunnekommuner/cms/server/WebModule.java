package no.sunnekommuner.cms.server;

import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** A part of the web application (delivery, editor, status page) that mounts its servlets and filters. */
public interface WebModule {

    /** Adds servlets and filters to the context. */
    void register(ServletContextHandler context);

    /** URLs worth printing at start-up, relative to the server's base URL (e.g. {@code /.rest/delivery/news/v1}). */
    default List<String> announcedPaths() {
        return List.of();
    }
}
