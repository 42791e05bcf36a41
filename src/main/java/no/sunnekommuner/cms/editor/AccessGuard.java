package no.sunnekommuner.cms.editor;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.util.Locale;

/**
 * Nothing of the editor is reachable without signing in: every navigation but the login view needs a user, and an
 * app's {@code permissions.roles} decide who may open it by address ({@link EditorAccess} decides).
 */
public class AccessGuard implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(this::check));
    }

    private void check(BeforeEnterEvent event) {
        var user = CurrentUser.get();
        // the page language, for screen readers (WCAG 3.1.1)
        event.getUI().getPage().executeJs("document.documentElement.setAttribute('lang', $0)",
                user.map(u -> u.uiLanguage()).filter(l -> l != null).orElse(event.getUI().getLocale().getLanguage()
                        .equals("en") ? "en" : "nb"));
        if (event.getNavigationTarget() == LoginView.class) {
            return;
        }
        // CurrentUser reads the account as stored now: an admin may have changed the roles or removed the account
        // since sign-in, and every navigation sees it (as every REST request does)
        EditorAccess.Decision decision = Cms.access().navigation(user.map(u -> u.actor()),
                event.getRouteParameters().get("app"));
        if (decision == EditorAccess.Decision.SIGN_IN) {
            CurrentUser.clear();
            event.rerouteTo(LoginView.class);
            return;
        }
        if (decision == EditorAccess.Decision.REFUSE) {
            // an app whose permissions.roles the user lacks: refused by address as it is hidden in the launcher
            event.rerouteTo(LauncherView.class);
            return;
        }
        String language = user.get().uiLanguage();
        if (language != null && !language.equals(event.getUI().getLocale().getLanguage())) {
            event.getUI().setLocale(Locale.forLanguageTag(language));
        }
    }
}
