package vn.tinnhiem.kiosk.ui;

import java.util.List;
import java.util.Optional;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

import vn.tinnhiem.voting.BallotForm;
import vn.tinnhiem.voting.CheckOutcome;

/**
 * The screens that end a voter's turn on a {@link KioskView}: done (with the tracking code), the opened ballot of
 * a check, a refusal, a tablet fault; each with "Xong" and the countdown back to the scan. They show what they
 * are given and keep nothing of the voter but the countdown.
 */
final class KioskVoterScreens {

    private final KioskView view;
    private final int doneSeconds;
    /** The seconds left on "done" (or "refused", "opened"), counted down on the screen. */
    private Paragraph doneCountdown;
    private long shownAt = System.nanoTime();

    KioskVoterScreens(KioskView view, int doneSeconds) {
        this.view = view;
        this.doneSeconds = doneSeconds;
    }

    /** The page's poll on done, refused and opened: moves the countdown, or goes back to the scan at its end. */
    void tick(long now) {
        long left = doneSeconds - (now - shownAt) / 1_000_000_000L;
        if (left <= 0) {
            view.backToIdle();
        } else if (doneCountdown != null) {
            doneCountdown.setText(view.getTranslation("kiosk.done.countdown", left));
        }
    }

    /** The turn is over: no countdown any more. */
    void forget() {
        doneCountdown = null;
    }

    /**
     * The checked ballot as the server opened it: each candidate and the level in the ballot (what the tablet
     * really sealed), a QR of it for the voter's phone, and "Bỏ phiếu lại" for a fresh ballot on the same card.
     */
    void showOpened(Optional<BallotForm> form, CheckOutcome.Opened opened, Runnable onAgain) {
        var title = new H1(view.getTranslation("kiosk.opened.title"));
        title.addClassName("kiosk-title");
        var text = new Paragraph(view.getTranslation("kiosk.opened.text"));
        text.addClassName("kiosk-text");
        var code = trackingCode(opened.trackingCode(), "kiosk-opened-code");
        var list = new Div();
        list.addClassName("kiosk-review-list");
        list.setId("kiosk-opened-list");
        List<String> levels = opened.levels();
        for (int i = 0; i < levels.size(); i++) {
            int order = i + 1;
            String name = form.filter(f -> f.candidates().size() >= order).map(f -> f.candidates().get(order - 1).name())
                    .orElse("");
            var who = new Div(new Span(view.getTranslation("kiosk.ballot.order", order)), new Span(" " + name));
            who.addClassName("kiosk-review-name");
            String level = levels.get(i);
            var choice = new Div(level == null ? view.getTranslation("kiosk.opened.blank")
                    : view.getTranslation("level." + level));
            choice.addClassName(level == null ? "kiosk-review-blank" : "kiosk-review-choice");
            var row = new Div(who, choice);
            row.addClassName("kiosk-review-row");
            row.setId("kiosk-opened-" + order);
            row.getElement().setAttribute("data-level", level == null ? "" : level);
            list.add(row);
        }
        String qrText = openedText(opened.trackingCode(), levels);
        var qr = new Image(EnrollmentQr.dataUrl(qrText), view.getTranslation("kiosk.opened.qrAlt"));
        qr.setId("kiosk-opened-qr");
        qr.addClassName("kiosk-opened-qr");
        qr.getElement().setAttribute("data-text", qrText);
        var qrText1 = new Paragraph(view.getTranslation("kiosk.opened.qr"));
        qrText1.addClassName("kiosk-text");
        var again = new Button(view.getTranslation("kiosk.opened.again"), e -> onAgain.run());
        again.setId("kiosk-again");
        again.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        again.addClassName("kiosk-big-button");
        var finish = finishButton();
        finish.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var actions = new Div(again, finish);
        actions.addClassName("kiosk-review-actions");
        var screen = new Div(title, text, code, list, qr, qrText1, actions, countdown());
        screen.setId("kiosk-opened");
        screen.addClassName("kiosk-screen");
        screen.addClassName("kiosk-voter-screen");
        view.showStep(KioskView.Screen.OPENED, screen);
    }

