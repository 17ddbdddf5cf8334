package vn.tinnhiem.election.ui;

import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.account.StaffAccount;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Supervisors;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.Actions;
import vn.tinnhiem.shared.ui.Notifications;

/**
 * The supervisors named for the conference, as cards: each watches this conference's live figures and
 * nothing else. Chosen among the SUPERVISOR accounts, never typed, like a tally board seat's account;
 * they may be named or removed in any status until the count is done.
 */
class SupervisorsTab extends VerticalLayout {

    SupervisorsTab(Supervisors supervisors, AccountService accounts, Election election, Runnable changed) {
        setPadding(false);
        ElectionId electionId = election.id();
        boolean open = supervisors.changing(election).isAllowed();
        List<String> named = supervisors.named(electionId);
        List<StaffAccount> supervisorAccounts = accounts.list().stream()
                .filter(a -> a.role() == Role.SUPERVISOR).toList();

        var intro = new Paragraph(getTranslation("supervisor.intro"));
        intro.setId("supervisors-intro");
        add(intro);

        var account = new Select<String>();
        account.setId("supervisor-account");
        account.setLabel(getTranslation("supervisor.account"));
        account.setPlaceholder(getTranslation("supervisor.choose"));
        List<String> choices = supervisorAccounts.stream().filter(StaffAccount::enabled).map(StaffAccount::username)
                .filter(u -> !named.contains(u)).toList();
        account.setItems(choices);
        account.setItemLabelGenerator(u -> label(supervisorAccounts, u));
        account.setWidth("min(24em, 100%)");
        var errors = new FieldErrors().on("supervisor.error.choose", account)
                .on("supervisor.error.notASupervisor", account).on("supervisor.error.already", account);
        var add = new Button(getTranslation("supervisor.add"), e -> {
            if (errors.attempt(() -> supervisors.addSupervisor(electionId, account.getValue()))) {
                changed.run();
            }
        });
        add.setId("add-supervisor");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(account, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        var formBox = new VerticalLayout(form, errors.formError());
        formBox.setPadding(false);
        formBox.setVisible(open);
        add(formBox);
        if (open && supervisorAccounts.stream().noneMatch(StaffAccount::enabled)) {
            var none = new Paragraph(getTranslation("supervisor.noAccounts"));
            none.setId("no-supervisor-accounts");
            add(none);
        }
        if (!open) {
            var locked = new Paragraph(getTranslation("supervisor.locked"));
            locked.setId("supervisors-locked");
            add(locked);
        }

        var list = Cards.list("supervisors");
        if (named.isEmpty()) {
            var none = new Paragraph(getTranslation("supervisor.none"));
            none.setId("no-supervisor");
            list.add(none);
        }
        for (String username : named) {
            String name = supervisorAccounts.stream().filter(a -> a.username().equals(username)).findFirst()
                    .map(StaffAccount::displayName).orElse(username);
            var menu = open ? Actions.rowMenu(new Actions.RowAction("common.remove",
                    () -> Confirm.ask(getTranslation("common.remove"), getTranslation("supervisor.removeConfirm", name),
                            getTranslation("common.remove"), true, () -> {
                                if (Notifications.attempt(() -> supervisors.removeSupervisor(electionId, username))) {
                                    changed.run();
                                }
                            }), () -> { })) : null;
            list.add(Cards.card(Cards.main(name), Cards.details(getTranslation("supervisor.details", username)), menu));
        }
        add(list);
    }

    private static String label(List<StaffAccount> accounts, String username) {
        return accounts.stream().filter(a -> a.username().equals(username)).findFirst()
                .map(a -> a.displayName() + " (" + a.username() + ")").orElse(username);
    }
}
