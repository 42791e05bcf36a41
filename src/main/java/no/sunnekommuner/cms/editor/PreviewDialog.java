package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.preview.PreviewLinks;

/**
 * "Forhåndsvis" of an app with a website preview template: the website's page of the draft in every content
 * language (a switch of links, each opening in a new tab), all with one short-lived preview token.
 */
final class PreviewDialog {

    private PreviewDialog() {
    }

    static void open(String app, ContentItem item) {
        UI ui = UI.getCurrent();
        PreviewLinks links = Cms.runtime().workflow().previews();
        String token = links.token(item);
        Dialog dialog = new Dialog();
        dialog.setId("preview-dialog");
        dialog.setHeaderTitle(ui.getTranslation("preview.title"));
        HorizontalLayout languages = new HorizontalLayout();
        for (String language : Cms.runtime().content().locales().languages()) {
            links.url(app, language, item, token).ifPresent(url -> {
                Anchor link = new Anchor(url, ui.getTranslation("preview.in",
                        java.util.Locale.forLanguageTag(language).getDisplayLanguage(ui.getLocale())));
                link.setTarget("_blank");
                link.getElement().setAttribute("rel", "noopener");
                link.setId("preview-link-" + language);
                languages.add(link);
            });
        }
        dialog.add(languages, new Paragraph(ui.getTranslation("preview.help",
                links.tokens().lifetime().toMinutes())));
        Button close = new Button(ui.getTranslation("action.close"), e -> dialog.close());
        dialog.getFooter().add(close);
        dialog.open();
    }
}
