package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.WorkflowState;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;

/**
 * The task list: for publishers the items submitted for review (who asked, when, the comment), for authors their
 * items a publisher sent back (with the reason). A row opens the item, where it is approved, rejected or fixed.
 */
@Route(value = "tasks", layout = MainLayout.class)
public class TasksView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    public TasksView() {
        addClassName("tasks");
        setId("tasks-view");
        add(new H1(getTranslation("tasks.title")));
        Actor actor = CurrentUser.actor();
        List<ContentItem> tasks = Cms.runtime().content().tasks(actor);
        if (tasks.isEmpty()) {
            Span none = new Span(getTranslation("tasks.none"));
            none.setId("tasks-none");
            add(none);
            return;
        }
        Labels labels = new Labels(Cms.runtime().definitions(), getLocale());
        var zone = Cms.runtime().editorTimeZone();
        Grid<ContentItem> grid = new Grid<>();
        grid.setId("task-grid");
        grid.addColumn(this::title).setHeader(getTranslation("tasks.item")).setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(i -> appOf(i, actor).map(labels::app).orElse(i.workspace()))
                .setHeader(getTranslation("tasks.app")).setAutoWidth(true);
        grid.addColumn(i -> i.workflow().review() == WorkflowState.Review.REJECTED
                ? getTranslation("tasks.state.rejected", i.workflow().decisionBy())
                : getTranslation("tasks.state.inReview")).setHeader(getTranslation("tasks.state")).setAutoWidth(true);
        grid.addColumn(i -> i.workflow().requestedBy()).setHeader(getTranslation("tasks.by")).setAutoWidth(true);
        grid.addColumn(i -> i.workflow().requestedAt() == null ? "" : WHEN.format(i.workflow().requestedAt()
                .atZone(zone))).setHeader(getTranslation("tasks.when")).setAutoWidth(true);
        grid.addColumn(i -> i.workflow().review() == WorkflowState.Review.REJECTED ? i.workflow().decision()
                : i.workflow().comment()).setHeader(getTranslation("tasks.comment")).setFlexGrow(2);
        grid.setItems(tasks);
        grid.setAllRowsVisible(true);
        grid.addItemClickListener(e -> appOf(e.getItem(), actor).ifPresent(app -> getUI().ifPresent(ui ->
                ui.navigate(DetailView.class, new RouteParameters("app", app.name()),
                        QueryParameters.simple(Map.of("path", e.getItem().path()))))));
        add(grid);
    }

    private String title(ContentItem item) {
        Optional<ContentTypeDefinition> type = Cms.runtime().definitions().contentTypeOfWorkspace(item.workspace());
        Object value = type.map(ContentTypeDefinition::titleProperty).map(p -> item.node().property(p)).orElse(null);
        return value == null ? item.name() : value.toString();
    }

    /** The first app the actor may open that shows the item's workspace. */
    private static Optional<AppDefinition> appOf(ContentItem item, Actor actor) {
        return Cms.access().apps(actor).stream().filter(a -> Cms.runtime().definitions().contentType(a.contentType())
                .map(ContentTypeDefinition::workspace).filter(item.workspace()::equals).isPresent()).findFirst();
    }

    /** The launcher's tile of the task list, with how many tasks wait for this user. */
    static Div tile(LauncherView launcher) {
        Div tile = new Div();
        tile.addClassName("tile");
        tile.setId("app-tasks");
        tile.getElement().setAttribute("role", "link");
        tile.getElement().setAttribute("tabindex", "0");
        var icon = VaadinIcon.TASKS.create();
        icon.addClassName("tile-icon");
        int count = Cms.runtime().content().tasks(CurrentUser.actor()).size();
        Span items = new Span(launcher.getTranslation("launcher.tasks.count", count));
        items.addClassName("tile-count");
        items.setId("task-count");
        tile.add(icon, new H2(launcher.getTranslation("launcher.tasks")), items);
        Runnable open = () -> launcher.getUI().ifPresent(ui -> ui.navigate(TasksView.class));
        tile.addClickListener(e -> open.run());
        tile.getElement().addEventListener("keydown", e -> open.run())
                .setFilter("event.key === 'Enter' || event.key === ' '");
        return tile;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("tasks.title") + " – " + getTranslation("app.title");
    }
}
