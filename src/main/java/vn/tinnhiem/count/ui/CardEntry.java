package vn.tinnhiem.count.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import java.util.function.Consumer;
import vn.tinnhiem.count.ShareOutcome;
import vn.tinnhiem.count.TotalsUnsealing;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.ComponentTexts;
import vn.tinnhiem.shared.ui.Notifications;
import vn.tinnhiem.shared.ui.QrScanner;

/**
 * A card held to the camera, scanned by a handheld scanner, or typed; its passphrase first if it has one. The
 * code is masked (with a toggle to show it) and emptied after every refusal. A card of another seat than the
 * signed-in teller's is counted only once that seat's teller has typed their own account's password below:
 * the card read waits for it in this component's memory alone, and is dropped on cancel or any other answer.
 */
final class CardEntry extends VerticalLayout {

    /** A good card of another seat, waiting for that seat's teller's password (never shown, never logged). */
    private String pendingCard;
    private char[] pendingPassphrase;

    /** @param counted hears what an accepted card did, to say beside the seats once the screen is rebuilt */
    CardEntry(TotalsUnsealing unsealing, ElectionId electionId, Consumer<String> counted) {
        setPadding(false);
        setId("count-card-entry");
        var passphrase = new PasswordField(getTranslation("count.card.passphrase"));
        ComponentTexts.reveal(passphrase);
        passphrase.setId("count-passphrase");
        passphrase.setWidthFull();
        passphrase.setHelperText(getTranslation("count.card.passphraseHelp"));
        var scanner = QrScanner.secret();
        scanner.setId("count-card");
        scanner.setLabel(getTranslation("count.card.code"));
        scanner.setSubmitText(getTranslation("count.card.submit"));

        var holder = new VerticalLayout();
        holder.setPadding(false);
        holder.setId("count-holder");
        holder.setVisible(false);
        var holderExplain = new Paragraph();
        holderExplain.setId("count-holder-explain");
        var holderPassword = new PasswordField();
        ComponentTexts.reveal(holderPassword);
        holderPassword.setId("count-holder-password");
        holderPassword.setWidthFull();
        holderPassword.getElement().setAttribute("autocomplete", "current-password");
        var confirm = new Button(getTranslation("count.holder.confirm"));
        confirm.setId("count-holder-confirm");
        confirm.setMinHeight("44px");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button(getTranslation("common.cancel"));
        cancel.setId("count-holder-cancel");
        cancel.setMinHeight("44px");
        holder.add(new H2(getTranslation("count.holder.title")), holderExplain, holderPassword, confirm, cancel);

        Runnable forget = () -> {
            pendingCard = null;
            if (pendingPassphrase != null) {
                java.util.Arrays.fill(pendingPassphrase, '\0');
                pendingPassphrase = null;
            }
            holderPassword.clear();
            holderPassword.setInvalid(false);
            holder.setVisible(false);
        };
        // One reading of a card, first without and then with its holder's password.
        java.util.function.BiConsumer<String, char[]> read = (text, holderSecret) -> {
            char[] secret = pendingPassphrase != null ? pendingPassphrase.clone()
                    : passphrase.isEmpty() ? null : passphrase.getValue().toCharArray();
            char[] kept = secret == null ? null : secret.clone();
            passphrase.clear();
            passphrase.setInvalid(false);
            ShareOutcome outcome;
            try {
                outcome = unsealing.unsealWithCard(electionId, text, secret, holderSecret);
            } catch (UserFacingException ex) {
                forget.run();
                scanner.showError(Notifications.translate(ex.key(), ex.args()));
                return;
            } finally {
                holderPassword.clear();
            }
            switch (outcome) {
                case ShareOutcome.Accepted a -> {
                    if (kept != null) {
                        java.util.Arrays.fill(kept, '\0');
                    }
                    forget.run();
                    scanner.clearField();
                    counted.accept(getTranslation(a.counted() ? "count.card.lastGood" : "count.card.good",
                            a.seat(), a.tellerName()));
                }
                case ShareOutcome.HolderNeeded h -> {
                    // The code leaves the screen; the card read waits here for its holder's password.
                    scanner.clearField();
                    pendingCard = text;
                    if (pendingPassphrase != kept && pendingPassphrase != null) {
                        java.util.Arrays.fill(pendingPassphrase, '\0');
                    }
                    pendingPassphrase = kept;
                    holderExplain.setText(getTranslation("count.holder.explain", h.seat(), h.tellerName()));
                    holderPassword.setLabel(getTranslation("count.holder.password"));
                    boolean first = h.reasonKey().equals("holder.error.passwordNeeded") && holderSecret == null;
                    holderPassword.setInvalid(!first);
                    holderPassword.setErrorMessage(first ? null
                            : getTranslation(h.reasonKey(), h.seat(), h.tellerName()));
                    holder.setVisible(true);
                    holderPassword.focus();
                }
                case ShareOutcome.Refused r -> {
                    if (kept != null) {
                        java.util.Arrays.fill(kept, '\0');
                    }
                    forget.run();
                    String message = getTranslation(r.reasonKey(), r.args().toArray());
                    if (r.reasonKey().endsWith("PASSPHRASE_REQUIRED") || r.reasonKey().endsWith("WRONG_PASSPHRASE")) {
                        scanner.clearField();
                        passphrase.setErrorMessage(message);
                        passphrase.setInvalid(true);
                    } else {
                        scanner.showError(message);
                    }
                }
            }
        };
        scanner.addScanListener(text -> {
            forget.run();
            read.accept(text, null);
        });
        confirm.addClickListener(e -> {
            if (pendingCard == null) {
                forget.run();
                return;
            }
            char[] typed = holderPassword.isEmpty() ? null : holderPassword.getValue().toCharArray();
            read.accept(pendingCard, typed);
        });
        cancel.addClickListener(e -> forget.run());
        addDetachListener(e -> forget.run());
        add(new H2(getTranslation("count.card")), new Paragraph(getTranslation("count.card.explain")), passphrase,
                scanner, holder);
    }
}
