package no.sunnekommuner.cms.editor;

import java.net.URL;
import java.util.List;
import no.sunnekommuner.cms.editor.media.AssetThumbnails;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Makes the editor's services available to its views: the Vaadin servlet itself is found by annotation scanning
 * ({@link EditorServlet}); its views read the services from the servlet context.
 */
public final class EditorModule {

    static final String ATTRIBUTE = EditorServices.class.getName();
    static final String THUMBNAILS = AssetThumbnails.class.getName();

    private final EditorServices services;

    public EditorModule(EditorServices services) {
        this.services = services;
    }

    /** Adds the editor's servlets to the context (the composition root mounts it as a web module). */
    public void register(ServletContextHandler context) {
        context.setAttribute(ATTRIBUTE, services);
        // one picture cache for every editor session (drafts' pictures never leave the sessions)
        context.setAttribute(THUMBNAILS, new AssetThumbnails(2000));
        // the editor's stylesheet, served by Jetty from the class path (Vaadin's own static file serving fails on
        // resources inside a jar when run on Jetty 12's resource paths)
        URL styles = EditorModule.class.getResource("styles/");
        if (styles == null) {
            throw new IllegalStateException("The editor's styles are missing from the class path");
        }
        ServletHolder holder = new ServletHolder("editor-styles", ResourceServlet.class);
        holder.setInitParameter("baseResource", styles.toString());
        holder.setInitParameter("pathInfoOnly", "true");
        holder.setInitParameter("dirAllowed", "false");
        context.addServlet(holder, "/styles/*");
    }

    /** URLs worth printing at start-up. */
    public List<String> announcedPaths() {
        return List.of("/ (editor)");
    }
}
