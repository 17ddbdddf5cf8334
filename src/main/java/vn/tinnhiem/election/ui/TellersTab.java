package vn.tinnhiem.election.ui;

import java.util.List;
import java.util.stream.IntStream;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.account.StaffAccount;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.Teller;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.Actions;
import vn.tinnhiem.shared.ui.Notifications;

/**
 * The tally board as cards: its members, its head, and how many of them must be present to unseal,
 * chosen from a list in words ("2 of 3 members") rather than typed as k.
 */
class TellersTab extends VerticalLayout {

    TellersTab(TallyBoard tallyBoard, AccountService accounts, Election election, boolean editable,
            Runnable changed) {
        setPadding(false);
        ElectionId electionId = election.id();
        // Who sits on a seat may still change after the lists are fixed, until the key is dealt to the seats.
        boolean seatsOpen = tallyBoard.seatAccounts(electionId).isAllowed();
        var tellers = tallyBoard.tellers(electionId);
        var name = new TextField(getTranslation("teller.fullName"));
        name.setId("teller-name");
        var head = new Checkbox(getTranslation("teller.head"));
        head.setId("teller-head");
        var errors = new FieldErrors().on("teller.error.name", name);
        var add = new Button(getTranslation("teller.add"), e -> {
            if (errors.attempt(() -> tallyBoard.addTeller(electionId, name.getValue(), head.getValue()))) {
                changed.run();
            }
        });
        add.setId("add-teller");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new FormLayout(name, head, add);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        var formBox = new VerticalLayout(form, errors.formError());
        formBox.setPadding(false);
        formBox.setVisible(editable);

        var list = Cards.list("tellers");
        List<StaffAccount> tellerAccounts = seatsOpen ? accounts.list().stream()
                .filter(a -> a.role() == Role.TELLER && a.enabled()).toList() : List.of();
        for (Teller t : tellers) {
            String role = t.head() ? getTranslation("teller.headShort") : getTranslation("teller.member");
            var assign = new Actions.RowAction("teller.assign",
                    () -> new SeatAccountDialog(tallyBoard, electionId, t, tellerAccounts, changed).open(), () -> { });
            var menu = editable ? Actions.rowMenu(
                    new Actions.RowAction("teller.makeHead", () -> tallyBoard.setHeadTeller(electionId, t.id()), changed),
                    assign,
                    new Actions.RowAction("common.remove", () -> Confirm.ask(getTranslation("common.remove"),
                            getTranslation("teller.removeConfirm", t.fullName()), getTranslation("common.remove"), true,
                            () -> {
                                if (Notifications.attempt(() -> tallyBoard.removeTeller(electionId, t.id()))) {
                                    changed.run();
                                }
                            }), () -> { }))
                    : seatsOpen ? Actions.rowMenu(assign) : null;
            String account = t.account().map(a -> getTranslation("teller.account", a))
                    .orElse(getTranslation("teller.noAccount"));
            list.add(Cards.card(Cards.main(t.fullName()),
                    Cards.details(role + " · " + getTranslation("teller.seat") + " " + t.seat() + " · " + account), menu));
        }

        int n = tellers.size();
        var k = new Select<Integer>();
        k.setId("threshold-k");
        k.setLabel(getTranslation("teller.threshold"));
        k.setItems(IntStream.rangeClosed(1, Math.max(1, n)).boxed().toList());
        k.setItemLabelGenerator(i -> getTranslation("teller.thresholdOption", i, n));
        k.setValue(Math.min(Math.max(1, election.thresholdK()), Math.max(1, n)));
        k.setReadOnly(!editable);
        k.setWidth("min(24em, 100%)");
        var thresholdErrors = new FieldErrors().on("teller.error.threshold", k);
        var saveK = new Button(getTranslation("common.save"), e -> {
            if (k.getValue() != null && thresholdErrors.attempt(() -> tallyBoard.setThreshold(electionId, k.getValue()))) {
                Notifications.success(getTranslation("common.saved"));
                changed.run();
            }
        });
        saveK.setId("save-threshold");
        saveK.setVisible(editable);
        var threshold = new HorizontalLayout(k, saveK);
        threshold.setAlignItems(Alignment.BASELINE);
        threshold.setWrap(true);
        var help = new Paragraph(getTranslation("teller.thresholdHelp", election.thresholdK(), n));
        help.setId("threshold-help");
        add(formBox, list, threshold, thresholdErrors.formError(), help);
    }
}
