package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.AccessPolicy;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentConflictException;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.ContentExistsException;
import no.sunnekommuner.cms.content.ContentReferencedException;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.validation.ValidationMode;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.VersionInfo;
import no.sunnekommuner.cms.content.validation.ValidationException;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.security.User;

/**
 * The detail sub-app: the generated form of one item with save, publish, unpublish, duplicate, delete, versions and
 * preview. A failed save keeps what was typed; leaving with unsaved changes asks first; a save based on an outdated
 * revision offers to reload instead of overwriting.
 */
@Route(value = "apps/:app/item", layout = MainLayout.class)
public class DetailView extends VerticalLayout implements BeforeEnterObserver, BeforeLeaveObserver, HasDynamicTitle {

    private final DateTimeFormatter when = DateTimeFormatter.ofPattern(Cms.runtime().editorDateFormat() + " HH:mm");

    private AppDefinition app;
    private ContentTypeDefinition type;
    private ContentForm form;
    private ContentItem item;
    private boolean dirty;
    private String title = "";
    private final Span status = new Span();

    public DetailView() {
        addClassName("detail");
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
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        String path = params.getOrDefault("path", List.of()).stream().findFirst().orElse(null);
        item = path == null ? null : content().get(type.workspace(), path).orElse(null);
        if (path != null && item == null) {
            Notification.show(getTranslation("error.notFound", path), 5000, Notification.Position.MIDDLE);
            event.forwardTo(BrowserView.class, new RouteParameters("app", app.name()));
            return;
        }
        build();
    }

    private ContentService content() {
        return Cms.runtime().content();
    }

