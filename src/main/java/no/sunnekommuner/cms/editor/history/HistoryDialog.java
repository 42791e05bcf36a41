package no.sunnekommuner.cms.editor.history;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.dom.Element;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.history.VersionComparison;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.VersionInfo;

/**
 * An item's history: every version with who made it, when and how (saved, published, restored), a comparison of
 * any two versions field by field in every language (removed words struck through, added ones underlined), and
 * restoring a version as the new draft.
 */
public final class HistoryDialog extends Dialog {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    private final ContentService content;
    private final ContentItem item;
    private final ZoneId zone;
    private final Function<String, String> fieldLabel;
    private final Div comparison = new Div();

    /**
     * @param fieldLabel the form's label of a property (sub-model values as {@code submodel.property})
     * @param restored   told the new draft after a restore
     */
    public HistoryDialog(ContentService content, Actor actor, ContentItem item, ZoneId zone,
            Function<String, String> fieldLabel, Consumer<ContentItem> restored) {
        this.content = content;
        this.item = item;
        this.zone = zone;
        this.fieldLabel = fieldLabel;
        setHeaderTitle(getTranslation("history.title"));
        setId("versions-dialog");
        List<VersionInfo> versions = content.versions(item.workspace(), item.path());
        if (versions.isEmpty()) {
            add(new Span(getTranslation("versions.none")));
            getFooter().add(new Button(getTranslation("action.close"), e -> close()));
            return;
        }
        Grid<VersionInfo> grid = new Grid<>();
        grid.setId("version-grid");
        grid.addColumn(VersionInfo::name).setHeader(getTranslation("versions.name")).setAutoWidth(true);
        grid.addColumn(v -> getTranslation("history.action." + v.action().stored()))
                .setHeader(getTranslation("history.action")).setAutoWidth(true);
        grid.addColumn(v -> v.created() == null ? "" : WHEN.format(v.created().atZoneSameInstant(zone)))
                .setHeader(getTranslation("versions.when")).setAutoWidth(true);
        grid.addColumn(VersionInfo::createdBy).setHeader(getTranslation("versions.by")).setAutoWidth(true);
        grid.addComponentColumn(v -> {
            Button restore = new Button(getTranslation("versions.restore"), e -> {
                try {
                    ContentItem draft = content.restore(item.workspace(), item.path(), v.name(), actor);
                    close();
                    restored.accept(draft);
                    notify(getTranslation("versions.restored", v.name()), NotificationVariant.LUMO_SUCCESS);
                } catch (AccessDeniedException ex) {
                    notify(getTranslation("error.forbidden"), NotificationVariant.LUMO_ERROR);
                }
            });
            restore.setId("restore-" + v.name().replace('.', '-'));
            return restore;
        });
        grid.setItems(versions);
        grid.setAllRowsVisible(versions.size() <= 12);
        grid.setWidth("760px");

        Select<VersionInfo> from = versionSelect("compare-from", "history.from", versions);
        Select<VersionInfo> to = versionSelect("compare-to", "history.to", versions);
        // by default the last change: the version before the latest against the latest
        to.setValue(versions.get(versions.size() - 1));
        from.setValue(versions.get(Math.max(0, versions.size() - 2)));
        Button compare = new Button(getTranslation("history.compare"), e -> compare(from.getValue(), to.getValue()));
        compare.setId("compare-versions");
        HorizontalLayout controls = new HorizontalLayout(from, to, compare);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        comparison.setId("version-diff");
        add(grid, controls, comparison);
        getFooter().add(new Button(getTranslation("action.close"), e -> close()));
    }

    private Select<VersionInfo> versionSelect(String id, String labelKey, List<VersionInfo> versions) {
        Select<VersionInfo> select = new Select<>();
        select.setId(id);
        select.setLabel(getTranslation(labelKey));
        select.setItems(versions);
        select.setItemLabelGenerator(v -> v.name() + " – " + getTranslation("history.action." + v.action().stored())
                + " " + (v.created() == null ? "" : WHEN.format(v.created().atZoneSameInstant(zone))));
        return select;
    }

    private void compare(VersionInfo older, VersionInfo newer) {
        comparison.removeAll();
        if (older == null || newer == null || older.equals(newer)) {
            comparison.add(new Span(getTranslation("history.needTwo")));
            return;
        }
        List<VersionComparison.FieldChange> changes = content.compareVersions(item.workspace(), item.path(),
                older.name(), newer.name());
        if (changes.isEmpty()) {
            comparison.add(new Span(getTranslation("history.noChanges")));
            return;
        }
        for (VersionComparison.FieldChange change : changes) {
            Div row = new Div();
            row.addClassName("diff-field");
            row.getElement().setAttribute("data-field", change.property() + "-" + change.language());
            Span label = new Span(getTranslation("history.field", fieldLabel.apply(change.property()),
                    change.language()));
            label.getStyle().set("font-weight", "600").set("display", "block");
            Div text = new Div();
            text.addClassName("diff-text");
            for (VersionComparison.Segment segment : change.segments()) {
                text.getElement().appendChild(element(segment));
            }
            row.add(label, text);
            row.getStyle().set("margin-bottom", "var(--lumo-space-s)");
            comparison.add(row);
        }
    }

    /** Removed text as {@code <del>}, added as {@code <ins>} (read out as such by screen readers), the rest plain. */
    private static Element element(VersionComparison.Segment segment) {
        Element e = switch (segment.kind()) {
            case ADDED -> new Element("ins");
            case REMOVED -> new Element("del");
            case SAME -> new Element("span");
        };
        if (segment.kind() == VersionComparison.Segment.Kind.ADDED) {
            e.getStyle().set("background", "var(--lumo-success-color-10pct)");
        } else if (segment.kind() == VersionComparison.Segment.Kind.REMOVED) {
            e.getStyle().set("background", "var(--lumo-error-color-10pct)");
        }
        e.setText(segment.text());
        return e;
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification n = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
    }
}
