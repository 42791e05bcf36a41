package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.RouteParameters;
import java.util.Locale;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.security.User;

/** The frame of every editor view: app navigation, UI language, the signed-in user and sign-out. */
public class MainLayout extends AppLayout {

    public MainLayout() {
        User user = CurrentUser.get().orElse(null);
        Labels labels = new Labels(Cms.runtime().definitions(), UI.getCurrent().getLocale());
        Span title = new Span(getTranslation("app.title"));
        title.addClassName("app-title");
        Select<String> language = new Select<>();
        language.setItems("nb", "en");
        language.setItemLabelGenerator(l -> l.equals("nb") ? "Norsk bokmål" : "English");
        language.setValue(UI.getCurrent().getLocale().getLanguage().equals("en") ? "en" : "nb");
        language.setAriaLabel(getTranslation("layout.language"));
        language.setId("ui-language");
        language.addValueChangeListener(e -> {
            if (e.isFromClient() && user != null) {
                User updated = Cms.runtime().users().update(user.username(), null, null, e.getValue());
                CurrentUser.set(updated);
                UI.getCurrent().setLocale(Locale.forLanguageTag(e.getValue()));
                UI.getCurrent().getPage().reload();
            }
        });
        Span who = new Span(user == null ? "" : user.displayName());
        who.addClassName("user-name");
        Button signOut = new Button(getTranslation("layout.signOut"), VaadinIcon.SIGN_OUT.create(), e -> {
            CurrentUser.signOut();
            UI.getCurrent().getPage().setLocation("/login");
        });
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, language, who, signOut);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.addClassName("app-header");
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem(getTranslation("launcher.title"), LauncherView.class, VaadinIcon.GRID_BIG.create()));
        (user == null ? java.util.List.<AppDefinition>of() : Cms.access().apps(user.actor()))
                .forEach(app -> nav.addItem(new SideNavItem(labels.app(app), BrowserView.class,
                        new RouteParameters("app", app.name()), AppIcons.of(app).create())));
        if (user != null) {
            SideNavItem media = new SideNavItem(getTranslation("media.title"), MediaView.class,
                    VaadinIcon.PICTURE.create());
            media.setId("nav-media");
            nav.addItem(media);
        }
        if (user != null && Cms.policy().allows(user.actor(), Permission.MANAGE_USERS)) {
            SideNavItem users = new SideNavItem(getTranslation("users.title"), UsersView.class,
                    VaadinIcon.USERS.create());
            users.setId("nav-users");
            nav.addItem(users);
            SideNavItem audit = new SideNavItem(getTranslation("audit.title"), AuditView.class,
                    VaadinIcon.LIST.create());
            audit.setId("nav-audit");
            nav.addItem(audit);
            SideNavItem webhooks = new SideNavItem(getTranslation("webhooks.title"), WebhooksView.class,
                    VaadinIcon.CONNECT.create());
            webhooks.setId("nav-webhooks");
            nav.addItem(webhooks);
        }
        addToDrawer(nav);
    }
}
