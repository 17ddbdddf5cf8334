package vn.tinnhiem.kiosk.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

import vn.tinnhiem.kiosk.Kiosk;
import vn.tinnhiem.shared.ui.QrScanner;
import vn.tinnhiem.voting.Admission;
import vn.tinnhiem.voting.BallotForm;
import vn.tinnhiem.voting.CastOutcome;
import vn.tinnhiem.voting.VotingService;
import vn.tinnhiem.ceremony.CeremonyService;

/**
 * One voter's turn on a {@link KioskView}: scan, ballot, review, confirm, done.
 *
 * <p>What the voter scanned and marked lives only in this object's fields (never in the session, the URL or a
 * log line) and is dropped by {@link #discard()}: after the cast, on a reset for inactivity, when the tablet
 * stops being enrolled, when the page goes away. The choices are kept in a {@link Marks}; the choice buttons only
 * mirror it ({@code aria-pressed}) and are removed with the screen.
 *
 * <p>Inactivity: the page tells the server of every touch or key press (a throttled DOM listener on the whole
 * view, so scrolling a long ballot counts as well as a tap on a choice), and the page's poll, every second on a
 * voter's step, checks the time since the last one. Client-side detection was chosen because scrolling sends
 * nothing to the server by itself.
 */
final class KioskVoter {

    /** How often the page checks in while a voter is on a step (the countdown moves by it). */
    static final int TICK_MS = 1000;

    private final KioskView view;
    private final VotingService voting;
    private final CeremonyService ceremony;
    private final QrScanner scanner = new QrScanner();
    private final Div warning = new Div();
    private final Paragraph countdown = new Paragraph();
    private final int warningSeconds;
    private final int resetSeconds;
    private final int doneSeconds;
    private final int refusalSeconds;
    /** The seconds left on "done" (or "refused"), counted down on the screen. */
    private Paragraph doneCountdown;
    /** When a code was refused at the scan (nanoTime), or 0: the message goes before the next voter comes. */
    private long refusedAt;

    /** The scanned card's text, from the scan until the cast or reset: nowhere else. */
    private String card;
    private BallotForm form;
    @SuppressWarnings("removal")
    private LegacyTabletSealing marks;
    private List<List<Button>> choices = List.of();
    private Span counter;
    private long lastTouch = System.nanoTime();
    private long shownAt = System.nanoTime();

    KioskVoter(KioskView view, VotingService voting, CeremonyService ceremony, KioskTimeouts timeouts) {
        this.view = view;
        this.voting = voting;
        this.ceremony = ceremony;
        this.warningSeconds = timeouts.warningSeconds();
        this.resetSeconds = timeouts.resetSeconds();
        this.doneSeconds = timeouts.doneSeconds();
        this.refusalSeconds = timeouts.refusalSeconds();

        scanner.setId("kiosk-scanner");
        scanner.addClassName("kiosk-scanner");
        scanner.setKioskSize(true);
        scanner.setCameraProblemText(view.getTranslation("kiosk.scan.noCamera"));
        scanner.addScanListener(this::scanned);

        var title = new H1(view.getTranslation("kiosk.idle.warning"));
        title.addClassName("kiosk-title");
        title.setId("kiosk-idle-title");
        countdown.setId("kiosk-idle-countdown");
        countdown.addClassName("kiosk-text");
        var goOn = new Button(view.getTranslation("kiosk.idle.continue"), e -> continueVoting());
        goOn.setId("kiosk-continue");
        goOn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        goOn.addClassName("kiosk-big-button");
        var box = new Div(title, countdown, goOn);
        box.addClassName("kiosk-warning-box");
        warning.add(box);
        warning.setId("kiosk-idle-warning");
        warning.addClassName("kiosk-warning");
        warning.getElement().setAttribute("role", "alertdialog");
        // A dialog a screen reader can name: "Bạn vẫn đang bỏ phiếu?" (axe: aria-dialog-name).
        warning.getElement().setAttribute("aria-labelledby", "kiosk-idle-title");
        warning.getElement().setAttribute("aria-describedby", "kiosk-idle-countdown");
        warning.setVisible(false);
    }

