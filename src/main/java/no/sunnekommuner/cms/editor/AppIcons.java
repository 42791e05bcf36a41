package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.Map;
import no.sunnekommuner.cms.definition.AppDefinition;

/** Maps Magnolia's app icon names ({@code icon-news}) to Vaadin icons. */
final class AppIcons {

    private static final Map<String, VaadinIcon> ICONS = Map.ofEntries(
            Map.entry("icon-news", VaadinIcon.NEWSPAPER),
            Map.entry("icon-favorites", VaadinIcon.STAR),
            Map.entry("icon-user-group", VaadinIcon.USERS),
            Map.entry("icon-add-user", VaadinIcon.USER_CHECK),
            Map.entry("icon-categories", VaadinIcon.TAGS),
            Map.entry("icon-calendar", VaadinIcon.CALENDAR),
            Map.entry("icon-content-app", VaadinIcon.FILE_TEXT_O),
            Map.entry("icon-files", VaadinIcon.FOLDER_O));

    private AppIcons() {
    }

    static VaadinIcon of(AppDefinition app) {
        return app.icon() == null ? VaadinIcon.FILE_TEXT_O : ICONS.getOrDefault(app.icon(), VaadinIcon.FILE_TEXT_O);
    }
}
