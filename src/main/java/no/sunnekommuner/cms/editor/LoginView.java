package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import no.sunnekommuner.cms.security.UserDirectory;

/** Sign-in. Wrong passwords and throttled accounts get the same message, so usernames cannot be probed. */
@Route("login")
@PageTitle("Sunne kommuner")
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    public LoginView() {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getForm().setForgotPassword(getTranslation("login.forgot"));
        i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.error.message"));
        form.setI18n(i18n);
        form.setForgotPasswordButtonVisible(false);
        form.addLoginListener(e -> signIn(e.getUsername(), e.getPassword()));
        H1 title = new H1(getTranslation("app.title"));
        title.addClassName("login-title");
        Paragraph lead = new Paragraph(getTranslation("login.lead"));
        add(title, lead, form);
    }

    private void signIn(String username, String password) {
        UserDirectory users = Cms.runtime().users();
        var user = users.authenticate(username, password.toCharArray());
        if (user.isPresent() && user.get().canEdit()) {
            // a new session id on sign-in (session fixation)
            com.vaadin.flow.server.VaadinService.reinitializeSession(com.vaadin.flow.server.VaadinRequest.getCurrent());
            CurrentUser.set(user.get());
            getUI().ifPresent(ui -> ui.navigate(LauncherView.class));
        } else {
            form.setError(true);
            form.setEnabled(true);
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (CurrentUser.get().isPresent()) {
            event.forwardTo(LauncherView.class);
        }
    }
}