    QrScanner scanner() {
        return scanner;
    }

    Div warning() {
        return warning;
    }

    /** A touch or key press anywhere on the page (or a tap on one of the voter's buttons). */
    void touched() {
        lastTouch = System.nanoTime();
        if (warning.isVisible()) {
            warning.setVisible(false);
        }
    }

    /**
     * The page's poll: the idle warning and reset on the ballot or review, the countdown and return from
     * "done", and on the idle screen the end of a refused code's message.
     */
    void tick(KioskView.Screen screen) {
        long now = System.nanoTime();
        switch (screen) {
            case BALLOT, REVIEW -> {
                long idle = (now - lastTouch) / 1_000_000_000L;
                if (idle >= warningSeconds + resetSeconds) {
                    view.backToIdle();
                } else if (idle >= warningSeconds) {
                    countdown.setText(view.getTranslation("kiosk.idle.countdown", warningSeconds + resetSeconds - idle));
                    warning.setVisible(true);
                }
            }
            case DONE, REFUSED -> {
                long left = doneSeconds - (now - shownAt) / 1_000_000_000L;
                if (left <= 0) {
                    view.backToIdle();
                } else if (doneCountdown != null) {
                    doneCountdown.setText(view.getTranslation("kiosk.done.countdown", left));
                }
            }
            case IDLE -> {
                if (refusedAt != 0 && (now - refusedAt) / 1_000_000_000L >= refusalSeconds) {
                    // The voter turned away has gone: the next one finds an empty field, with no one else's refusal.
                    refusedAt = 0;
                    scanner.clearField();
                }
            }
            default -> {
            }
        }
    }

    /** Forgets the voter: the marks zeroed, the card's text dropped, their screens' components let go. */
    void discard() {
        if (marks != null) {
            marks.close();
        }
        marks = null;
        card = null;
        form = null;
        choices = List.of();
        counter = null;
        doneCountdown = null;
        refusedAt = 0;
        warning.setVisible(false);
        scanner.clearField();
    }

    private void continueVoting() {
        touched();
    }

    private void scanned(String text) {
        // A voter is at the tablet: the staff's notice is not for them.
        view.hideNotice();
        Optional<Kiosk> kiosk = view.kiosk();
        if (kiosk.isEmpty()) {
            // The tablet's own refusal: the page says "not enrolled" or "revoked".
            view.backToIdle();
            return;
        }
        Admission admission = voting.admit(kiosk.get().id(), kiosk.get().electionId(), text);
        if (admission instanceof Admission.Refused refused) {
            scanner.showError(view.getTranslation(refused.reasonKey(), refused.seconds()));
            refusedAt = System.nanoTime();
            return;
        }
        Optional<BallotForm> found = voting.form(kiosk.get().electionId());
        if (found.isEmpty()) {
            scanner.showError(view.getTranslation(VotingService.POLLS_NOT_OPEN));
            refusedAt = System.nanoTime();
            return;
        }
        discard();
        form = found.get();
        marks = new LegacyTabletSealing(form.candidates().size(), form.kind().levelCount());
        card = text;
        lastTouch = System.nanoTime();
        showBallot();
    }