    void showDone(String trackingCode) {
        var title = new H1(view.getTranslation("kiosk.done.title"));
        title.addClassName("kiosk-title");
        title.addClassName("kiosk-done-title");
        var label = new Paragraph(view.getTranslation("kiosk.done.code"));
        label.addClassName("kiosk-text");
        var code = trackingCode(trackingCode, "kiosk-tracking-code");
        var text = new Paragraph(view.getTranslation("kiosk.done.text"));
        text.addClassName("kiosk-text");
        var done = new Div(title, label, code, text, finishButton(), countdown());
        done.setId("kiosk-done");
        done.addClassName("kiosk-screen");
        view.showStep(KioskView.Screen.DONE, done);
    }

    /**
     * The opened ballot as a short text for the voter's phone (the QR on the opened screen), to compare with the
     * checked ballots published in the election record: "TN1C", the tracking code, then each candidate's level in
     * ballot order ("-" for a blank), e.g. {@code TN1C ABCD-EFGH-JKMN-PQRS HIGH,LOW,-,MEDIUM}.
     */
    static String openedText(String trackingCode, List<String> levels) {
        var text = new StringBuilder("TN1C ").append(trackingCode).append(' ');
        for (int i = 0; i < levels.size(); i++) {
            text.append(i == 0 ? "" : ",").append(levels.get(i) == null ? "-" : levels.get(i));
        }
        return text.toString();
    }

    private static Div trackingCode(String trackingCode, String id) {
        var code = new Div();
        code.setId(id);
        code.addClassName("kiosk-tracking-code");
        for (String group : trackingCode.split("-")) {
            var part = new Span(group);
            part.addClassName("kiosk-code-group");
            code.add(part);
        }
        code.getElement().setAttribute("aria-label", trackingCode);
        return code;
    }

    /** The tablet is at fault (its ballot failed a check, or did not open): the voter goes to the desk. */
    void showFault(String reasonKey) {
        var title = new H1(view.getTranslation("kiosk.fault.title"));
        title.addClassName("kiosk-title");
        var text = new Paragraph(view.getTranslation(reasonKey));
        text.setId("kiosk-refused-text");
        text.addClassName("kiosk-text");
        var refused = new Div(title, text, finishButton(), countdown());
        refused.setId("kiosk-refused");
        refused.addClassName("kiosk-screen");
        refused.addClassName("kiosk-fault");
        view.showStep(KioskView.Screen.REFUSED, refused);
    }

    void showRefused(String why) {
        var title = new H1(view.getTranslation("kiosk.refused.title"));
        title.addClassName("kiosk-title");
        var text = new Paragraph(why);
        text.setId("kiosk-refused-text");
        text.addClassName("kiosk-text");
        var refused = new Div(title, text, finishButton(), countdown());
        refused.setId("kiosk-refused");
        refused.addClassName("kiosk-screen");
        view.showStep(KioskView.Screen.REFUSED, refused);
    }

    private Button finishButton() {
        var ok = new Button(view.getTranslation("kiosk.done.ok"), e -> view.backToIdle());
        ok.setId("kiosk-finish");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.addClassName("kiosk-big-button");
        return ok;
    }

    /**
     * "Màn hình sẽ trở về ... sau 60 giây", moved on by the page's poll. A timer, not a live region: a screen
     * reader is not told every second.
     */
    private Paragraph countdown() {
        shownAt = System.nanoTime();
        doneCountdown = new Paragraph(view.getTranslation("kiosk.done.countdown", doneSeconds));
        doneCountdown.setId("kiosk-done-countdown");
        doneCountdown.addClassName("kiosk-text");
        doneCountdown.addClassName("kiosk-done-countdown");
        doneCountdown.getElement().setAttribute("role", "timer");
        return doneCountdown;
    }
}
