package no.sunnekommuner.cms.editor.media;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.ContentConflictException;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.ContentReferencedException;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.content.media.AssetNodes;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.PublicationStatus;
import no.sunnekommuner.cms.content.model.Values;

/**
 * One asset in the media app: its picture with the focal point (set by a click), its metadata (title, caption,
 * alternative text per language, description, credit, subjects) bound to the stored values, replacing its file,
 * where it is used, and publish, unpublish and delete (refused while the asset is used).
 */
final class AssetDialog extends Dialog {

    private final MediaTools tools;
    private final Runnable changed;
    private final String language;
    private ContentItem asset;
    private Binder<Metadata> binder = new Binder<>();
    private Double focalX;
    private Double focalY;
    private boolean focalChanged;

    /** The editable values by stored name (text; subjects as one comma-separated text). */
    static final class Metadata {
        private final Map<String, String> values = new HashMap<>();

        String get(String name) {
            return values.getOrDefault(name, "");
        }

        void set(String name, String value) {
            values.put(name, value);
        }
    }

    AssetDialog(MediaTools tools, ContentItem asset, Locale locale, Runnable changed) {
        this.tools = tools;
        this.asset = asset;
        this.changed = changed;
        this.language = locale.getLanguage();
        setId("asset-dialog");
        setWidth("min(1100px, 96vw)");
        build();
    }

    private void build() {
        removeAll();
        getFooter().removeAll();
        binder = new Binder<>();
        setHeaderTitle(tools.label(asset, language));
        focalX = number(asset.node().property(AssetNodes.FOCAL_X));
        focalY = number(asset.node().property(AssetNodes.FOCAL_Y));
        focalChanged = false;

        VerticalLayout left = new VerticalLayout();
        left.setPadding(false);
        left.addClassName("asset-left");
        if (AssetThumbnails.isImage(asset)) {
            tools.thumbnails().resource(asset, AssetThumbnails.PREVIEW).ifPresent(picture -> {
                H3 focal = new H3(getTranslation("media.focal"));
                left.add(focal, new FocalPointPicker(picture, tools.label(asset, language),
                        focalX == null ? 0.5 : focalX, focalY == null ? 0.5 : focalY, (x, y) -> {
                            focalX = x;
                            focalY = y;
                            focalChanged = true;
                        }));
            });
        }
        Span info = new Span(fileInfo());
        info.setId("asset-file-info");
        info.addClassName("asset-file-info");
        left.add(info);
        if (tools.may(Permission.EDIT)) {
            left.add(new UploadArea("asset-replace", false, tools.library().limits(),
                    (name, bytes) -> tools.library().replaceFile(tools.actor().get(), asset.path(), name, bytes,
                            asset.revision()), replaced -> {
                                asset = replaced;
                                notify(getTranslation("media.replaced"), NotificationVariant.LUMO_SUCCESS);
                                changed.run();
                                build();
                            }));
        }
        left.add(whereUsed());

        FormLayout form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("520px", 2));
        form.addClassName("asset-form");
        for (String lang : tools.content().locales().languages()) {
            form.add(text(AssetNodes.TITLE, "media.titleField", lang, false));
        }
        for (String lang : tools.content().locales().languages()) {
            TextArea alt = (TextArea) text(AssetNodes.ALT_TEXT, "media.altText", lang, true);
            alt.setHelperText(getTranslation("media.altText.help"));
            form.add(alt);
        }
        for (String lang : tools.content().locales().languages()) {
            form.add(text(AssetNodes.CAPTION, "media.caption", lang, true));
        }
        Component description = text(AssetNodes.DESCRIPTION, "media.description", null, true);
        form.add(description, 2);
        form.add(text(AssetNodes.COPYRIGHT, "media.copyright", null, false));
        TextField subject = (TextField) text(AssetNodes.SUBJECT, "media.subject", null, false);
        subject.setHelperText(getTranslation("media.subject.help"));
        form.add(subject);
        binder.readBean(read());
        binder.setReadOnly(!tools.may(Permission.EDIT));