    private void showBallot() {
        var conference = new H2(form.title());
        conference.addClassName("kiosk-ballot-conference");
        var title = new H1(view.getTranslation("kiosk.ballot.heading"));
        title.addClassName("kiosk-title");
        var hint = new Paragraph(view.getTranslation("kiosk.ballot.hint"));
        hint.addClassName("kiosk-text");
        var list = new Div();
        list.addClassName("kiosk-candidates");
        List<List<Button>> all = new ArrayList<>();
        for (int i = 0; i < form.candidates().size(); i++) {
            BallotForm.Entry entry = form.candidates().get(i);
            var order = new Span(view.getTranslation("kiosk.ballot.order", entry.order()));
            order.addClassName("kiosk-candidate-order");
            var name = new Span(entry.name());
            name.addClassName("kiosk-candidate-name");
            var position = new Div(entry.position());
            position.addClassName("kiosk-candidate-position");
            var buttons = new Div();
            buttons.addClassName("kiosk-choices");
            List<Button> row = new ArrayList<>();
            int candidate = i;
            List<String> levels = form.kind().levels();
            for (int level = 0; level < levels.size(); level++) {
                int chosen = level;
                var choice = new Button(view.getTranslation("level." + levels.get(level)), e -> toggle(candidate, chosen));
                choice.addClassName("kiosk-choice");
                choice.getElement().setAttribute("data-level", levels.get(level));
                row.add(choice);
                buttons.add(choice);
            }
            all.add(row);
            var card = new Div(new Div(order, name), position, buttons);
            card.addClassName("kiosk-candidate");
            card.setId("kiosk-candidate-" + entry.order());
            card.getElement().setAttribute("role", "group");
            card.getElement().setAttribute("aria-label", entry.name());
            list.add(card);
        }
        choices = all;
        counter = new Span();
        counter.setId("kiosk-counter");
        counter.addClassName("kiosk-counter");
        counter.getElement().setAttribute("aria-live", "polite");
        var review = new Button(view.getTranslation("kiosk.ballot.review"), e -> {
            touched();
            showReview();
        });
        review.setId("kiosk-review");
        review.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        review.addClassName("kiosk-big-button");
        var footer = new Div(counter, review);
        footer.addClassName("kiosk-ballot-footer");
        var ballot = new Div(conference, title, hint, list, footer);
        ballot.setId("kiosk-ballot");
        ballot.addClassName("kiosk-screen");
        ballot.addClassName("kiosk-voter-screen");
        for (int i = 0; i < choices.size(); i++) {
            render(i);
        }
        view.showStep(KioskView.Screen.BALLOT, ballot);
        scrollToTop();
    }

    /** One choice per candidate; tapping the chosen one clears it. */
    private void toggle(int candidate, int level) {
        touched();
        if (marks == null) {
            return;
        }
        if (marks.get(candidate) == level) {
            marks.clear(candidate);
        } else {
            marks.set(candidate, level);
        }
        render(candidate);
    }

    private void render(int candidate) {
        int chosen = marks.get(candidate);
        List<Button> row = choices.get(candidate);
        for (int level = 0; level < row.size(); level++) {
            boolean on = level == chosen;
            row.get(level).getElement().setAttribute("aria-pressed", String.valueOf(on));
            row.get(level).setClassName("kiosk-chosen", on);
        }
        counter.setText(view.getTranslation("kiosk.ballot.counter", marks.markedCount(), marks.candidates()));
    }

