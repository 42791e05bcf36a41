package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.definition.AppDefinition;

/** The app launcher: one tile per app of the light modules, in their order, with how many items each holds. */
@Route(value = "", layout = MainLayout.class)
public class LauncherView extends VerticalLayout implements HasDynamicTitle {

    public LauncherView() {
        addClassName("launcher");
        Labels labels = new Labels(Cms.runtime().definitions(), getLocale());
        add(new H1(getTranslation("launcher.title")));
        Div tiles = new Div();
        tiles.addClassName("tiles");
        // only the apps the user may open (permissions.roles); AccessGuard refuses the others by address
        Cms.access().apps(CurrentUser.actor()).forEach(app -> tiles.add(tile(app, labels)));
        tiles.add(mediaTile());
        tiles.add(TasksView.tile(this)); // review requests (publishers) and rejections (authors)
        add(tiles);
    }

    private Div tile(AppDefinition app, Labels labels) {
        Div tile = new Div();
        tile.addClassName("tile");
        tile.setId("app-" + app.name());
        tile.getElement().setAttribute("role", "link");
        tile.getElement().setAttribute("tabindex", "0");
        var icon = AppIcons.of(app).create();
        icon.addClassName("tile-icon");
        H2 name = new H2(labels.app(app));
        long count = Cms.runtime().content().list(ContentQuery.all(app.contentType(), 0, 1)).total();
        Span items = new Span(getTranslation("launcher.items", count));
        items.addClassName("tile-count");
        tile.add(icon, name, items);
        Runnable open = () -> getUI().ifPresent(ui -> ui.navigate(BrowserView.class,
                new RouteParameters("app", app.name())));
        tile.addClickListener(e -> open.run());
        tile.getElement().addEventListener("keydown", e -> open.run())
                .setFilter("event.key === 'Enter' || event.key === ' '");
        return tile;
    }

    /** The media app: not an app of the light module (Magnolia's DAM module brings its own), open to all editors. */
    private Div mediaTile() {
        Div tile = new Div();
        tile.addClassName("tile");
        tile.setId("app-media");
        tile.getElement().setAttribute("role", "link");
        tile.getElement().setAttribute("tabindex", "0");
        var icon = com.vaadin.flow.component.icon.VaadinIcon.PICTURE.create();
        icon.addClassName("tile-icon");
        Span items = new Span(getTranslation("media.tile"));
        items.addClassName("tile-count");
        tile.add(icon, new H2(getTranslation("media.title")), items);
        Runnable open = () -> getUI().ifPresent(ui -> ui.navigate(MediaView.class));
        tile.addClickListener(e -> open.run());
        tile.getElement().addEventListener("keydown", e -> open.run())
                .setFilter("event.key === 'Enter' || event.key === ' '");
        return tile;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("launcher.title") + " – " + getTranslation("app.title");
    }

}
