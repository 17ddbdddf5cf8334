package vn.tinnhiem.election.ui;

import java.util.List;
import java.util.Optional;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;

import vn.tinnhiem.account.StaffAccount;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.Teller;
import vn.tinnhiem.shared.ElectionId;

/**
 * Ties a seat on the tally board to the TELLER account of the person who sits there: a choice among the
 * tally board's accounts, never a typed name, so a typing slip cannot seat a stranger.
 */
class SeatAccountDialog extends Dialog {

    SeatAccountDialog(TallyBoard tallyBoard, ElectionId electionId, Teller seat, List<StaffAccount> tellerAccounts,
            Runnable changed) {
        setHeaderTitle(getTranslation("teller.assign.title", seat.seat(), seat.fullName()));
        var account = new Select<String>();
        account.setId("seat-account");
        account.setLabel(getTranslation("teller.assign.account"));
        account.setEmptySelectionAllowed(true);
        account.setEmptySelectionCaption(getTranslation("teller.assign.none"));
        account.setItems(tellerAccounts.stream().map(StaffAccount::username).toList());
        account.setItemLabelGenerator(username -> username == null ? getTranslation("teller.assign.none")
                : tellerAccounts.stream().filter(a -> a.username().equals(username)).findFirst()
                        .map(a -> a.displayName() + " (" + a.username() + ")").orElse(username));
        account.setValue(seat.account().orElse(null));
        account.setWidthFull();
        var errors = new FieldErrors().on("teller.error.notATeller", account).on("teller.error.alreadySeated", account)
                .on("teller.error.seatLocked", account);
        add(new Paragraph(getTranslation("teller.assign.help")), account, errors.formError());
        var save = new Button(getTranslation("teller.assign.save"), e -> {
            if (errors.attempt(() -> tallyBoard.setSeatAccount(electionId, seat.id(),
                    Optional.ofNullable(account.getValue())))) {
                close();
                changed.run();
            }
        });
        save.setId("save-seat-account");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button(getTranslation("common.cancel"), e -> close());
        getFooter().add(cancel, save);
        setWidth("min(32rem, calc(100vw - 16px))");
    }
}