    private void build() {
        removeAll();
        User user = CurrentUser.require();
        Labels labels = new Labels(Cms.runtime().definitions(), getLocale());
        title = item == null ? getTranslation("detail.new", labels.item(app, type)) : displayName(item);
        H1 heading = new H1(title);
        heading.setId("detail-title");
        form = new ContentForm(app, type, labels, content(), getLocale(), Cms.runtime().editorTimeZone(),
                Cms.runtime().editorDateFormat());
        form.read(item == null ? null : item.node());
        form.onChange(() -> dirty = true);
        dirty = false;

        Button save = new Button(getTranslation("action.save"), VaadinIcon.CHECK.create(), e -> save());
        save.setId("save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(com.vaadin.flow.component.Key.KEY_S, com.vaadin.flow.component.KeyModifier.CONTROL);
        Button publish = new Button(getTranslation("action.publish"), VaadinIcon.UPLOAD.create(), e -> publish());
        publish.setId("publish");
        publish.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        Button unpublish = new Button(getTranslation("action.unpublish"), VaadinIcon.DOWNLOAD.create(),
                e -> unpublish());
        unpublish.setId("unpublish");
        Button versions = new Button(getTranslation("action.versions"), VaadinIcon.TIME_BACKWARD.create(),
                e -> versions());
        versions.setId("versions");
        Button duplicate = new Button(getTranslation("action.duplicate"), VaadinIcon.COPY.create(), e -> duplicate());
        duplicate.setId("duplicate");
        Button preview = new Button(getTranslation("action.preview"), VaadinIcon.EYE.create(), e -> preview());
        preview.setId("preview");
        Button delete = new Button(getTranslation("action.delete"), VaadinIcon.TRASH.create(), e -> delete());
        delete.setId("delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        Button back = new Button(getTranslation("action.back"), VaadinIcon.ARROW_LEFT.create(),
                e -> UI.getCurrent().navigate(BrowserView.class, new RouteParameters("app", app.name())));
        back.setId("back");
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        boolean exists = item != null;
        // hidden when the access policy refuses them; the content service refuses them again if called anyway
        AccessPolicy policy = Cms.policy();
        Actor actor = user.actor();
        publish.setVisible(exists && policy.allows(actor, Permission.PUBLISH));
        unpublish.setVisible(exists && policy.allows(actor, Permission.UNPUBLISH));
        delete.setVisible(exists && policy.allows(actor, Permission.DELETE));
        versions.setVisible(exists);
        preview.setVisible(exists);
        duplicate.setVisible(exists && policy.allows(actor, Permission.CREATE));
        save.setVisible(policy.allows(actor, exists ? Permission.EDIT : Permission.CREATE));
        HorizontalLayout actions = new HorizontalLayout(back, save, publish, unpublish, duplicate, versions, preview,
                delete);
        actions.addClassName("actions");
        var applications = Cms.runtime().applications();
        if (applications != null && applications.isApplication(type)) {
            // an application is decided, never published: accept or decline instead of publish and duplicate
            publish.setVisible(false);
            unpublish.setVisible(false);
            duplicate.setVisible(false);
            if (exists) {
                actions.add(ApplicationActions.of(this, Cms.runtime().definitions().apps().values().stream()
                        .filter(a -> a.contentType().equals(applications.createdType().name())).findFirst().orElse(null), applications, item,
                        actor, policy, this::reload));
            }
        }
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        actions.setWrap(true);
        updateStatus();
        HorizontalLayout head = new HorizontalLayout(heading, status);
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(head, actions);
        if (exists) {
            // review and schedules: a component of its own, told back the item's new state
            add(new no.sunnekommuner.cms.editor.workflow.WorkflowPanel(content(), actor,
                    Cms.runtime().editorTimeZone(), getLocale(), item, changed -> {
                        item = changed;
                        build();
                    }));
        }
        add(form);
    }

    private void updateStatus() {
        no.sunnekommuner.cms.editor.workflow.StatusBadge.apply(status, item, this);
        status.setId("item-status");
    }

    private String displayName(ContentItem item) {
        String property = type.titleProperty();
        Object value = property == null ? null : item.node().property(property);
        return value == null ? item.name() : value.toString();
    }

    private void save() {
        form.clearErrors();
        Actor user = CurrentUser.actor();
        try {
            if (item == null) {
                ContentNode node = form.write(newName());
                // filed as the type says: a large news folder gets year/month folders (dateFolders)
                item = content().createFiled(type.workspace(), "/", node, user, ValidationMode.STRICT);
            } else {
                item = content().update(type.workspace(), item.path(), form.write(item.name()), item.revision(), user);
            }
            dirty = false;
            notify(getTranslation("detail.saved"), NotificationVariant.LUMO_SUCCESS);
            UI.getCurrent().navigate(DetailView.class, new RouteParameters("app", app.name()),
                    QueryParameters.simple(Map.of("path", item.path())));
        } catch (ValidationException e) {
            List<String> general = form.showViolations(e.violations());
            notify(getTranslation("detail.invalid") + (general.isEmpty() ? "" : " " + String.join("; ", general)),
                    NotificationVariant.LUMO_ERROR);
        } catch (ContentConflictException e) {
            ConfirmDialog conflict = new ConfirmDialog(getTranslation("conflict.title"),
                    getTranslation("conflict.message"), getTranslation("conflict.reload"), ev -> reload(),
                    getTranslation("conflict.keep"), ev -> { });
            conflict.setId("conflict-dialog");
            conflict.open();
        } catch (ContentExistsException e) {
            notify(getTranslation("error.exists"), NotificationVariant.LUMO_ERROR);
        } catch (AccessDeniedException e) {
            notify(getTranslation("error.forbidden"), NotificationVariant.LUMO_ERROR);
        } catch (ContentException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    private void reload() {
        item = content().get(type.workspace(), item.path()).orElse(null);
        build();
    }

    /** A node name from the title (æøå spelled out, lower case, hyphens), unique among the siblings. */
    private String newName() {
        String property = type.titleProperty();
        ContentNode draft = form.write("x");
        Object value = property == null ? null : draft.property(property);
        String base = slug(value == null ? "item" : value.toString());
        String name = base;
        for (int i = 2; content().get(type.workspace(), "/" + name).isPresent(); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replace("æ", "ae").replace("ø", "o").replace("å", "a");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.length() > 60) {
            s = s.substring(0, 60).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "item" : s;
    }

    private void publish() {
        if (item == null) {
            return;
        }
        if (dirty) {
            notify(getTranslation("detail.saveFirst"), NotificationVariant.LUMO_CONTRAST);
            return;
        }
        try {
            item = content().publish(type.workspace(), item.path(), CurrentUser.actor());
            updateStatus();
            notify(getTranslation("detail.published"), NotificationVariant.LUMO_SUCCESS);
        } catch (ValidationException e) {
            // what the public must not see yet (an image without alternative text): shown at the fields
            form.clearErrors();
            form.showViolations(e.violations());
            notify(getTranslation("detail.notPublished") + " " + String.join("; ", e.violations().stream()
                    .map(v -> v.message(getLocale())).toList()), NotificationVariant.LUMO_ERROR);
        } catch (AccessDeniedException e) {
            notify(getTranslation("error.forbidden"), NotificationVariant.LUMO_ERROR);
        } catch (ContentException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    private void unpublish() {
        if (item == null) {
            return;
        }
        try {
            item = content().unpublish(type.workspace(), item.path(), CurrentUser.actor());
            updateStatus();
            notify(getTranslation("detail.unpublished"), NotificationVariant.LUMO_SUCCESS);
        } catch (AccessDeniedException e) {
            notify(getTranslation("error.forbidden"), NotificationVariant.LUMO_ERROR);
        }
    }

    private void duplicate() {
        if (item == null) {
            return;
        }
        String name = item.name() + "-kopi";
        for (int i = 2; content().get(type.workspace(), parentOf(item.path()) + "/" + name).isPresent(); i++) {
            name = item.name() + "-kopi-" + i;
        }
        ContentNode copy = item.node().toBuilder().identifier(null).build();
        copy = new ContentNode(name, copy.nodeType(), null, copy.properties(), stripIds(copy));
        try {
            ContentItem created = content().createFiled(type.workspace(), parentOf(item.path()), copy,
                    CurrentUser.actor(), ValidationMode.STRICT);
            UI.getCurrent().navigate(DetailView.class, new RouteParameters("app", app.name()),
                    QueryParameters.simple(Map.of("path", created.path())));
            notify(getTranslation("detail.duplicated"), NotificationVariant.LUMO_SUCCESS);
        } catch (AccessDeniedException e) {
            notify(getTranslation("error.forbidden"), NotificationVariant.LUMO_ERROR);
        } catch (ContentException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    private static com.google.common.collect.ImmutableMap<String, ContentNode> stripIds(ContentNode node) {
        com.google.common.collect.ImmutableMap.Builder<String, ContentNode> out =
                com.google.common.collect.ImmutableMap.builder();
        node.children().forEach((k, c) -> out.put(k, new ContentNode(c.name(), c.nodeType(), null, c.properties(),
                stripIds(c))));
        return out.build();
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private void delete() {
        if (item == null) {
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("confirm.delete.title"),
                getTranslation("confirm.delete.one", displayName(item)), getTranslation("action.delete"), e -> {
                    try {
                        content().delete(type.workspace(), item.path(), CurrentUser.actor());
                        dirty = false;
                        notify(getTranslation("detail.deleted"), NotificationVariant.LUMO_SUCCESS);
                        UI.getCurrent().navigate(BrowserView.class, new RouteParameters("app", app.name()));
                    } catch (ContentReferencedException ex) {
                        notify(getTranslation("error.referencedBy", String.join(", ", ex.referrers())),
                                NotificationVariant.LUMO_ERROR);
                    } catch (AccessDeniedException ex) {
                        notify(getTranslation("error.forbidden"), NotificationVariant.LUMO_ERROR);
                    }
                }, getTranslation("action.cancel"), e -> { });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setId("delete-dialog");
        confirm.open();
    }

    private void versions() {
        Labels labels = new Labels(Cms.runtime().definitions(), getLocale());
        new no.sunnekommuner.cms.editor.history.HistoryDialog(content(), CurrentUser.actor(), item,
                Cms.runtime().editorTimeZone(), property -> fieldLabel(labels, property), restored -> {
                    item = restored;
                    build();
                }).open();
    }

    /** The form's label of a property, {@code submodel.property} for sub-model values. */
    private String fieldLabel(Labels labels, String property) {
        int dot = property.indexOf('.');
        if (dot < 0) {
            return type.property(property).map(p -> labels.property(app, p)).orElse(property);
        }
        var parent = type.property(property.substring(0, dot));
        var inner = parent.flatMap(p -> type.subModel(p.type().target()))
                .flatMap(sm -> sm.properties().stream().filter(q -> q.name().equals(property.substring(dot + 1)))
                        .findFirst());
        return parent.isPresent() && inner.isPresent() ? labels.property(app, parent.get()) + " – "
                + labels.subProperty(app, parent.get(), inner.get()) : property;
    }

    private void preview() {
        if (Cms.runtime().workflow().previews().has(app.name())) {
            PreviewDialog.open(app.name(), item); // the website's page, with a token, in every language
            return;
        }
        String endpoint = Cms.runtime().definitions().endpoints().values().stream()
                .filter(e -> e.workspace().equals(type.workspace()) && e.isDelivery())
                .map(e -> "preview" + e.endpointPath().substring("delivery".length())).findFirst().orElse(null);
        if (endpoint == null) {
            notify(getTranslation("error.noPreview"), NotificationVariant.LUMO_CONTRAST);
            return;
        }
        UI.getCurrent().getPage().open("/.rest/" + endpoint + item.path() + "?lang=" + getLocale().getLanguage(),
                "_blank");
    }

    private void notify(String text, NotificationVariant variant) {
        Notification n = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
    }

    @Override
    public void beforeLeave(BeforeLeaveEvent event) {
        if (!dirty) {
            return;
        }
        BeforeLeaveEvent.ContinueNavigationAction action = event.postpone();
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("leave.title"), getTranslation("leave.message"),
                getTranslation("leave.discard"), e -> {
                    dirty = false;
                    action.proceed();
                }, getTranslation("leave.stay"), e -> { });
        confirm.setId("leave-dialog");
        confirm.open();
    }

    @Override
    public String getPageTitle() {
        return title + " – " + getTranslation("app.title");
    }
}
