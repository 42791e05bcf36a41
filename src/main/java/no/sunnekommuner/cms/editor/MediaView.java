package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.media.AssetNodes;
import no.sunnekommuner.cms.editor.media.MediaBrowser;

/**
 * The media app ("Medier"): Magnolia's assets app for the {@code dam} workspace. Open to everyone who may edit
 * (AccessGuard); what each may do there (upload and describe; publish, unpublish and delete) the content service's
 * access policy decides, and the app only hides what it refuses.
 */
@Route(value = "media", layout = MainLayout.class)
public class MediaView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    public MediaView() {
        addClassName("media-view");
        setSizeFull();
        setPadding(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String folder = event.getLocation().getQueryParameters().getParameters()
                .getOrDefault("folder", List.of("/")).stream().findFirst().orElse("/");
        if (!folder.startsWith("/") || folder.contains("..")
                || (!folder.equals("/") && Cms.runtime().content().get(AssetNodes.WORKSPACE, folder).isEmpty())) {
            folder = "/";
        }
        removeAll();
        add(new MediaBrowser(Cms.media(), folder, getLocale(), path -> getUI().ifPresent(ui ->
                ui.navigate(MediaView.class, QueryParameters.simple(Map.of("folder", path))))));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("media.title") + " – " + getTranslation("app.title");
    }
}
