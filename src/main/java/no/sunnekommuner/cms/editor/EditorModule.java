package no.sunnekommuner.cms.editor;

import java.util.List;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.server.WebModule;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

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
    }

    @Override
    public List<String> announcedPaths() {
        return List.of("/ (editor)");
    }
}
