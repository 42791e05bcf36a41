package no.sunnekommuner.cms.editor.media;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.Locale;
import java.util.Optional;
import no.sunnekommuner.cms.content.media.AssetNodes;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.Values;

/**
 * The field of a {@code type: asset} property ({@code damLinkField}): the chosen asset's picture and name, a
 * dialog to choose one (search, pictures, upload) and a button to clear it. The value is the asset's key
 * {@code jcr:<uuid>}, as Magnolia's damLinkField stores it; a key of an asset that is gone is shown as such and
 * kept until the editor changes it.
 */
public final class AssetPickerField extends CustomField<String> {

    private final MediaTools tools;
    private final Locale locale;
    private final Div picture = new Div();
    private final Span name = new Span();
    private final Span warning = new Span();
    private final Button clear;
    private String value;

    public AssetPickerField(MediaTools tools, String label, Locale locale) {
        this.tools = tools;
        this.locale = locale;
        setLabel(label);
        addClassName("asset-picker");
        picture.addClassName("asset-picker-picture");
        name.addClassName("asset-picker-name");
        warning.addClassName("asset-picker-warning");
        Button choose = new Button(getTranslation("media.pick"), VaadinIcon.PICTURE.create(), e -> open());
        choose.addClassName("asset-picker-choose");
        clear = new Button(getTranslation("media.clear"), VaadinIcon.CLOSE_SMALL.create(), e -> {
            value = null;
            show();
            updateValue();
        });
        clear.addClassName("asset-picker-clear");
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Div text = new Div(name, warning);
        text.addClassName("asset-picker-text");
        HorizontalLayout row = new HorizontalLayout(picture, text, choose, clear);
        row.setAlignItems(FlexComponent.Alignment.CENTER);
        add(row);
        show();
    }

    private void open() {
        new AssetPickerDialog(tools, locale, chosen -> {
            value = AssetNodes.KEY_PREFIX + chosen.id();
            show();
            updateValue();
        }).open();
    }

    @Override
    protected String generateModelValue() {
        return value;
    }

    @Override
    protected void setPresentationValue(String newValue) {
        value = newValue == null || newValue.isEmpty() ? null : newValue;
        show();
    }

    private void show() {
        picture.removeAll();
        warning.setText("");
        getElement().removeAttribute("data-asset");
        clear.setVisible(value != null && !isReadOnly());
        if (value == null) {
            name.setText(getTranslation("media.noAsset"));
            picture.add(VaadinIcon.PICTURE.create());
            return;
        }
        String id = AssetNodes.identifierOf(value);
        Optional<ContentItem> asset = id == null ? Optional.empty() : tools.library().byId(id);
        if (asset.isEmpty()) {
            name.setText(getTranslation("media.missingAsset", value));
            picture.add(VaadinIcon.WARNING.create());
            return;
        }
        String label = tools.label(asset.get(), locale.getLanguage());
        name.setText(label);
        getElement().setAttribute("data-asset", asset.get().path());
        tools.thumbnails().resource(asset.get(), AssetThumbnails.TILE).ifPresentOrElse(
                r -> picture.add(new Image(r, label)), () -> picture.add(VaadinIcon.FILE_TEXT_O.create()));
        if (Values.isEmpty(asset.get().node().property(AssetNodes.ALT_TEXT))) {
            warning.setText(getTranslation("media.noAltText"));
        }
    }
}
