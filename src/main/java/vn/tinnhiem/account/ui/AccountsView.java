package vn.tinnhiem.account.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.NewAccount;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.account.StaffAccount;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.ui.Actions;
import vn.tinnhiem.shared.ui.Notifications;

/** The administrator creates tellers' and supervisors' accounts; each gets a one-time password. */
@Route(value = "accounts", layout = MainLayout.class)
@Menu(title = "menu.accounts", order = 5)
@RolesAllowed("ADMIN")
public class AccountsView extends VerticalLayout implements HasDynamicTitle {

    private final AccountService accounts;
    private final Grid<StaffAccount> grid = new Grid<>();

    public AccountsView(AccountService accounts) {
        this.accounts = accounts;

        var username = new TextField(getTranslation("accounts.username"));
        username.setId("account-username");
        var displayName = new TextField(getTranslation("accounts.displayName"));
        displayName.setId("account-display-name");
        var role = new Select<Role>();
        role.setLabel(getTranslation("accounts.role"));
        role.setItems(Role.values());
        role.setItemLabelGenerator(r -> getTranslation("role." + r.name()));
        role.setValue(Role.TELLER);
        role.setId("account-role");
        var create = new Button(getTranslation("accounts.create"), e -> {
            try {
                NewAccount created = accounts.create(username.getValue(), displayName.getValue(), role.getValue());
                showPassword(created);
                username.clear();
                displayName.clear();
                refresh();
            } catch (vn.tinnhiem.shared.UserFacingException ex) {
                Notifications.refused(ex);
            }
        });
        create.setId("create-account");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new FormLayout(username, displayName, role, create);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 4));

        grid.addColumn(StaffAccount::username).setHeader(getTranslation("accounts.username")).setAutoWidth(true);
        grid.addColumn(StaffAccount::displayName).setHeader(getTranslation("accounts.displayName")).setFlexGrow(1);
        grid.addColumn(a -> getTranslation("role." + a.role().name())).setHeader(getTranslation("accounts.role"));
        grid.addColumn(a -> getTranslation(a.enabled() ? "accounts.enabled" : "accounts.disabled"))
                .setHeader(getTranslation("accounts.state"));
        grid.addComponentColumn(a -> {
            var reset = Actions.small("accounts.reset", () -> showPassword(accounts.resetPassword(a.id())), this::refresh);
            var toggle = Actions.small(a.enabled() ? "accounts.disable" : "accounts.enable",
                    () -> accounts.setEnabled(a.id(), !a.enabled()), this::refresh);
            return new Span(reset, toggle);
        }).setAutoWidth(true);
        grid.setAllRowsVisible(true);

        add(new H2(getTranslation("accounts.title")), form, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(accounts.list());
    }

    private void showPassword(NewAccount created) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("accounts.oneTime.title"));
        var password = new Span(created.oneTimePassword());
        password.setId("one-time-password");
        password.addClassName("one-time-password");
        dialog.add(new Paragraph(getTranslation("accounts.oneTime.text", created.account().username())), password);
        var close = new Button(getTranslation("common.close"), e -> dialog.close());
        close.setId("close-dialog");
        dialog.getFooter().add(close);
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("accounts.title");
    }
}
