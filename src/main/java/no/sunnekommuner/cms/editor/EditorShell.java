package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.server.AppShellSettings;

/** The page around the editor: the stylesheet and the viewport. */
public class EditorShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setViewport("width=device-width, initial-scale=1");
        settings.addLink("stylesheet", "styles/editor.css");
    }
}
