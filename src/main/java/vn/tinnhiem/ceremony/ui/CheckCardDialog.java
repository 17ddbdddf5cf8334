package vn.tinnhiem.ceremony.ui;

import java.util.Arrays;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;

import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.ComponentTexts;
import vn.tinnhiem.ceremony.CardCheck;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.ceremony.SeatCard;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.Notifications;
import vn.tinnhiem.shared.ui.QrScanner;

/**
 * A teller checks their own card back: held to the console's camera, scanned by a handheld scanner (which types
 * into the field), or typed; the passphrase, when the card has one, is typed first. A refusal is shown at the
 * field, in words (naming the group of four to look at, for a typing slip). The code is masked as it is typed,
 * with a toggle to show it, and emptied after every refusal: it never stays on screen, nor goes into a message.
 */
class CheckCardDialog extends Dialog {

    private final CeremonyService ceremonies;
    private final ElectionId electionId;
    private final SeatCard seat;
    private final Runnable checked;
    private final QrScanner card = QrScanner.secret();
    private final PasswordField passphrase = new PasswordField();

    CheckCardDialog(CeremonyService ceremonies, ElectionId electionId, SeatCard seat, Runnable checked) {
        this.ceremonies = ceremonies;
        this.electionId = electionId;
        this.seat = seat;
        this.checked = checked;
        setId("check-dialog");
        setHeaderTitle(getTranslation("ceremony.check.title", seat.tellerName(), seat.seat()));
        var body = new VerticalLayout();
        body.setPadding(false);
        card.setLabel(getTranslation("ceremony.check.card"));
        card.setSubmitText(getTranslation("ceremony.check.submit"));
        card.setId("check-card");
        card.addScanListener(this::submit);
        passphrase.setLabel(getTranslation("ceremony.check.passphrase"));
        ComponentTexts.reveal(passphrase);
        passphrase.setId("check-passphrase");
        passphrase.setWidthFull();
        passphrase.setVisible(seat.passphrase());
        var cancel = new Button(getTranslation("common.cancel"), e -> close());
        cancel.setId("check-cancel");
        // The passphrase comes first: a scan submits at once.
        body.add(new Paragraph(getTranslation("ceremony.check.explain")), passphrase, card, cancel);
        add(body);
    }

    private void submit(String text) {
        passphrase.setInvalid(false);
        char[] secret = passphrase.isVisible() && !passphrase.isEmpty() ? passphrase.getValue().toCharArray() : null;
        CardCheck result;
        try {
            result = ceremonies.checkCard(electionId, seat.seat(), text, secret);
        } catch (UserFacingException ex) {
            card.showError(Notifications.translate(ex.key(), ex.args()));
            return;
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
            passphrase.clear();
        }
        if (result.accepted()) {
            card.clearField();
            card.pause();
            Notifications.success(getTranslation(result.ceremonyComplete() ? "ceremony.check.lastGood"
                    : "ceremony.check.good", seat.tellerName()));
            close();
            checked.run();
            return;
        }
        String reason = result.refusal().orElseThrow();
        String message = getTranslation(reason, result.args().toArray());
        if (reason.endsWith("PASSPHRASE_REQUIRED") || reason.endsWith("WRONG_PASSPHRASE")) {
            card.clearField();
            passphrase.setVisible(true);
            passphrase.setErrorMessage(message);
            passphrase.setInvalid(true);
        } else {
            card.showError(message);
        }
    }
}
