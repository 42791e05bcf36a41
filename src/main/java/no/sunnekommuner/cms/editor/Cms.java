package no.sunnekommuner.cms.editor;

import com.vaadin.flow.server.VaadinServlet;

/** Access to the editor's services for its views (set on the servlet context by {@link EditorModule}). */
final class Cms {

    private Cms() {
    }

    static EditorServices runtime() {
        Object runtime = VaadinServlet.getCurrent().getServletContext().getAttribute(EditorModule.ATTRIBUTE);
        if (!(runtime instanceof EditorServices r)) {
            throw new IllegalStateException("The editor runs without a CMS runtime (EditorModule not registered)");
        }
        return r;
    }

    /** The editor's pictures of assets (drafts included, served in the session only). */
    static no.sunnekommuner.cms.editor.media.AssetThumbnails thumbnails() {
        return (no.sunnekommuner.cms.editor.media.AssetThumbnails) VaadinServlet.getCurrent().getServletContext()
                .getAttribute(EditorModule.THUMBNAILS);
    }

    /** What the media app and asset fields work with, for the signed-in user. */
    static no.sunnekommuner.cms.editor.media.MediaTools media() {
        EditorServices r = runtime();
        return new no.sunnekommuner.cms.editor.media.MediaTools(r.assets(), r.content(), thumbnails(),
                CurrentUser::actor, r.definitions());
    }

    /** What the signed-in user may reach, by the content service's access policy. */
    static EditorAccess access() {
        EditorServices r = runtime();
        return new EditorAccess(r.definitions(), r.content().access());
    }

    /** The content service's access policy. */
    static no.sunnekommuner.cms.content.AccessPolicy policy() {
        return runtime().content().access();
    }
}
