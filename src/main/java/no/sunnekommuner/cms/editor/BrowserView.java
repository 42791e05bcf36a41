package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.AccessPolicy;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.content.ContentReferencedException;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.model.PublicationStatus;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.ColumnDefinition;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.PropertyType;
import no.sunnekommuner.cms.security.User;

/**
 * The browser sub-app of an app: a lazily loaded grid of the content type's items with search, a status filter,
 * sorting, status badges and bulk publish / unpublish / delete.
 */
@Route(value = "apps/:app", layout = MainLayout.class)
public class BrowserView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final DateTimeFormatter date = DateTimeFormatter.ofPattern(Cms.runtime().editorDateFormat())
            .withZone(Cms.runtime().editorTimeZone());

    private final Grid<ContentItem> grid = new Grid<>();
    private final TextField search = new TextField();
    private final Select<PublicationStatus> status = new Select<>();
    private AppDefinition app;
    private ContentTypeDefinition type;
    private Labels labels;
    private String title = "";

    public BrowserView() {
        addClassName("browser");
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String name = event.getRouteParameters().get("app").orElse("");
        app = Cms.runtime().definitions().app(name).orElse(null);
        // AccessGuard refuses an app the user may not open before this; asked again so the view never relies on it
        if (app == null || !Cms.policy().mayOpen(CurrentUser.actor(), app)) {
            event.forwardTo(LauncherView.class);
            return;
        }
        type = Cms.runtime().definitions().contentType(app.contentType()).orElseThrow();
        labels = new Labels(Cms.runtime().definitions(), getLocale());
        removeAll();
        build();
    }

    private void build() {
        User user = CurrentUser.require();
        title = labels.app(app);
        H1 heading = new H1(title);

        search.setPlaceholder(getTranslation("browser.search"));
        search.setAriaLabel(getTranslation("browser.search"));
        search.setId("search");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        status.setLabel(getTranslation("browser.status"));
        status.setId("status-filter");
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(getTranslation("browser.status.all"));
        status.setItems(PublicationStatus.values());
        status.setItemLabelGenerator(s -> s == null ? getTranslation("browser.status.all")
                : getTranslation("status." + s.stored()));
        status.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        Button add = new Button(getTranslation("browser.add"), VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(DetailView.class, new RouteParameters("app", app.name()),
                        QueryParameters.simple(Map.of("new", "1")))));
        add.setId("add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button publish = new Button(getTranslation("action.publish"), VaadinIcon.UPLOAD.create(),
                e -> bulk(BulkAction.PUBLISH));
        publish.setId("bulk-publish");
        Button unpublish = new Button(getTranslation("action.unpublish"), VaadinIcon.DOWNLOAD.create(),
                e -> bulk(BulkAction.UNPUBLISH));
        unpublish.setId("bulk-unpublish");
        Button delete = new Button(getTranslation("action.delete"), VaadinIcon.TRASH.create(), e -> bulk(BulkAction.DELETE));
        delete.setId("bulk-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        Button submit = new Button(getTranslation("workflow.submit"), VaadinIcon.PAPERPLANE.create(),
                e -> submitSelected());
        submit.setId("bulk-submit");
        submit.setVisible(Cms.policy().allows(user.actor(), Permission.SUBMIT));
        // hidden when the policy refuses them; the content service refuses them again if called anyway
        AccessPolicy policy = Cms.policy();
        add.setVisible(policy.allows(user.actor(), Permission.CREATE));
        publish.setVisible(policy.allows(user.actor(), BulkAction.PUBLISH.permission()));
        unpublish.setVisible(policy.allows(user.actor(), BulkAction.UNPUBLISH.permission()));
        delete.setVisible(policy.allows(user.actor(), BulkAction.DELETE.permission()));
        for (Button b : List.of(publish, unpublish, delete, submit)) {
            b.setEnabled(false);
        }

        HorizontalLayout toolbar = new HorizontalLayout(search, status, add, submit, publish, unpublish, delete);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWidthFull();
        toolbar.expand(search);
        toolbar.addClassName("toolbar");

        grid.removeAllColumns();
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addSelectionListener(e -> {
            boolean any = !e.getAllSelectedItems().isEmpty();
            publish.setEnabled(any);
            submit.setEnabled(any);
            unpublish.setEnabled(any);
            delete.setEnabled(any);
        });
        for (String column : columns()) {
            PropertyDefinition p = type.property(column).orElse(null);
            Grid.Column<ContentItem> c = grid.addColumn(item -> cell(item, column))
                    .setHeader(labels.column(app, column)).setKey(column).setAutoWidth(true).setResizable(true);
            if (p != null && p.type().isSimple() && !p.multiple()) {
                c.setSortable(true).setSortProperty(column);
            }
        }
        grid.addComponentColumn(this::badge).setHeader(getTranslation("browser.status")).setKey("status")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(this::scheduleCell).setHeader(getTranslation("status.scheduled")).setKey("schedule")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(item -> item.lastModified() == null ? "" : date.format(item.lastModified()))
                .setHeader(getTranslation("browser.modified")).setKey("mgnl:lastModified").setSortable(true)
                .setSortProperty("mgnl:lastModified").setAutoWidth(true).setFlexGrow(0);
        grid.setItems(query -> list(query.getOffset(), query.getLimit(), query.getSortOrders()).items().stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, list(0, 1, List.of()).total()));
        grid.addItemClickListener(e -> {
            if (e.getColumn() != null) {
                open(e.getItem());
            }
        });
        grid.addItemDoubleClickListener(e -> open(e.getItem()));
        grid.setId("item-grid"); // not "items": vaadin-grid uses that id inside its shadow DOM
        grid.setAriaLabel(title);
        grid.setSizeFull();
        grid.addClassName("items-grid");
        add(heading, toolbar, grid);
        expand(grid);
    }

    private List<String> columns() {
        List<String> out = new ArrayList<>();
        for (ColumnDefinition c : app.columns()) {
            out.add(c.propertyName());
        }
        if (out.isEmpty()) {
            String titleProperty = type.titleProperty();
            if (titleProperty != null) {
                out.add(titleProperty);
            }
            type.properties().stream().filter(p -> p.type().kind() == PropertyType.Kind.DATE).findFirst()
                    .ifPresent(p -> out.add(p.name()));
        }
        return out;
    }

    private no.sunnekommuner.cms.content.model.ContentPage list(int offset, int limit,
            List<com.vaadin.flow.data.provider.QuerySortOrder> sort) {
        String orderBy = null;
        boolean ascending = true;
        if (!sort.isEmpty()) {
            orderBy = sort.get(0).getSorted();
            ascending = sort.get(0).getDirection() == SortDirection.ASCENDING;
        }
        return Cms.runtime().content().list(new ContentQuery(type.name(), search.getValue(), status.getValue(),
                orderBy, ascending, offset, limit));
    }

    private String cell(ContentItem item, String column) {
        Object value = item.node().property(column);
        String language = getLocale().getLanguage();
        if (!language.equals(Cms.runtime().content().locales().defaultLanguage())) {
            Object translated = item.node().property(Cms.runtime().content().locales().storedName(column, language));
            if (translated != null && !Values.isEmpty(translated)) {
                value = translated;
            }
        }
        if (value == null && column.equals(type.titleProperty())) {
            return item.name();
        }
        if (value instanceof java.time.OffsetDateTime d) {
            return date.format(d);
        }
        if (value instanceof Boolean b) {
            return b ? "✓" : "";
        }
        PropertyDefinition p = type.property(column).orElse(null);
        if (p != null && p.hasOptions() && value != null) {
            Object selected = value;
            return p.options().stream().filter(o -> o.value().equals(selected)).findFirst()
                    .map(o -> labels.option(app, p, o)).orElse(value.toString());
        }
        return value == null ? "" : value instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf)
                .toList()) : value.toString();
    }

    /** Planned publish (↑) and unpublish (↓) times in the editor's time zone. */
    private String scheduleCell(ContentItem item) {
        var w = item.workflow();
        var zone = Cms.runtime().editorTimeZone();
        java.time.format.DateTimeFormatter when = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
        StringBuilder s = new StringBuilder();
        if (w.publishAt() != null) {
            s.append("↑ ").append(when.format(w.publishAt().atZone(zone)));
        }
        if (w.unpublishAt() != null) {
            s.append(s.length() > 0 ? "  " : "").append("↓ ").append(when.format(w.unpublishAt().atZone(zone)));
        }
        return s.toString();
    }

    private Span badge(ContentItem item) {
        Span badge = no.sunnekommuner.cms.editor.workflow.StatusBadge.apply(new Span(), item, this);
        badge.addClassName("status-" + item.status().stored());
        return badge;
    }

    private void open(ContentItem item) {
        getUI().ifPresent(ui -> ui.navigate(DetailView.class, new RouteParameters("app", app.name()),
                QueryParameters.simple(Map.of("path", item.path()))));
    }

    /** Submits the selected items for review with one comment (asked in a dialog). */
    private void submitSelected() {
        List<ContentItem> selected = new ArrayList<>(grid.getSelectedItems());
        if (selected.isEmpty()) {
            return;
        }
        com.vaadin.flow.component.dialog.Dialog dialog = new com.vaadin.flow.component.dialog.Dialog();
        dialog.setId("bulk-submit-dialog");
        dialog.setHeaderTitle(getTranslation("workflow.submit"));
        com.vaadin.flow.component.textfield.TextArea comment =
                new com.vaadin.flow.component.textfield.TextArea(getTranslation("workflow.comment"));
        comment.setId("bulk-review-comment");
        comment.setMaxLength(2000);
        comment.setWidth("28em");
        dialog.add(comment);
        Button send = new Button(getTranslation("workflow.submit"), e -> {
            Actor user = CurrentUser.actor();
            int done = 0;
            List<String> failed = new ArrayList<>();
            for (ContentItem item : selected) {
                try {
                    Cms.runtime().content().submitForReview(item.workspace(), item.path(), comment.getValue(), user);
                    done++;
                } catch (AccessDeniedException ex) {
                    failed.add(item.name() + ": " + getTranslation("error.forbidden"));
                } catch (ContentException ex) {
                    failed.add(item.name() + ": " + ex.getMessage());
                }
            }
            dialog.close();
            grid.deselectAll();
            grid.getDataProvider().refreshAll();
            Notification n = Notification.show(getTranslation("workflow.submitted") + " (" + done + ")"
                    + (failed.isEmpty() ? "" : " " + String.join("; ", failed)), 6000, Notification.Position.BOTTOM_START);
            n.addThemeVariants(failed.isEmpty() ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
        });
        send.setId("bulk-submit-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), send);
        dialog.open();
    }

    private void bulk(BulkAction action) {
        List<ContentItem> selected = new ArrayList<>(grid.getSelectedItems());
        if (selected.isEmpty()) {
            return;
        }
        Runnable run = () -> {
            ContentService content = Cms.runtime().content();
            Actor user = CurrentUser.actor();
            int done = 0;
            List<String> failed = new ArrayList<>();
            for (ContentItem item : selected) {
                try {
                    action.apply(content, item, user);
                    done++;
                } catch (ContentReferencedException e) {
                    failed.add(item.name() + ": " + getTranslation("error.referenced", e.referrers().size()));
                } catch (AccessDeniedException e) {
                    failed.add(item.name() + ": " + getTranslation("error.forbidden"));
                } catch (no.sunnekommuner.cms.content.validation.ValidationException e) {
                    // e.g. publishing an article whose image has no alternative text: the rule's own words
                    failed.add(item.name() + ": " + String.join("; ", e.violations().stream()
                            .map(v -> v.message(getLocale())).toList()));
                } catch (ContentException e) {
                    failed.add(item.name() + ": " + e.getMessage());
                }
            }
            grid.deselectAll();
            grid.getDataProvider().refreshAll();
            Notification n = Notification.show(getTranslation("bulk." + action.id() + ".done", done)
                    + (failed.isEmpty() ? "" : " " + String.join("; ", failed)), 6000, Notification.Position.BOTTOM_START);
            n.addThemeVariants(failed.isEmpty() ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
        };
        if (action == BulkAction.DELETE) {
            ConfirmDialog confirm = new ConfirmDialog(getTranslation("confirm.delete.title"),
                    getTranslation("confirm.delete.many", selected.size()), getTranslation("action.delete"),
                    e -> run.run(), getTranslation("action.cancel"), e -> { });
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        } else {
            run.run();
        }
    }

    @Override
    public String getPageTitle() {
        return title + " – " + getTranslation("app.title");
    }

}
