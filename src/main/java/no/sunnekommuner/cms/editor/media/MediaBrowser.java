package no.sunnekommuner.cms.editor.media;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.content.model.ContentItem;

/**
 * The media app's page: the folders and assets of one folder as a grid of pictures, search by name or title
 * across folders, new folders, and an upload field taking several files by drag and drop.
 */
public final class MediaBrowser extends Composite<VerticalLayout> {

    private final MediaTools tools;
    private final String folder;
    private final Consumer<String> openFolder;
    private final Locale locale;
    private final Div tiles = new Div();
    private final TextField search = new TextField();

    /**
     * @param folder     the folder shown ({@code /} is the library's root)
     * @param openFolder opens another folder (the view navigates, so the address names the folder)
     */
    public MediaBrowser(MediaTools tools, String folder, Locale locale, Consumer<String> openFolder) {
        this.tools = tools;
        this.folder = folder;
        this.openFolder = openFolder;
        this.locale = locale;
        VerticalLayout root = getContent();
        root.addClassName("media");
        root.setSizeFull();
        root.add(new H1(getTranslation("media.title")), breadcrumbs(), toolbar());
        if (tools.may(Permission.CREATE)) {
            root.add(new UploadArea("media-upload", true, tools.library().limits(),
                    (name, bytes) -> tools.library().upload(tools.actor().get(), folder, name, bytes), stored -> {
                        Notification n = Notification.show(getTranslation("media.uploaded",
                                tools.label(stored, locale.getLanguage())), 4000, Notification.Position.BOTTOM_START);
                        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                        refresh();
                    }));
        }
        tiles.setId("media-grid");
        tiles.addClassName("media-grid");
        root.add(tiles);
        refresh();
    }

    private HorizontalLayout breadcrumbs() {
        HorizontalLayout crumbs = new HorizontalLayout();
        crumbs.setId("media-path");
        crumbs.addClassName("media-path");
        crumbs.setAlignItems(FlexComponent.Alignment.BASELINE);
        crumbs.setVisible(!folder.equals("/")); // the heading says where the root is
        crumbs.add(crumb(getTranslation("media.root"), "/"));
        StringBuilder path = new StringBuilder();
        for (String part : folder.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            path.append('/').append(part);
            crumbs.add(new Span("/"), crumb(part, path.toString()));
        }
        return crumbs;
    }

    private Button crumb(String label, String path) {
        Button b = new Button(label, e -> openFolder.accept(path));
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        b.setEnabled(!path.equals(folder));
        return b;
    }

    private HorizontalLayout toolbar() {
        search.setPlaceholder(getTranslation("media.search"));
        search.setAriaLabel(getTranslation("media.search"));
        search.setId("media-search");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        Button newFolder = new Button(getTranslation("media.newFolder"), VaadinIcon.FOLDER_ADD.create(),
                e -> newFolder());
        newFolder.setId("media-new-folder");
        newFolder.setVisible(tools.may(Permission.CREATE));
        HorizontalLayout toolbar = new HorizontalLayout(search, newFolder);
        toolbar.setWidthFull();
        toolbar.expand(search);
        toolbar.addClassName("toolbar");
        return toolbar;
    }

    private void refresh() {
        tiles.removeAll();
        String text = search.getValue() == null ? "" : search.getValue().strip();
        List<ContentItem> items = text.isEmpty() ? tools.children(folder) : tools.search(text);
        for (ContentItem item : items) {
            if (!MediaTools.isFolder(item) && !MediaTools.isAsset(item)) {
                continue;
            }
            tiles.add(new AssetTile(tools, item, locale.getLanguage(), () -> {
                if (MediaTools.isFolder(item)) {
                    openFolder.accept(item.path());
                } else {
                    tools.content().get(item.workspace(), item.path())
                            .ifPresent(current -> new AssetDialog(tools, current, locale, this::refresh).open());
                }
            }));
        }
        if (tiles.getChildren().findAny().isEmpty()) {
            Span empty = new Span(getTranslation(text.isEmpty() ? "media.empty" : "media.noResults"));
            empty.addClassName("media-empty");
            tiles.add(empty);
        }
    }

    private void newFolder() {
        Dialog dialog = new Dialog();
        dialog.setId("media-folder-dialog");
        dialog.setHeaderTitle(getTranslation("media.newFolder"));
        TextField name = new TextField(getTranslation("media.folderName"));
        name.setId("media-folder-name");
        name.setHelperText(getTranslation("media.folderName.help"));
        name.setWidth("20em");
        dialog.add(name);
        Button create = new Button(getTranslation("media.newFolder"), e -> {
            try {
                tools.library().createFolder(tools.actor().get(), folder, name.getValue().strip());
                dialog.close();
                Notification.show(getTranslation("media.folderCreated"), 3000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                refresh();
            } catch (AccessDeniedException ex) {
                name.setErrorMessage(getTranslation("error.forbidden"));
                name.setInvalid(true);
            } catch (ContentException ex) {
                name.setErrorMessage(getTranslation("media.folderName.help"));
                name.setInvalid(true);
            }
        });
        create.setId("media-folder-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), create);
        dialog.open();
        name.focus();
    }
}
