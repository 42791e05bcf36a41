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
import com.vaadin.flow.server.VaadinRequest;
import no.sunnekommuner.cms.security.PasswordHasher;

/**
 * Sign-in. Wrong passwords and throttled attempts get the same message, so usernames cannot be probed; a password
 * longer than bcrypt's limit (which no account here can have) says so, and still counts as a failed attempt.
 */
@Route("login")
@PageTitle("Sunne kommuner")
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();
    private final LoginI18n i18n = LoginI18n.createDefault();

    public LoginView() {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
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
        Paragraph intro = new Paragraph(getTranslation("login.lead"));
        add(title, intro, form);
    }

    private void signIn(String username, String password) {
        char[] typed = password == null ? new char[0] : password.toCharArray();
        VaadinRequest request = VaadinRequest.getCurrent();
        String address = request == null ? null : request.getRemoteAddr();
        var user = Cms.runtime().signIn().authenticate(username, typed, address);
        if (user.isPresent() && user.get().canEdit()) {
            // a new session id on sign-in (session fixation)
            com.vaadin.flow.server.VaadinService.reinitializeSession(request);
            CurrentUser.set(user.get());
            getUI().ifPresent(ui -> ui.navigate(LauncherView.class));
            return;
        }
        i18n.getErrorMessage().setMessage(getTranslation(PasswordHasher.tooLong(typed) ? "login.error.tooLong"
                : "login.error.message", PasswordHasher.MAX_BYTES));
        form.setI18n(i18n);
        form.setError(true);
        form.setEnabled(true);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (CurrentUser.get().isPresent()) {
            event.forwardTo(LauncherView.class);
        }
    }
}
