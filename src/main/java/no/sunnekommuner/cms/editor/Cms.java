package no.sunnekommuner.cms.editor;

import com.vaadin.flow.server.VaadinServlet;
import no.sunnekommuner.cms.server.CmsRuntime;

/** Access to the runtime for the editor's views (set on the servlet context by {@link EditorModule}). */
final class Cms {

    private Cms() {
    }

    static CmsRuntime runtime() {
        Object runtime = VaadinServlet.getCurrent().getServletContext().getAttribute(EditorModule.ATTRIBUTE);
        if (!(runtime instanceof CmsRuntime r)) {
            throw new IllegalStateException("The editor runs without a CMS runtime (EditorModule not registered)");
        }
        return r;
    }

    /** What the signed-in user may reach, by the content service's access policy. */
    static EditorAccess access() {
        CmsRuntime r = runtime();
        return new EditorAccess(r.definitions(), r.content().access());
    }

    /** The content service's access policy. */
    static no.sunnekommuner.cms.content.AccessPolicy policy() {
        return runtime().content().access();
    }
}
