package no.sunnekommuner.cms.editor.media;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.Locale;
import java.util.function.Consumer;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.content.model.ContentItem;

/** Choosing an asset for a field: search the whole library by name or title, pick a picture, or upload one. */
final class AssetPickerDialog extends Dialog {

    private final MediaTools tools;
    private final Locale locale;
    private final Consumer<ContentItem> chosen;
    private final Div tiles = new Div();
    private final TextField search = new TextField();

    AssetPickerDialog(MediaTools tools, Locale locale, Consumer<ContentItem> chosen) {
        this.tools = tools;
        this.locale = locale;
        this.chosen = chosen;
        setId("asset-picker-dialog");
        setHeaderTitle(getTranslation("media.pickTitle"));
        setWidth("min(1000px, 96vw)");
        search.setPlaceholder(getTranslation("media.search"));
        search.setAriaLabel(getTranslation("media.search"));
        search.setId("asset-picker-search");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setWidthFull();
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        tiles.setId("asset-picker-grid");
        tiles.addClassName("media-grid");
        add(search, tiles);
        if (tools.may(Permission.CREATE)) {
            // uploaded into the library's root; the media app moves and describes it later
            H3 upload = new H3(getTranslation("media.pickUpload"));
            upload.addClassName("asset-picker-upload-title");
            add(upload, new UploadArea("asset-picker-upload", false,
                    tools.library().limits(),
                    (name, bytes) -> tools.library().upload(tools.actor().get(), "/", name, bytes), this::choose));
        }
        Button cancel = new Button(getTranslation("action.cancel"), e -> close());
        cancel.setId("asset-picker-cancel");
        getFooter().add(cancel);
        refresh();
    }

    private void refresh() {
        tiles.removeAll();
        for (ContentItem asset : tools.search(search.getValue() == null ? "" : search.getValue())) {
            tiles.add(new AssetTile(tools, asset, locale.getLanguage(), () -> choose(asset)));
        }
        if (tiles.getChildren().findAny().isEmpty()) {
            tiles.add(new Span(getTranslation("media.noResults")));
        }
    }

    private void choose(ContentItem asset) {
        chosen.accept(asset);
        close();
    }
}