        HorizontalLayout body = new HorizontalLayout(left, form);
        body.setWidthFull();
        body.addClassName("asset-body");
        body.setFlexGrow(1, form);
        add(body);
        footer();
    }

    private void footer() {
        Button close = new Button(getTranslation("action.close"), e -> close());
        close.setId("asset-close");
        Button save = new Button(getTranslation("action.save"), VaadinIcon.CHECK.create(), e -> {
            if (save()) {
                notify(getTranslation("media.saved"), NotificationVariant.LUMO_SUCCESS);
            }
        });
        save.setId("asset-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setVisible(tools.may(Permission.EDIT));
        Button publish = new Button(getTranslation("action.publish"), VaadinIcon.UPLOAD.create(), e -> publish());
        publish.setId("asset-publish");
        publish.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        publish.setVisible(tools.may(Permission.PUBLISH));
        Button unpublish = new Button(getTranslation("action.unpublish"), VaadinIcon.DOWNLOAD.create(),
                e -> unpublish());
        unpublish.setId("asset-unpublish");
        unpublish.setVisible(tools.may(Permission.UNPUBLISH) && asset.status() != PublicationStatus.DRAFT);
        Button delete = new Button(getTranslation("action.delete"), VaadinIcon.TRASH.create(), e -> delete());
        delete.setId("asset-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.setVisible(tools.may(Permission.DELETE));
        Span status = no.sunnekommuner.cms.editor.workflow.StatusBadge.apply(new Span(), asset, this);
        status.setId("asset-status");
        getFooter().add(status, delete, close, unpublish, publish, save);
    }

    private Component text(String property, String labelKey, String lang, boolean area) {
        String stored = lang == null ? property : tools.content().locales().storedName(property, lang);
        String label = getTranslation(labelKey) + (lang == null ? ""
                : " (" + Locale.forLanguageTag(lang).getDisplayLanguage(getLocale()) + ")");
        String id = "asset-" + property.toLowerCase(Locale.ROOT) + (lang == null ? "" : "-" + lang);
        if (area) {
            TextArea field = new TextArea(label);
            field.setId(id);
            field.setMaxLength(2000);
            binder.forField(field).bind(m -> m.get(stored), (m, v) -> m.set(stored, v));
            return field;
        }
        TextField field = new TextField(label);
        field.setId(id);
        field.setMaxLength(500);
        binder.forField(field).bind(m -> m.get(stored), (m, v) -> m.set(stored, v));
        return field;
    }

    private Metadata read() {
        Metadata m = new Metadata();
        ContentNode node = asset.node();
        for (String name : node.properties().keySet()) {
            Object v = node.property(name);
            if (name.equals(AssetNodes.SUBJECT)) {
                m.set(name, v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
                        : Values.isEmpty(v) ? "" : Values.asText(v));
            } else if (v instanceof String s) {
                m.set(name, s);
            }
        }
        return m;
    }

    /** Writes the form and the focal point; false (with a message) when the service refused. */
    private boolean save() {
        Metadata m = new Metadata();
        binder.writeBeanAsDraft(m);
        Map<String, Object> changes = new HashMap<>();
        Metadata stored = read();
        m.values.forEach((name, value) -> {
            if (value.equals(stored.get(name))) {
                return;
            }
            String text = value.strip();
            if (name.equals(AssetNodes.SUBJECT)) {
                List<String> tags = Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                        .toList();
                changes.put(name, tags.isEmpty() ? null : new ArrayList<>(tags));
            } else {
                changes.put(name, text.isEmpty() ? null : text);
            }
        });
        if (focalChanged) {
            changes.put(AssetNodes.FOCAL_X, focalX);
            changes.put(AssetNodes.FOCAL_Y, focalY);
        }
        if (changes.isEmpty()) {
            return true;
        }
        try {
            asset = tools.library().describe(tools.actor().get(), asset.path(), changes, asset.revision());
            changed.run();
            build();
            return true;
        } catch (ContentConflictException e) {
            notify(getTranslation("conflict.message"), NotificationVariant.LUMO_ERROR);
        } catch (AccessDeniedException e) {
            notify(getTranslation("error.forbidden"), NotificationVariant.LUMO_ERROR);
        } catch (ContentException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
        return false;
    }

    private void publish() {
        if (!save()) {
            return; // what was typed stays in the form
        }
        try {
            asset = tools.content().publish(AssetNodes.WORKSPACE, asset.path(), tools.actor().get());
            notify(getTranslation("detail.published"), NotificationVariant.LUMO_SUCCESS);
            changed.run();
            build();
        } catch (AccessDeniedException e) {
            notify(getTranslation("error.forbidden"), NotificationVariant.LUMO_ERROR);
        } catch (ContentException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    private void unpublish() {
        try {
            asset = tools.content().unpublish(AssetNodes.WORKSPACE, asset.path(), tools.actor().get());
            notify(getTranslation("detail.unpublished"), NotificationVariant.LUMO_SUCCESS);
            changed.run();
            build();
        } catch (ContentReferencedException e) {
            notify(getTranslation("media.unpublishRefused", String.join(", ", e.referrers())),
                    NotificationVariant.LUMO_ERROR);
        } catch (AccessDeniedException e) {
            notify(getTranslation("error.forbidden"), NotificationVariant.LUMO_ERROR);
        }
    }

    private void delete() {
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("confirm.delete.title"),
                getTranslation("media.deleteConfirm", tools.label(asset, language)), getTranslation("action.delete"),
                e -> {
                    try {
                        tools.content().delete(AssetNodes.WORKSPACE, asset.path(), tools.actor().get());
                        notify(getTranslation("media.deleted"), NotificationVariant.LUMO_SUCCESS);
                        changed.run();
                        close();
                    } catch (ContentReferencedException ex) {
                        // the service refuses while content uses the asset; the titles say where
                        notify(getTranslation("media.deleteRefused", String.join(", ", tools.uses(asset).stream()
                                .map(MediaTools.Use::title).toList())), NotificationVariant.LUMO_ERROR);
                    } catch (AccessDeniedException ex) {
                        notify(getTranslation("error.forbidden"), NotificationVariant.LUMO_ERROR);
                    }
                }, getTranslation("action.cancel"), e -> { });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setId("asset-delete-dialog");
        confirm.open();
    }

    private Div whereUsed() {
        Div box = new Div();
        box.setId("where-used");
        box.addClassName("where-used");
        box.add(new H3(getTranslation("media.whereUsed")));
        List<MediaTools.Use> uses = tools.uses(asset);
        if (uses.isEmpty()) {
            box.add(new Span(getTranslation("media.whereUsed.none")));
            return box;
        }
        UnorderedList list = new UnorderedList();
        for (MediaTools.Use use : uses) {
            ListItem line = new ListItem();
            if (use.editorLink() != null) {
                line.add(new Anchor(use.editorLink(), use.title()));
            } else {
                line.add(new Span(use.title()));
            }
            Span where = new Span(" · " + use.reference());
            where.addClassName("where-used-ref");
            line.add(where);
            list.add(line);
        }
        box.add(list);
        return box;
    }

    private String fileInfo() {
        ContentNode resource = asset.node().children().get(AssetNodes.CONTENT);
        if (resource == null) {
            return "";
        }
        long kb = Math.max(1, Math.round(number(resource.property(AssetNodes.SIZE), 0) / 1024));
        String file = String.valueOf(resource.property(AssetNodes.FILE_NAME));
        return AssetThumbnails.isImage(asset)
                ? getTranslation("media.fileInfo", file, (long) number(resource.property(AssetNodes.WIDTH), 0),
                        (long) number(resource.property(AssetNodes.HEIGHT), 0), kb)
                : getTranslation("media.fileInfoDocument", file, kb);
    }

    private static Double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private static double number(Object v, double fallback) {
        return v instanceof Number n ? n.doubleValue() : fallback;
    }

    private void notify(String text, NotificationVariant variant) {
        Notification n = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
    }
}
