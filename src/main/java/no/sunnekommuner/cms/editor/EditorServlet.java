package no.sunnekommuner.cms.editor;

import com.vaadin.flow.server.VaadinServlet;
import jakarta.servlet.annotation.WebInitParam;
import jakarta.servlet.annotation.WebServlet;

/** The Vaadin editor UI at the root of the server (the REST API and /status have their own, longer mappings). */
// production mode always: the pre-compiled bundle, no frontend tooling at run time
@WebServlet(urlPatterns = "/*", asyncSupported = true,
        initParams = @WebInitParam(name = "productionMode", value = "true"))
public class EditorServlet extends VaadinServlet {
}
