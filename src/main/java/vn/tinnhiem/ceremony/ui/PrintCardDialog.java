package vn.tinnhiem.ceremony.ui;

import java.util.Arrays;
import java.util.Optional;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.ComponentTexts;
import vn.tinnhiem.ceremony.CardPassphrase;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.ceremony.SeatCard;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.Notifications;
import vn.tinnhiem.shared.ui.OneTimeFile;

/**
 * Prints one seat's card for the teller of that seat, and for no one else: the teller first confirms who they
 * are with their own account's password ("Xác nhận người nhận thẻ"; the server checks it, and counts a wrong one
 * like a failed sign-in), may type a passphrase of their own for the card (twice, checked at the field), and the
 * card's PDF is then offered once, in this dialog. Closed (a button or Esc) before the PDF was downloaded, the
 * dialog asks first; the card not taken is then destroyed and the seat may be printed again, the other seats'
 * cards standing.
 */
class PrintCardDialog extends Dialog {

    private final CeremonyService ceremonies;
    private final ElectionId electionId;
    private final SeatCard seat;
    private final VerticalLayout body = new VerticalLayout();
    private final PasswordField holderPassword = new PasswordField();
    private final Checkbox protect = new Checkbox();
    private final PasswordField passphrase = new PasswordField();
    private final PasswordField again = new PasswordField();
    private OneTimeFile file = null;

