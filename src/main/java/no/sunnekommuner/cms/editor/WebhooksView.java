package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.content.webhooks.WebhookDelivery;
import no.sunnekommuner.cms.content.webhooks.WebhookDispatcher;
import no.sunnekommuner.cms.content.webhooks.WebhookTarget;

/**
 * The webhooks for admins: the configured targets (from the settings' webhooks file; changed there, not here, so
 * that nobody signed in to the editor can make the server call an address) with the events waiting for each, and
 * the latest delivery attempts with their answers.
 */
@Route(value = "webhooks", layout = MainLayout.class)
public class WebhooksView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final DateTimeFormatter when = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss")
            .withZone(Cms.runtime().editorTimeZone());
    private final Grid<WebhookTarget> targets = new Grid<>();
    private final Grid<WebhookDelivery> deliveries = new Grid<>();

    public WebhooksView() {
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
        Map<String, Integer> pending = webhooks().pending();
        targets.removeAllColumns();
        targets.addColumn(WebhookTarget::name).setHeader(getTranslation("webhooks.name")).setAutoWidth(true);
        targets.addColumn(t -> t.url().toString()).setHeader(getTranslation("webhooks.url")).setAutoWidth(true);
        targets.addColumn(t -> String.join(", ", t.events().stream().map(WebhookTarget.Event::wireName).toList()))
                .setHeader(getTranslation("webhooks.events")).setAutoWidth(true);
        targets.addColumn(t -> t.workspaces().isEmpty() ? getTranslation("webhooks.allWorkspaces")
                : String.join(", ", t.workspaces())).setHeader(getTranslation("webhooks.workspaces"))
                .setAutoWidth(true);
        targets.addColumn(t -> pending.getOrDefault(t.name(), 0)).setHeader(getTranslation("webhooks.pending"))
                .setAutoWidth(true);
        targets.setItems(webhooks().targets());
        targets.setAllRowsVisible(true);
        targets.setId("webhook-targets");
        targets.setAriaLabel(getTranslation("webhooks.targets"));

        deliveries.removeAllColumns();
        deliveries.addColumn(d -> when.format(d.time())).setHeader(getTranslation("audit.time")).setAutoWidth(true);
        deliveries.addColumn(WebhookDelivery::target).setHeader(getTranslation("webhooks.name")).setAutoWidth(true);
        deliveries.addColumn(WebhookDelivery::event).setHeader(getTranslation("webhooks.event")).setAutoWidth(true);
        deliveries.addColumn(d -> d.workspace() + ":" + d.path()).setHeader(getTranslation("audit.item"))
                .setAutoWidth(true);
        deliveries.addColumn(WebhookDelivery::attempt).setHeader(getTranslation("webhooks.attempt"))
                .setAutoWidth(true);
        deliveries.addColumn(d -> getTranslation("webhooks.outcome." + d.outcome().name().toLowerCase(
                java.util.Locale.ROOT))).setHeader(getTranslation("webhooks.outcome")).setAutoWidth(true);
        deliveries.addColumn(WebhookDelivery::message).setHeader(getTranslation("webhooks.answer"))
                .setAutoWidth(true);
        deliveries.setItems(webhooks().recent());
        deliveries.setId("webhook-deliveries");
        deliveries.setAriaLabel(getTranslation("webhooks.recent"));
        Button reload = new Button(getTranslation("webhooks.reload"), VaadinIcon.REFRESH.create(),
                e -> getUI().ifPresent(ui -> ui.getPage().reload()));
        reload.setId("webhooks-reload");
        add(new H1(getTranslation("webhooks.title")), new Paragraph(getTranslation("webhooks.help")),
                new H2(getTranslation("webhooks.targets")), targets, new H2(getTranslation("webhooks.recent")),
                reload, deliveries);
    }

    private static WebhookDispatcher webhooks() {
        return Cms.runtime().workflow().webhooks();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("webhooks.title") + " – " + getTranslation("app.title");
    }
}
