package no.sunnekommuner.cms.editor;

import com.google.common.collect.ImmutableSet;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.audit.AuditEntry;
import no.sunnekommuner.cms.security.ApiToken;
import no.sunnekommuner.cms.security.ApiTokens;
import no.sunnekommuner.cms.security.PasswordHasher;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.security.User;
import no.sunnekommuner.cms.security.UserDirectory;

/**
 * User accounts for admins: add, change name and roles, set a new password, delete; and API tokens for scripts
 * and the website's preview: create (the token is shown once), see when each was last used, revoke.
 */
@Route(value = "users", layout = MainLayout.class)
public class UsersView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final DateTimeFormatter when = DateTimeFormatter.ofPattern(Cms.runtime().editorDateFormat() + " HH:mm")
            .withZone(Cms.runtime().editorTimeZone());
    private static final List<Integer> VALIDITY_DAYS = List.of(7, 30, 90, 365);

    private final Grid<User> grid = new Grid<>();
    private final Grid<ApiToken> tokenGrid = new Grid<>();

    public UsersView() {
        addClassName("browser");
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!CurrentUser.get().map(u -> Cms.policy().allows(u.actor(), Permission.MANAGE_USERS)).orElse(false)) {
            event.forwardTo(LauncherView.class); // checked here, not only by hiding the menu entry
            return;
        }
        removeAll();
        Button add = new Button(getTranslation("users.add"), VaadinIcon.PLUS.create(), e -> edit(null));
        add.setId("add-user");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout head = new HorizontalLayout(new H1(getTranslation("users.title")), add);
        head.setWidthFull();
        head.setAlignItems(Alignment.BASELINE);
        head.expand(head.getComponentAt(0));

        grid.removeAllColumns();
        grid.addColumn(User::username).setHeader(getTranslation("users.username")).setSortable(true).setAutoWidth(true);
        grid.addColumn(User::displayName).setHeader(getTranslation("users.displayName")).setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(u -> u.roles().stream().map(r -> getTranslation("role." + r.id()))
                .collect(Collectors.joining(", "))).setHeader(getTranslation("users.roles")).setAutoWidth(true);
        grid.addComponentColumn(u -> {
            Button edit = new Button(getTranslation("users.edit"), VaadinIcon.EDIT.create(), e -> edit(u));
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            edit.setId("edit-user-" + u.username());
            return edit;
        }).setHeader(getTranslation("users.actions")).setAutoWidth(true);
        grid.setId("user-grid");
        grid.setAriaLabel(getTranslation("users.title"));
        refresh();
        add(head, grid);
        addTokens();
    }

    private ApiTokens tokens() {
        return Cms.runtime().tokens();
    }

    private void addTokens() {
        Button add = new Button(getTranslation("tokens.add"), VaadinIcon.KEY.create(), e -> createToken());
        add.setId("add-token");
        HorizontalLayout head = new HorizontalLayout(new H2(getTranslation("tokens.title")), add);
        head.setWidthFull();
        head.setAlignItems(Alignment.BASELINE);
        head.expand(head.getComponentAt(0));
        Paragraph help = new Paragraph(getTranslation("tokens.help"));
        tokenGrid.removeAllColumns();
        tokenGrid.addColumn(ApiToken::name).setHeader(getTranslation("tokens.name")).setAutoWidth(true);
        tokenGrid.addColumn(t -> "skt_" + t.hint() + "…").setHeader(getTranslation("tokens.start")).setAutoWidth(true);
        tokenGrid.addColumn(t -> getTranslation("role." + t.role().id())).setHeader(getTranslation("tokens.role"))
                .setAutoWidth(true);
        tokenGrid.addColumn(ApiToken::createdBy).setHeader(getTranslation("tokens.createdBy")).setAutoWidth(true);
        tokenGrid.addColumn(t -> when(t.expires()) + (t.expired(Instant.now()) ? " (" + getTranslation(
                "tokens.expired") + ")" : "")).setHeader(getTranslation("tokens.expires")).setAutoWidth(true);
        tokenGrid.addColumn(t -> t.lastUsed() == null ? getTranslation("tokens.neverUsed") : when(t.lastUsed()))
                .setHeader(getTranslation("tokens.lastUsed")).setAutoWidth(true);
        tokenGrid.addComponentColumn(t -> {
            Button revoke = new Button(getTranslation("tokens.revoke"), VaadinIcon.BAN.create(), e -> revoke(t));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            revoke.setId("revoke-token-" + t.id());
            revoke.getElement().setAttribute("aria-label", getTranslation("tokens.revoke") + " " + t.name());
            return revoke;
        }).setHeader(getTranslation("users.actions")).setAutoWidth(true);
        tokenGrid.setId("token-grid");
        tokenGrid.setAriaLabel(getTranslation("tokens.title"));
        tokenGrid.setAllRowsVisible(true);
        refreshTokens();
        add(head, help, tokenGrid);
    }

    private String when(Instant instant) {
        return when.format(instant);
    }

    private void refreshTokens() {
        tokenGrid.setItems(tokens().list());
    }

    /** The token form; once created, the same dialog shows the token, this one time only. */
    private void createToken() {
        Dialog dialog = new Dialog();
        dialog.setId("token-dialog");
        dialog.setHeaderTitle(getTranslation("tokens.add"));
        TextField name = new TextField(getTranslation("tokens.name"));
        name.setId("token-name");
        name.setRequired(true);
        name.setHelperText(getTranslation("tokens.name.help"));
        Select<Role> role = new Select<>();
        role.setLabel(getTranslation("tokens.role"));
        role.setId("token-role");
        role.setItems(Role.EDITOR, Role.PUBLISHER);
        role.setItemLabelGenerator(r -> getTranslation("role." + r.id()) + " – " + getTranslation("role." + r.id()
                + ".help"));
        role.setValue(Role.EDITOR);
        Select<Integer> days = new Select<>();
        days.setLabel(getTranslation("tokens.validFor"));
        days.setId("token-validity");
        days.setItems(VALIDITY_DAYS);
        days.setItemLabelGenerator(d -> getTranslation("tokens.days", d));
        days.setValue(90);
        FormLayout form = new FormLayout(name, role, days);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        dialog.add(form);
        Button cancel = new Button(getTranslation("action.cancel"), e -> dialog.close());
        Button create = new Button(getTranslation("tokens.create"));
        create.setId("token-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> {
            try {
                ApiTokens.Created created = tokens().create(name.getValue(), role.getValue(),
                        Duration.ofDays(days.getValue()), CurrentUser.require());
                Audit.account(AuditEntry.TOKEN_CREATE, "token:" + created.token().name(), role.getValue().id());
                refreshTokens();
                showOnce(dialog, created);
            } catch (ContentException ex) {
                notify(tokenProblem(ex, name.getValue()), NotificationVariant.LUMO_ERROR);
            }
        });
        dialog.getFooter().add(cancel, create);
        dialog.open();
    }

    private String tokenProblem(ContentException e, String name) {
        String message = e.getMessage();
        if (message.contains("already exists")) {
            return getTranslation("tokens.exists", name.trim());
        }
        return message.contains("name") ? getTranslation("tokens.name.help") : message;
    }

    private void showOnce(Dialog dialog, ApiTokens.Created created) {
        dialog.removeAll();
        dialog.getFooter().removeAll();
        dialog.setHeaderTitle(created.token().name());
        TextField secret = new TextField(getTranslation("tokens.secret"));
        secret.setId("token-secret");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.setHelperText(getTranslation("tokens.secret.help"));
        dialog.add(secret, new Paragraph(getTranslation("tokens.usage")));
        Button done = new Button(getTranslation("tokens.done"), e -> dialog.close());
        done.setId("token-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        dialog.setWidth("40rem");
    }

    private void revoke(ApiToken token) {
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("tokens.revoke"),
                getTranslation("tokens.confirmRevoke", token.name()), getTranslation("tokens.revoke"), ev -> {
                    tokens().revoke(token.id());
                    Audit.account(AuditEntry.TOKEN_REVOKE, "token:" + token.name(), null);
                    refreshTokens();
                    notify(getTranslation("tokens.revoked", token.name()), NotificationVariant.LUMO_SUCCESS);
                }, getTranslation("action.cancel"), ev -> { });
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private UserDirectory users() {
        return Cms.runtime().users();
    }

    private void refresh() {
        grid.setItems(users().list());
    }

    /** The account form: a new user when {@code user} is null. */
    private void edit(User user) {
        Dialog dialog = new Dialog();
        dialog.setId("user-dialog");
        dialog.setHeaderTitle(user == null ? getTranslation("users.add") : user.username());
        TextField username = new TextField(getTranslation("users.username"));
        username.setId("user-username");
        username.setRequired(true);
        username.setHelperText(getTranslation("users.username.help"));
        TextField displayName = new TextField(getTranslation("users.displayName"));
        displayName.setId("user-display-name");
        PasswordField password = new PasswordField(getTranslation(user == null ? "users.password"
                : "users.newPassword"));
        password.setId("user-password");
        password.setRequired(user == null);
        password.setHelperText(getTranslation("users.password.help"));
        CheckboxGroup<Role> roles = new CheckboxGroup<>(getTranslation("users.roles"));
        roles.setId("user-roles");
        roles.setItems(Arrays.asList(Role.values()));
        roles.setItemLabelGenerator(r -> getTranslation("role." + r.id()) + " – " + getTranslation("role." + r.id()
                + ".help"));
        if (user != null) {
            username.setValue(user.username());
            username.setReadOnly(true);
            displayName.setValue(user.displayName() == null ? "" : user.displayName());
            roles.setValue(user.roles());
        } else {
            roles.setValue(ImmutableSet.of(Role.EDITOR));
        }
        FormLayout form = new FormLayout(username, displayName, password, roles);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        dialog.add(form);

        Button save = new Button(getTranslation("action.save"), e -> {
            try {
                ImmutableSet<Role> chosen = ImmutableSet.copyOf(roles.getValue());
                String problem = problem(user, username.getValue().trim(), password.getValue(), chosen);
                if (problem != null) {
                    throw new ContentException(problem);
                }
                if (user == null) {
                    users().create(username.getValue().trim(), displayName.getValue().trim(),
                            password.getValue().toCharArray(), chosen, null);
                    Audit.account(AuditEntry.USER_CREATE, username.getValue().trim().toLowerCase(
                            java.util.Locale.ROOT), roleIds(chosen));
                } else {
                    users().update(user.username(), displayName.getValue().trim(), chosen, null);
                    Audit.account(AuditEntry.USER_CHANGE, user.username(), roleIds(chosen));
                    if (!password.getValue().isEmpty()) {
                        boolean self = user.username().equals(CurrentUser.require().username());
                        users().setPassword(user.username(), password.getValue().toCharArray());
                        Audit.account(AuditEntry.PASSWORD_CHANGE, user.username(), null);
                        if (self) {
                            // a new password ends the sessions opened before it, but not the one that set it
                            CurrentUser.set(user);
                        }
                    }
                }
                dialog.close();
                refresh();
                notify(getTranslation("users.saved"), NotificationVariant.LUMO_SUCCESS);
            } catch (ContentException | IllegalArgumentException ex) {
                // the dialog stays open with what was typed; the message says what to change
                notify(ex.getMessage(), NotificationVariant.LUMO_ERROR);
            }
        });
        save.setId("user-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> dialog.close());
        dialog.getFooter().add(cancel);
        if (user != null && !user.username().equals(CurrentUser.require().username())) {
            Button delete = new Button(getTranslation("action.delete"), VaadinIcon.TRASH.create(), e -> {
                ConfirmDialog confirm = new ConfirmDialog(getTranslation("confirm.delete.title"),
                        getTranslation("users.confirmDelete", user.username()), getTranslation("action.delete"),
                        ev -> {
                            users().delete(user.username());
                            Audit.account(AuditEntry.USER_DELETE, user.username(), null);
                            dialog.close();
                            refresh();
                            notify(getTranslation("users.deleted"), NotificationVariant.LUMO_SUCCESS);
                        }, getTranslation("action.cancel"), ev -> { });
                confirm.setConfirmButtonTheme("error primary");
                confirm.open();
            });
            delete.setId("user-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            dialog.getFooter().add(delete);
        }
        dialog.getFooter().add(save);
        dialog.open();
    }

    /** The roles as recorded in the audit log: {@code roles=editor,publisher}. */
    private static String roleIds(java.util.Set<Role> roles) {
        return "roles=" + roles.stream().map(Role::id).sorted().collect(Collectors.joining(","));
    }

    /** What is wrong with the form, in the UI language (the directory checks again, in English, for the API). */
    private String problem(User user, String username, String password, ImmutableSet<Role> roles) {
        if (user == null && !username.toLowerCase(java.util.Locale.ROOT).matches("[a-z0-9][a-z0-9._-]{1,39}")) {
            return getTranslation("users.username.help");
        }
        if (user == null && users().find(username.toLowerCase(java.util.Locale.ROOT)).isPresent()) {
            return getTranslation("users.exists", username);
        }
        if ((user == null || !password.isEmpty()) && password.length() < PasswordHasher.MIN_LENGTH) {
            return getTranslation("users.password.help");
        }
        if (roles.isEmpty()) {
            return getTranslation("users.oneRole");
        }
        if (user != null && user.username().equals(CurrentUser.require().username()) && !roles.contains(Role.ADMIN)) {
            return getTranslation("users.keepOwnAdmin");
        }
        return null;
    }

    private void notify(String text, NotificationVariant variant) {
        Notification n = Notification.show(text, 6000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("users.title") + " – " + getTranslation("app.title");
    }
}