    PrintCardDialog(CeremonyService ceremonies, ElectionId electionId, SeatCard seat, Runnable closed) {
        this.ceremonies = ceremonies;
        this.electionId = electionId;
        this.seat = seat;
        setId("print-dialog");
        setHeaderTitle(getTranslation("ceremony.print.title", seat.tellerName(), seat.seat()));
        setCloseOnOutsideClick(false);
        body.setPadding(false);
        add(body);

        var holderHeading = new H2(getTranslation("ceremony.holder.title"));
        holderHeading.setId("print-holder-heading");
        var holderExplain = new Paragraph(seat.account()
                .map(a -> getTranslation("ceremony.holder.explain", seat.tellerName(), seat.seat(), a))
                .orElseGet(() -> getTranslation("holder.error.noAccount", seat.seat())));
        holderExplain.setId("print-holder-explain");
        holderPassword.setLabel(getTranslation("ceremony.holder.password"));
        ComponentTexts.reveal(holderPassword);
        ComponentTexts.reveal(passphrase);
        ComponentTexts.reveal(again);
        holderPassword.setId("print-holder-password");
        holderPassword.setWidthFull();
        holderPassword.getElement().setAttribute("autocomplete", "current-password");
        holderPassword.setEnabled(seat.account().isPresent());

        protect.setLabel(getTranslation("ceremony.print.protect"));
        protect.setId("print-protect");
        passphrase.setLabel(getTranslation("ceremony.print.passphrase"));
        passphrase.setHelperText(getTranslation("ceremony.print.help", CardPassphrase.MIN_LENGTH));
        passphrase.setId("print-passphrase");
        again.setLabel(getTranslation("ceremony.print.again"));
        again.setId("print-again");
        passphrase.setVisible(false);
        again.setVisible(false);
        protect.addValueChangeListener(e -> {
            passphrase.setVisible(e.getValue());
            again.setVisible(e.getValue());
        });
        passphrase.setWidthFull();
        again.setWidthFull();
        var make = new Button(getTranslation("ceremony.print.make"), e -> make());
        make.setId("print-make");
        make.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        make.setEnabled(seat.account().isPresent());
        var cancel = new Button(getTranslation("common.cancel"), e -> attemptClose());
        cancel.setId("print-cancel");
        body.add(holderHeading, holderExplain, holderPassword, new Paragraph(getTranslation("ceremony.print.explain")),
                protect, passphrase, again, make, cancel);
        addDialogCloseActionListener(e -> attemptClose());
        addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                // The bytes are zeroed here if nobody took them; only then is the seat open to print again.
                if (file != null && file.forget()) {
                    boolean[] reopened = {false};
                    Notifications.attempt(() -> reopened[0] = ceremonies.withdrawCard(electionId, seat.seat()));
                    if (reopened[0]) {
                        Notifications.success(getTranslation("ceremony.print.withdrawn", seat.seat()));
                    }
                }
                closed.run();
            }
        });
    }

    /** Closes at once, unless a card was made and not yet downloaded: that is asked first. */
    private void attemptClose() {
        if (file == null || file.taken()) {
            close();
            return;
        }
        var confirm = new ConfirmDialog();
        confirm.setId("print-close-confirm");
        confirm.setHeader(getTranslation("ceremony.print.notTaken.title"));
        confirm.setText(getTranslation("ceremony.print.notTaken", seat.seat(), seat.tellerName()));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("ceremony.print.notTaken.back"));
        confirm.setConfirmText(getTranslation("ceremony.print.notTaken.close"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(c -> close());
        confirm.open();
    }

    private void make() {
        holderPassword.setInvalid(false);
        passphrase.setInvalid(false);
        again.setInvalid(false);
        char[] secret = null;
        if (protect.getValue()) {
            secret = passphrase.getValue().toCharArray();
            Optional<String> problem = CardPassphrase.problem(secret);
            if (problem.isPresent()) {
                passphrase.setErrorMessage(getTranslation(problem.get(), CardPassphrase.MIN_LENGTH));
                passphrase.setInvalid(true);
                Arrays.fill(secret, '\0');
                return;
            }
            if (!passphrase.getValue().equals(again.getValue())) {
                again.setErrorMessage(getTranslation("ceremony.print.mismatch"));
                again.setInvalid(true);
                Arrays.fill(secret, '\0');
                return;
            }
        }
        char[] holder = holderPassword.isEmpty() ? null : holderPassword.getValue().toCharArray();
        byte[] pdf;
        try {
            pdf = ceremonies.issueCard(electionId, seat.seat(), secret, holder);
        } catch (UserFacingException ex) {
            String message = Notifications.translate(ex.key(), ex.args());
            if (ex.key().startsWith("holder.error.")) {
                holderPassword.setErrorMessage(message);
                holderPassword.setInvalid(true);
                holderPassword.focus();
                return;
            }
            Notifications.refused(ex);
            close();
            return;
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
            if (holder != null) {
                Arrays.fill(holder, '\0');
            }
            // The fields' values are Strings the server cannot zero: at least they are dropped at once.
            holderPassword.clear();
            passphrase.clear();
            again.clear();
        }
        offer(pdf);
    }

    /** The card's PDF, once, and what to do with it. */
    private void offer(byte[] pdf) {
        file = new OneTimeFile(pdf);
        OneTimeFile once = file;
        String fileName = "the-khoa-ghe-" + seat.seat() + ".pdf";
        int seatNumber = seat.seat();
        var link = new Anchor(DownloadHandler.fromInputStream(event -> once.take()
                .map(in -> {
                    // Served: the seat's share goes now, and the card can never be printed again.
                    ceremonies.cardTaken(electionId, seatNumber);
                    return new DownloadResponse(in, fileName, "application/pdf", once.length());
                })
                .orElseGet(() -> DownloadResponse.error(410))), getTranslation("ceremony.download"));
        link.setId("print-download");
        link.addClassName("download-link");
        link.getStyle().set("min-height", "44px").set("display", "inline-flex").set("align-items", "center")
                .set("font-weight", "600");
        var done = new Button(getTranslation("ceremony.print.done"), e -> attemptClose());
        done.setId("print-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        body.removeAll();
        var ready = new Paragraph(getTranslation("ceremony.print.ready", seat.tellerName()));
        ready.setId("print-ready");
        body.add(ready, link, done);
    }
}