    private void showReview() {
        if (marks == null) {
            return;
        }
        var title = new H1(view.getTranslation("kiosk.review.title"));
        title.addClassName("kiosk-title");
        var hint = new Paragraph(view.getTranslation("kiosk.review.text"));
        hint.addClassName("kiosk-text");
        var list = new Div();
        list.addClassName("kiosk-review-list");
        int blanks = 0;
        for (int i = 0; i < form.candidates().size(); i++) {
            BallotForm.Entry entry = form.candidates().get(i);
            var who = new Div(new Span(view.getTranslation("kiosk.ballot.order", entry.order())),
                    new Span(" " + entry.name()));
            who.addClassName("kiosk-review-name");
            var row = new Div(who);
            row.addClassName("kiosk-review-row");
            row.setId("kiosk-review-" + entry.order());
            int level = marks.get(i);
            if (level == LegacyTabletSealing.BLANK) {
                blanks++;
                var blank = new Div(view.getTranslation("kiosk.review.blank", entry.name()));
                blank.addClassName("kiosk-review-blank");
                row.add(blank);
                row.addClassName("kiosk-review-row-blank");
            } else {
                var choice = new Div(view.getTranslation("level." + form.kind().levels().get(level)));
                choice.addClassName("kiosk-review-choice");
                row.add(choice);
            }
            list.add(row);
        }
        var error = new Div();
        error.setId("kiosk-review-error");
        error.addClassName("kiosk-review-error");
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        var edit = new Button(view.getTranslation("kiosk.review.edit"), e -> {
            touched();
            if (marks != null) {
                showBallot();
            }
        });
        edit.setId("kiosk-edit");
        edit.addClassName("kiosk-big-button");
        var confirm = new Button(view.getTranslation("kiosk.review.confirm"));
        confirm.setId("kiosk-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClassName("kiosk-big-button");
        // Disabled in the browser at the first tap: a double tap sends one click.
        confirm.setDisableOnClick(true);
        confirm.addClickListener(e -> confirm(confirm, error));
        var actions = new Div(edit, confirm);
        actions.addClassName("kiosk-review-actions");
        var review = new Div(title, hint);
        if (blanks > 0) {
            var summary = new Div(view.getTranslation("kiosk.review.blanks", blanks));
            summary.setId("kiosk-review-blanks");
            summary.addClassName("kiosk-review-blanks");
            summary.getElement().setAttribute("role", "status");
            review.add(summary);
        }
        review.add(list, error, actions);
        review.setId("kiosk-review");
        review.addClassName("kiosk-screen");
        review.addClassName("kiosk-voter-screen");
        view.showStep(KioskView.Screen.REVIEW, review);
        scrollToTop();
    }

    private void confirm(Button confirm, Div error) {
        touched();
        if (marks == null || card == null) {
            // A second click that got through: the first one has cast (or refused) already.
            return;
        }
        Optional<Kiosk> kiosk = view.kiosk();
        if (kiosk.isEmpty()) {
            view.backToIdle();
            return;
        }
        // Temporary (issue 18): sealed in the kiosk's code until the ballot moves into the tablet's page.
        CastOutcome outcome = marks.sealCommitAndCast(ceremony, voting, kiosk.get().id(), kiosk.get().electionId(), card);
        switch (outcome) {
            case CastOutcome.Recorded recorded -> {
                discard();
                showDone(recorded.trackingCode());
            }
            case CastOutcome.Refused refused when VotingService.TRY_AGAIN.equals(refused.reasonKey()) -> {
                error.setText(view.getTranslation(refused.reasonKey()));
                error.setVisible(true);
                confirm.setEnabled(true);
            }
            case CastOutcome.Refused refused -> {
                discard();
                showRefused(view.getTranslation(refused.reasonKey(), refused.seconds()));
            }
        }
    }

    private void showDone(String trackingCode) {
        var title = new H1(view.getTranslation("kiosk.done.title"));
        title.addClassName("kiosk-title");
        title.addClassName("kiosk-done-title");
        var label = new Paragraph(view.getTranslation("kiosk.done.code"));
        label.addClassName("kiosk-text");
        var code = new Div();
        code.setId("kiosk-tracking-code");
        code.addClassName("kiosk-tracking-code");
        for (String group : trackingCode.split("-")) {
            var part = new Span(group);
            part.addClassName("kiosk-code-group");
            code.add(part);
        }
        code.getElement().setAttribute("aria-label", trackingCode);
        var text = new Paragraph(view.getTranslation("kiosk.done.text"));
        text.addClassName("kiosk-text");
        var done = new Div(title, label, code, text, finishButton(), countdown());
        done.setId("kiosk-done");
        done.addClassName("kiosk-screen");
        view.showStep(KioskView.Screen.DONE, done);
    }

    private void showRefused(String why) {
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

    private Component finishButton() {
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

    private void scrollToTop() {
        view.getElement().executeJs("window.scrollTo(0, 0)");
    }
}
