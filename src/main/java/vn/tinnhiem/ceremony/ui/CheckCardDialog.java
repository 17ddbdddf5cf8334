package vn.tinnhiem.ceremony.ui;

import java.util.Arrays;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;

import vn.tinnhiem.ceremony.CardCheck;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.ceremony.SeatCard;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.Notifications;

/**
 * A teller checks their own card back: scanned by a handheld scanner (which types into the field), or typed;
 * the passphrase is asked for when the card has one. A refusal is shown at the field, in words.
 */
class CheckCardDialog extends Dialog {

    private final CeremonyService ceremonies;
    private final long electionId;
    private final SeatCard seat;
    private final Runnable checked;
    private final TextArea card = new TextArea();
    private final PasswordField passphrase = new PasswordField();

    CheckCardDialog(CeremonyService ceremonies, long electionId, SeatCard seat, Runnable checked) {
        this.ceremonies = ceremonies;
        this.electionId = electionId;
        this.seat = seat;
        this.checked = checked;
        setId("check-dialog");
        setHeaderTitle(getTranslation("ceremony.check.title", seat.tellerName(), seat.seat()));
        var body = new VerticalLayout();
        body.setPadding(false);
        card.setLabel(getTranslation("ceremony.check.card"));
        card.setHelperText(getTranslation("ceremony.check.help"));
        card.setId("check-card");
        card.setWidthFull();
        passphrase.setLabel(getTranslation("ceremony.check.passphrase"));
        passphrase.setId("check-passphrase");
        passphrase.setWidthFull();
        passphrase.setVisible(seat.passphrase());
        var submit = new Button(getTranslation("ceremony.check.submit"), e -> submit());
        submit.setId("check-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button(getTranslation("common.cancel"), e -> close());
        cancel.setId("check-cancel");
        body.add(new Paragraph(getTranslation("ceremony.check.explain")), card, passphrase, submit, cancel);
        add(body);
    }

    private void submit() {
        card.setInvalid(false);
        passphrase.setInvalid(false);
        char[] secret = passphrase.isVisible() && !passphrase.isEmpty() ? passphrase.getValue().toCharArray() : null;
        CardCheck result;
        try {
            result = ceremonies.checkCard(electionId, seat.seat(), card.getValue(), secret);
        } catch (UserFacingException ex) {
            card.setErrorMessage(Notifications.translate(ex.key(), ex.args()));
            card.setInvalid(true);
            return;
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
            passphrase.clear();
        }
        if (result.accepted()) {
            card.clear();
            Notifications.success(getTranslation(result.ceremonyComplete() ? "ceremony.check.lastGood"
                    : "ceremony.check.good", seat.tellerName()));
            close();
            checked.run();
            return;
        }
        String reason = result.refusal().orElseThrow();
        if (reason.endsWith("PASSPHRASE_REQUIRED") || reason.endsWith("WRONG_PASSPHRASE")) {
            passphrase.setVisible(true);
            passphrase.setErrorMessage(getTranslation(reason));
            passphrase.setInvalid(true);
        } else {
            card.setErrorMessage(getTranslation(reason));
            card.setInvalid(true);
        }
    }
}
