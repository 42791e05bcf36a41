package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.content.audit.AuditEntry;
import no.sunnekommuner.cms.content.audit.AuditFilter;
import no.sunnekommuner.cms.content.audit.AuditLog;
import no.sunnekommuner.cms.content.events.ContentEvent;

/**
 * The audit log for admins: filters by user, item, action and period (days in the editor's time zone), the newest
 * {@value #ROWS} matching entries, and an export of every matching entry as JSON Lines. Read-only: the log has
 * no operation that changes it.
 */
@Route(value = "audit", layout = MainLayout.class)
public class AuditView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final int ROWS = 500;

    private final ZoneId zone = Cms.runtime().editorTimeZone();
    private final DateTimeFormatter when = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss").withZone(zone);
    private final Grid<AuditEntry> grid = new Grid<>();
    private final TextField user = new TextField();
    private final TextField item = new TextField();
    private final ComboBox<String> action = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Paragraph count = new Paragraph();
    private final Anchor export = new Anchor();

    public AuditView() {
        addClassName("browser");
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!CurrentUser.get().map(u -> Cms.policy().allows(u.actor(), Permission.MANAGE_USERS)).orElse(false)) {
            event.forwardTo(LauncherView.class);
            return;
        }
        removeAll();
        user.setLabel(getTranslation("audit.user"));
        user.setId("audit-user");
        item.setLabel(getTranslation("audit.item"));
        item.setId("audit-item");
        item.setHelperText(getTranslation("audit.item.help"));
        action.setLabel(getTranslation("audit.action"));
        action.setId("audit-action");
        action.setItems(actions());
        action.setClearButtonVisible(true);
        from.setLabel(getTranslation("audit.from"));
        from.setId("audit-from");
        to.setLabel(getTranslation("audit.to"));
        to.setId("audit-to");
        Button apply = new Button(getTranslation("audit.apply"), VaadinIcon.FILTER.create(), e -> refresh());
        apply.setId("audit-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        export.setText(getTranslation("audit.export"));
        export.setId("audit-export");
        export.getElement().setAttribute("download", true);
        HorizontalLayout filters = new HorizontalLayout(user, item, action, from, to, apply, export);
        filters.setAlignItems(Alignment.BASELINE);
        filters.setWrap(true);

        grid.removeAllColumns();
        grid.addColumn(e -> when.format(e.time())).setHeader(getTranslation("audit.time")).setAutoWidth(true);
        grid.addColumn(AuditEntry::user).setHeader(getTranslation("audit.user")).setAutoWidth(true);
        grid.addColumn(AuditEntry::action).setHeader(getTranslation("audit.action")).setAutoWidth(true);
        grid.addColumn(e -> e.workspace() == null ? "" : e.workspace()).setHeader(getTranslation("audit.workspace"))
                .setAutoWidth(true);
        grid.addColumn(e -> e.target() == null ? "" : e.target()).setHeader(getTranslation("audit.item"))
                .setAutoWidth(true);
        grid.addColumn(e -> e.address() == null ? "" : e.address()).setHeader(getTranslation("audit.address"))
                .setAutoWidth(true);
        grid.addColumn(e -> e.detail() == null ? "" : e.detail()).setHeader(getTranslation("audit.detail"))
                .setAutoWidth(true);
        grid.setId("audit-grid");
        grid.setAriaLabel(getTranslation("audit.title"));
        count.setId("audit-count");
        add(new H1(getTranslation("audit.title")), filters, count, grid);
        refresh();
    }

    private static List<String> actions() {
        List<String> out = new ArrayList<>();
        for (ContentEvent.Kind k : ContentEvent.Kind.values()) {
            out.add(k.wireName());
        }
        out.addAll(List.of(AuditEntry.SIGN_IN, AuditEntry.SIGN_IN_FAILED, AuditEntry.LOCK_OUT,
                AuditEntry.USER_CREATE, AuditEntry.USER_CHANGE, AuditEntry.USER_DELETE, AuditEntry.PASSWORD_CHANGE,
                AuditEntry.TOKEN_CREATE, AuditEntry.TOKEN_REVOKE));
        return out;
    }

    private AuditFilter filter() {
        Instant start = from.getValue() == null ? null : from.getValue().atStartOfDay(zone).toInstant();
        LocalDate last = to.getValue();
        Instant end = last == null ? null : last.plusDays(1).atStartOfDay(zone).toInstant();
        return new AuditFilter(user.getValue(), item.getValue(), action.getValue(), start, end);
    }

    private void refresh() {
        AuditFilter filter = filter();
        List<AuditEntry> entries = log().query(filter, ROWS);
        grid.setItems(entries);
        count.setText(entries.size() >= ROWS ? getTranslation("audit.countCapped", ROWS)
                : getTranslation("audit.count", entries.size()));
        export.setHref(new StreamResource("audit.jsonl", () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                log().export(filter, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ByteArrayInputStream(out.toByteArray());
        }));
    }

    private static AuditLog log() {
        return Cms.runtime().workflow().audit();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("audit.title") + " – " + getTranslation("app.title");
    }
}
