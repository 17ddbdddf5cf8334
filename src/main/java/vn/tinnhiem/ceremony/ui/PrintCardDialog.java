package vn.tinnhiem.ceremony.ui;

import java.util.Arrays;
import java.util.Optional;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import vn.tinnhiem.ceremony.CardPassphrase;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.ceremony.SeatCard;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.Notifications;

/**
 * Prints one seat's card: the teller may first type a passphrase of their own (twice, checked at the field);
 * then the card's PDF is offered once, in this dialog, until its teller has it. Closing the dialog forgets the
 * file either way.
 */
class PrintCardDialog extends Dialog {

    private final CeremonyService ceremonies;
    private final long electionId;
    private final SeatCard seat;
    private final VerticalLayout body = new VerticalLayout();
    private final Checkbox protect = new Checkbox();
    private final PasswordField passphrase = new PasswordField();
    private final PasswordField again = new PasswordField();
    private OneTimeFile file = null;

    PrintCardDialog(CeremonyService ceremonies, long electionId, SeatCard seat, Runnable closed) {
        this.ceremonies = ceremonies;
        this.electionId = electionId;
        this.seat = seat;
        setId("print-dialog");
        setHeaderTitle(getTranslation("ceremony.print.title", seat.tellerName(), seat.seat()));
        setCloseOnOutsideClick(false);
        body.setPadding(false);
        add(body);
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
        var cancel = new Button(getTranslation("common.cancel"), e -> close());
        cancel.setId("print-cancel");
        body.add(new Paragraph(getTranslation("ceremony.print.explain")), protect, passphrase, again, make, cancel);
        addDialogCloseActionListener(e -> close());
        addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                if (file != null) {
                    file.forget();
                }
                closed.run();
            }
        });
    }

    private void make() {
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
        byte[] pdf;
        try {
            pdf = ceremonies.issueCard(electionId, seat.seat(), secret);
        } catch (UserFacingException ex) {
            Notifications.refused(ex);
            close();
            return;
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
            // The fields' values are Strings the server cannot zero: at least they are dropped at once.
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
        var link = new Anchor(DownloadHandler.fromInputStream(event -> once.take()
                .map(in -> new DownloadResponse(in, fileName, "application/pdf", once.length()))
                .orElseGet(() -> DownloadResponse.error(410))), getTranslation("ceremony.download"));
        link.setId("print-download");
        link.addClassName("download-link");
        link.getStyle().set("min-height", "44px").set("display", "inline-flex").set("align-items", "center")
                .set("font-weight", "600");
        var done = new Button(getTranslation("ceremony.print.done"), e -> close());
        done.setId("print-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        body.removeAll();
        body.add(new Paragraph(getTranslation("ceremony.print.ready", seat.tellerName())), link, done);
    }
}
