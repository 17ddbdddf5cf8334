package vn.tinnhiem.account.ui;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
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
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.Cells;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.ui.Notifications;
import vn.tinnhiem.shared.Roles;

/**
 * The administrator creates tellers' and supervisors' accounts; each gets a one-time password. Each
 * account is a card (name, details beneath, one "⋮" menu) that fits a phone; what ends a session or
 * a password is confirmed first.
 */
@Route(value = "accounts", layout = MainLayout.class)
@Menu(title = "menu.accounts", order = 5)
@RolesAllowed(Roles.ADMIN)
public class AccountsView extends VerticalLayout implements HasDynamicTitle {

    private static final String TOUCH = "44px";

    private final AccountService accounts;
    private final DateTimeFormatter lockTime;
    private final Grid<StaffAccount> grid = new Grid<>();

    public AccountsView(AccountService accounts, Clock clock) {
        this.accounts = accounts;
        // Fields a finger can hit (44 px), as the buttons are.
        addClassName("touch-fields");
        this.lockTime = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(clock.getZone());

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
            username.setInvalid(false);
            displayName.setInvalid(false);
            try {
                NewAccount created = accounts.create(username.getValue(), displayName.getValue(), role.getValue());
                showPassword(created);
                username.clear();
                displayName.clear();
                refresh();
            } catch (UserFacingException ex) {
                // At the field it is about, not over the form.
                TextField field = ex.key().equals("account.error.displayName") ? displayName
                        : ex.key().startsWith("account.error.") ? username : null;
                if (field == null) {
                    Notifications.refused(ex);
                } else {
                    field.setErrorMessage(Notifications.translate(ex.key(), ex.args()));
                    field.setInvalid(true);
                }
            }
        });
        create.setId("create-account");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new FormLayout(username, displayName, role, create);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 4));

        grid.setId("accounts");
        grid.addColumn(Cells.nameWithDetails(StaffAccount::displayName, this::details))
                .setHeader(getTranslation("accounts.displayName")).setFlexGrow(1);
        grid.addComponentColumn(this::rowMenu).setWidth("6em").setFlexGrow(0);
        grid.setAllRowsVisible(true);

        add(new H1(getTranslation("accounts.title")), form, grid);
        refresh();
    }

    private String details(StaffAccount a) {
        return a.username() + " · " + getTranslation("role." + a.role().name()) + " · " + state(a);
    }

    private String state(StaffAccount a) {
        if (!a.enabled()) {
            return getTranslation("accounts.disabled");
        }
        if (a.lockedUntil().isPresent()) {
            return getTranslation("accounts.locked", lockTime.format(a.lockedUntil().get()));
        }
        if (a.mustChangePassword()) {
            return getTranslation("accounts.mustChange");
        }
        return getTranslation("accounts.enabled");
    }

    /** One "⋮" per card (44 px square through the row-menu style), and items a finger can hit. */
    private MenuBar rowMenu(StaffAccount a) {
        var menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_ICON);
        menu.addClassName("row-menu");
        menu.setId("account-menu-" + a.username());
        var root = menu.addItem(VaadinIcon.ELLIPSIS_DOTS_V.create());
        root.setAriaLabel(getTranslation("common.actions"));
        List<com.vaadin.flow.component.contextmenu.MenuItem> items = new ArrayList<>();
        if (a.lockedUntil().isPresent()) {
            items.add(root.getSubMenu().addItem(getTranslation("accounts.unlock"), e -> {
                if (Notifications.attempt(() -> accounts.unlock(a.id()))) {
                    Notifications.success(getTranslation("accounts.unlocked", a.username()));
                    refresh();
                }
            }));
        }
        items.add(root.getSubMenu().addItem(getTranslation("accounts.reset"), e -> confirm(
                getTranslation("accounts.reset.title", a.username()), getTranslation("accounts.reset.text", a.username()),
                getTranslation("accounts.reset"), () -> {
                    try {
                        NewAccount reset = accounts.resetPassword(a.id());
                        refresh();
                        showPassword(reset);
                    } catch (UserFacingException ex) {
                        Notifications.refused(ex);
                    }
                })));
        if (a.enabled()) {
            items.add(root.getSubMenu().addItem(getTranslation("accounts.disable"), e -> confirm(
                    getTranslation("accounts.disable.title", a.username()),
                    getTranslation("accounts.disable.text", a.username()), getTranslation("accounts.disable"), () -> {
                        if (Notifications.attempt(() -> accounts.setEnabled(a.id(), false))) {
                            refresh();
                        }
                    })));
        } else {
            items.add(root.getSubMenu().addItem(getTranslation("accounts.enable"), e -> {
                if (Notifications.attempt(() -> accounts.setEnabled(a.id(), true))) {
                    refresh();
                }
            }));
        }
        items.forEach(i -> i.getElement().getStyle().set("min-height", TOUCH));
        return menu;
    }

    private void confirm(String title, String text, String action, Runnable confirmed) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(title);
        dialog.add(new Paragraph(text));
        var cancel = new Button(getTranslation("common.cancel"), e -> dialog.close());
        cancel.setId("confirm-cancel");
        var ok = new Button(action, e -> {
            dialog.close();
            confirmed.run();
        });
        ok.setId("confirm-action");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(cancel, ok);
        dialog.open();
    }

    private void refresh() {
        grid.setItems(accounts.list());
    }

    /**
     * The password is shown once: Esc or a tap beside the dialog asks before closing instead of losing
     * it, and it can be copied or printed for the person it belongs to.
     */
    private void showPassword(NewAccount created) {
        String user = created.account().username();
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("accounts.oneTime.title"));
        var password = new Span(created.oneTimePassword());
        password.setId("one-time-password");
        password.addClassName("one-time-password");
        password.getStyle().set("font-family", "monospace").set("font-size", "1.6em").set("letter-spacing", "0.12em")
                .set("user-select", "all");
        var copy = new Button(getTranslation("accounts.oneTime.copy"), VaadinIcon.COPY.create());
        copy.setId("copy-password");
        // Runs in the browser, inside the tap itself, as the clipboard and pop-up windows require.
        copy.getElement().executeJs("""
                const button = this;
                this.addEventListener('click', async () => {
                  const text = $0;
                  try { await navigator.clipboard.writeText(text); }
                  catch (e) {
                    const area = document.createElement('textarea');
                    area.value = text; document.body.appendChild(area); area.select();
                    document.execCommand('copy'); area.remove();
                  }
                  button.setAttribute('data-copied', 'true');
                  button.textContent = $1;
                });""", created.oneTimePassword(), getTranslation("accounts.oneTime.copied"));
        var print = new Button(getTranslation("accounts.oneTime.print"), VaadinIcon.PRINT.create());
        print.setId("print-password");
        print.getElement().executeJs("""
                this.addEventListener('click', () => {
                  const w = window.open('', '_blank', 'width=600,height=400');
                  if (!w) return;
                  const d = w.document;
                  const h = d.createElement('h2'); h.textContent = $0;
                  const p = d.createElement('p'); p.textContent = $1;
                  p.style.cssText = 'font: 2em monospace; letter-spacing: 0.15em';
                  d.body.append(h, p);
                  w.focus(); w.print(); w.close();
                });""", getTranslation("accounts.oneTime.printTitle", user), created.oneTimePassword());
        var tools = new Div(copy, print);
        tools.getStyle().set("display", "flex").set("gap", "0.5em").set("flex-wrap", "wrap");
        dialog.add(new Paragraph(getTranslation("accounts.oneTime.text", user)), password, tools);

        var done = new Button(getTranslation("accounts.oneTime.done"), e -> dialog.close());
        done.setId("close-dialog");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        // With this listener, Esc and a tap outside no longer close the dialog by themselves.
        dialog.addDialogCloseActionListener(e -> askBeforeClosing(dialog));
        dialog.open();
    }

    private void askBeforeClosing(Dialog passwordDialog) {
        var ask = new Dialog();
        ask.setId("close-password-question");
        ask.setHeaderTitle(getTranslation("accounts.oneTime.confirmTitle"));
        ask.add(new Paragraph(getTranslation("accounts.oneTime.confirmText")));
        ask.setCloseOnEsc(false);
        ask.setCloseOnOutsideClick(false);
        var back = new Button(getTranslation("accounts.oneTime.back"), e -> ask.close());
        back.setId("keep-password-open");
        back.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var close = new Button(getTranslation("accounts.oneTime.closeAnyway"), e -> {
            ask.close();
            passwordDialog.close();
        });
        close.setId("close-password-anyway");
        ask.getFooter().add(close, back);
        ask.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("accounts.title");
    }
}
