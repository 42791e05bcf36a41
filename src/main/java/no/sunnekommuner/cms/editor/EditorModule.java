package no.sunnekommuner.cms.editor;

import java.net.URL;
import java.util.List;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.server.WebModule;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Makes the runtime available to the editor's views: the Vaadin servlet itself is found by annotation scanning
 * ({@link EditorServlet}); its views read the runtime from the servlet context.
 */
public final class EditorModule implements WebModule {

    static final String ATTRIBUTE = CmsRuntime.class.getName();

    private final CmsRuntime runtime;

    public EditorModule(CmsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void register(ServletContextHandler context) {
        context.setAttribute(ATTRIBUTE, runtime);
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

    @Override
    public List<String> announcedPaths() {
        return List.of("/ (editor)");
    }
}
