package no.sunnekommuner.cms.editor.workflow;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ItemBadge;

/** The status pill of an item (grid and detail view): draft, in review, scheduled, published, changed since. */
public final class StatusBadge {

    private StatusBadge() {
    }

    /** Sets a span's text and theme to the item's status ({@code null}: a new item not saved yet). */
    public static Span apply(Span badge, ContentItem item, Component translator) {
        badge.getElement().getThemeList().clear();
        badge.getElement().getThemeList().add("badge pill");
        if (item == null) {
            badge.setText(translator.getTranslation("status.new"));
            return badge;
        }
        ItemBadge status = ItemBadge.of(item);
        badge.setText(translator.getTranslation("status." + status.key()));
        badge.getElement().getThemeList().add(switch (status) {
            case PUBLISHED -> "success";
            case MODIFIED, IN_REVIEW -> "contrast";
            case SCHEDULED -> "primary";
            case DRAFT -> "primary";
        });
        badge.getElement().setAttribute("data-status", status.key());
        return badge;
    }
}
