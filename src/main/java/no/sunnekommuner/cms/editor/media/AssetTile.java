package no.sunnekommuner.cms.editor.media;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import no.sunnekommuner.cms.content.model.ContentItem;

/** One tile of the media grid: a folder (opens it) or an asset (its picture, name and status). */
final class AssetTile extends Div {

    AssetTile(MediaTools tools, ContentItem item, String language, Runnable open) {
        addClassName("media-tile");
        getElement().setAttribute("role", "button");
        getElement().setAttribute("tabindex", "0");
        getElement().setAttribute("data-path", item.path());
        Div picture = new Div();
        picture.addClassName("media-picture");
        String label;
        if (MediaTools.isFolder(item)) {
            addClassName("media-folder");
            picture.add(VaadinIcon.FOLDER_O.create());
            label = item.name();
        } else {
            label = tools.label(item, language);
            var resource = tools.thumbnails().resource(item, AssetThumbnails.TILE);
            if (resource.isPresent()) {
                Image image = new Image(resource.get(), label);
                image.getElement().setAttribute("loading", "lazy");
                picture.add(image);
            } else {
                picture.add(VaadinIcon.FILE_TEXT_O.create());
            }
        }
        Span name = new Span(label);
        name.addClassName("media-name");
        add(picture, name);
        if (MediaTools.isAsset(item)) {
            add(badge(item));
        }
        getElement().setAttribute("aria-label", label);
        addClickListener(e -> open.run());
        getElement().addEventListener("keydown", e -> open.run())
                .setFilter("event.key === 'Enter' || event.key === ' '");
    }

    private Span badge(ContentItem item) {
        Span badge = no.sunnekommuner.cms.editor.workflow.StatusBadge.apply(new Span(), item, this);
        badge.addClassName("media-status");
        return badge;
    }
}
