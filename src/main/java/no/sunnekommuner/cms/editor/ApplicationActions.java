package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.StreamResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.AccessPolicy;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.content.applications.ApplicationModel;
import no.sunnekommuner.cms.content.applications.MembershipApplications;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.validation.ValidationException;
import no.sunnekommuner.cms.definition.AppDefinition;

/**
 * The actions of a membership application in its detail view: download the declaration, and for publishers
 * accept (the member is created as a draft and opened) or decline with a reason. Decisions are made once; a
 * decided application shows neither.
 */
final class ApplicationActions {

    private ApplicationActions() {
    }

    /** The components to add to the detail view's action bar for this application. */
    static Component[] of(Component owner, AppDefinition membersApp, MembershipApplications applications,
            ContentItem item, Actor actor, AccessPolicy policy, Runnable reload) {
        java.util.List<Component> out = new java.util.ArrayList<>();
        applications.declaration(item).ifPresent(pdf -> {
            String file = item.node().text(applications.model().application(
                    ApplicationModel.DECLARATION_FILE_NAME));
            StreamResource resource = new StreamResource(file == null ? "declaration.pdf" : file, () -> {
                try {
                    return pdf.openStream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            resource.setContentType("application/pdf");
            Anchor download = new Anchor(resource, owner.getTranslation("application.declaration"));
            download.getElement().setAttribute("download", true);
            download.setId("application-declaration");
            out.add(download);
        });
        boolean pending = MembershipApplications.PENDING.equals(item.node().text(applications.statusProperty()));
        if (!pending || !policy.allows(actor, Permission.PUBLISH)) {
            return out.toArray(Component[]::new);
        }
        Button accept = new Button(owner.getTranslation("application.accept"), VaadinIcon.CHECK_CIRCLE.create(),
                e -> {
                    try {
                        ContentItem created = applications.accept(item.path(), actor);
                        notify(owner.getTranslation("application.accepted"), NotificationVariant.LUMO_SUCCESS);
                        if (membersApp != null) {
                            UI.getCurrent().navigate(DetailView.class, new RouteParameters("app", membersApp.name()),
                                    QueryParameters.simple(Map.of("path", created.path())));
                        } else {
                            reload.run();
                        }
                    } catch (ValidationException ex) {
                        notify(owner.getTranslation("application.acceptFailed") + " " + String.join("; ",
                                ex.violations().stream().map(v -> v.describe(UI.getCurrent().getLocale())).toList()),
                                NotificationVariant.LUMO_ERROR);
                    } catch (AccessDeniedException ex) {
                        notify(owner.getTranslation("error.forbidden"), NotificationVariant.LUMO_ERROR);
                    } catch (ContentException ex) {
                        notify(owner.getTranslation("application.acceptFailed") + " " + ex.getMessage(),
                                NotificationVariant.LUMO_ERROR);
                        reload.run();
                    }
                });
        accept.setId("accept-application");
        accept.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        Button decline = new Button(owner.getTranslation("application.decline"), VaadinIcon.CLOSE_CIRCLE.create(),
                e -> declineDialog(owner, applications, item, actor, reload));
        decline.setId("decline-application");
        out.add(accept);
        out.add(decline);
        return out.toArray(Component[]::new);
    }

    private static void declineDialog(Component owner, MembershipApplications applications, ContentItem item,
            Actor actor, Runnable reload) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(owner.getTranslation("application.decline"));
        TextArea reason = new TextArea(owner.getTranslation("application.reason"));
        reason.setId("decline-reason");
        reason.setRequired(true);
        reason.setMaxLength(500);
        reason.setWidthFull();
        Button confirm = new Button(owner.getTranslation("application.decline"), e -> {
            if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage(owner.getTranslation("application.reasonMissing"));
                return;
            }
            try {
                applications.decline(item.path(), reason.getValue(), actor);
                dialog.close();
                notify(owner.getTranslation("application.declined"), NotificationVariant.LUMO_SUCCESS);
            } catch (AccessDeniedException ex) {
                notify(owner.getTranslation("error.forbidden"), NotificationVariant.LUMO_ERROR);
            } catch (ContentException ex) {
                dialog.close();
                notify(ex.getMessage(), NotificationVariant.LUMO_ERROR);
            }
            reload.run();
        });
        confirm.setId("decline-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(owner.getTranslation("action.cancel"), e -> dialog.close());
        dialog.add(reason);
        dialog.getFooter().add(new HorizontalLayout(cancel, confirm));
        dialog.open();
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification n = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
    }
}
