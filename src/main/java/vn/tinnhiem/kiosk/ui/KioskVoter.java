package vn.tinnhiem.kiosk.ui;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

import vn.tinnhiem.kiosk.Kiosk;
import vn.tinnhiem.shared.ui.QrScanner;
import vn.tinnhiem.voting.Admission;
import vn.tinnhiem.voting.BallotForm;
import vn.tinnhiem.voting.CastOutcome;
import vn.tinnhiem.voting.CheckOutcome;
import vn.tinnhiem.voting.Commitment;
import vn.tinnhiem.voting.Committed;
import vn.tinnhiem.voting.VotingService;

/**
 * One voter's turn on a {@link KioskView}: scan, then the ballot in the tablet's page ({@link KioskBallot}:
 * marking, review, sealing, "cast or check"), then done, the opened ballot of a check, or a refusal.
 *
 * <p>The marks never reach the server: the page seals them and sends the sealed ballot, which the service
 * verifies and keeps as a commitment ({@link VotingService#commit}); the voter then casts it or checks the
 * tablet with it (the page reveals the ballot's nonces, the server opens it and shows what it holds). What the
 * voter scanned lives only in this object's fields (never in the session, the URL or a log line), with the
 * commitment, and both are dropped by {@link #discard()}: after the cast, on a reset, when the tablet stops
 * being enrolled, when the page goes away.
 *
 * <p>Inactivity on the ballot is the page's own business (the component shows the warning and resets; no
 * touch is reported to the server); the server's poll, every second on done, refused and opened, moves their
 * countdown.
 */
final class KioskVoter {

    /** How often the page checks in while done, refused or an opened ballot shows (the countdown moves by it). */
    static final int TICK_MS = 1000;

    private final KioskView view;
    private final VotingService voting;
    private final QrScanner scanner = new QrScanner();
    private final int warningSeconds;
    private final int resetSeconds;
    private final int doneSeconds;
    private final int refusalSeconds;
    /** The seconds left on "done" (or "refused", "opened"), counted down on the screen. */
    private Paragraph doneCountdown;
    private long shownAt = System.nanoTime();
    /** When a code was refused at the scan (nanoTime), or 0: the message goes before the next voter comes. */
    private long refusedAt;

    /** The scanned card's text, from the scan until the cast or reset: nowhere else. */
    private String card;
    /** The sealed ballot the service accepted, until it is cast or checked. */
    private Committed committed;
    private KioskBallot ballot;

    KioskVoter(KioskView view, VotingService voting, KioskTimeouts timeouts) {
        this.view = view;
        this.voting = voting;
        this.warningSeconds = timeouts.warningSeconds();
        this.resetSeconds = timeouts.resetSeconds();
        this.doneSeconds = timeouts.doneSeconds();
        this.refusalSeconds = timeouts.refusalSeconds();

        scanner.setId("kiosk-scanner");
        scanner.addClassName("kiosk-scanner");
        scanner.setKioskSize(true);
        scanner.setCameraProblemText(view.getTranslation("kiosk.scan.noCamera"));
        scanner.addScanListener(this::scanned);
    }

    QrScanner scanner() {
        return scanner;
    }

    /** The page's poll: the countdown and return from done, refused and opened; on idle, a refusal's end. */
    void tick(KioskView.Screen screen) {
        long now = System.nanoTime();
        switch (screen) {
            case DONE, REFUSED, OPENED -> {
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

    /** Forgets the voter: the card's text and the commitment dropped, the ballot component gone (it zeroes itself). */
    void discard() {
        card = null;
        committed = null;
        ballot = null;
        doneCountdown = null;
        refusedAt = 0;
        scanner.clearField();
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
        if (!showBallot(kiosk.get(), text)) {
            scanner.showError(view.getTranslation(VotingService.POLLS_NOT_OPEN));
            refusedAt = System.nanoTime();
        }
    }

    /** A fresh ballot for the card (after a scan, or "Bỏ phiếu lại" after a check); false if the polls are not open. */
    private boolean showBallot(Kiosk kiosk, String text) {
        Optional<BallotForm> form = voting.form(kiosk.electionId());
        if (form.isEmpty()) {
            return false;
        }
        discard();
        card = text;
        List<KioskBallot.Level> levels = new ArrayList<>();
        for (String level : form.get().kind().levels()) {
            levels.add(new KioskBallot.Level(level, view.getTranslation("level." + level)));
        }
        // The manifest as signed off (Manifest.toJson): the page shows and seals for exactly this one.
        var page = new KioskBallot(form.get().manifestJson(), levels, texts(), warningSeconds, resetSeconds);
        page.setId("kiosk-voting");
        page.onSealed(this::sealed);
        page.onCast(this::cast);
        page.onCheck(this::check);
        page.onReset(view::backToIdle);
        ballot = page;
        view.showStep(KioskView.Screen.BALLOT, page);
        return true;
    }

    /** The component's texts in the voter's language; {0} and {1} stay for the page to fill in. */
    private Map<String, String> texts() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("heading", view.getTranslation("kiosk.ballot.heading"));
        t.put("hint", view.getTranslation("kiosk.ballot.hint"));
        t.put("order", view.getTranslation("kiosk.ballot.order", "{0}"));
        t.put("counter", view.getTranslation("kiosk.ballot.counter", "{0}", "{1}"));
        t.put("review", view.getTranslation("kiosk.ballot.review"));
        t.put("reviewTitle", view.getTranslation("kiosk.review.title"));
        t.put("reviewText", view.getTranslation("kiosk.review.text"));
        t.put("reviewBlank", view.getTranslation("kiosk.review.blank", "{0}"));
        t.put("reviewBlanks", view.getTranslation("kiosk.review.blanks", "{0}"));
        t.put("edit", view.getTranslation("kiosk.review.edit"));
        t.put("confirm", view.getTranslation("kiosk.review.confirm"));
        t.put("sealing", view.getTranslation("kiosk.sealing"));
        t.put("sealFailed", view.getTranslation("kiosk.sealFailed"));
        t.put("committedTitle", view.getTranslation("kiosk.committed.title"));
        t.put("committedCode", view.getTranslation("kiosk.committed.code"));
        t.put("committedText", view.getTranslation("kiosk.committed.text"));
        t.put("cast", view.getTranslation("kiosk.committed.cast"));
        t.put("check", view.getTranslation("kiosk.committed.check"));
        t.put("checkExplain", view.getTranslation("kiosk.committed.checkExplain"));
        t.put("checkOnlyTitle", view.getTranslation("kiosk.checkOnly.title"));
        t.put("checkOnlyText", view.getTranslation("kiosk.checkOnly.text"));
        t.put("waiting", view.getTranslation("kiosk.committed.waiting"));
        t.put("idleWarning", view.getTranslation("kiosk.idle.warning"));
        t.put("idleCountdown", view.getTranslation("kiosk.idle.countdown", "{0}"));
        t.put("idleContinue", view.getTranslation("kiosk.idle.continue"));
        return t;
    }

    /** The page sealed the ballot: the service verifies it and keeps it as a commitment (the card not yet spent). */
    private void sealed(KioskBallot.Sealed sealed) {
        Optional<Kiosk> kiosk = view.kiosk();
        if (card == null || ballot == null || committed != null) {
            // A second seal that got through: the first one is committed (or refused) already.
            return;
        }
        if (kiosk.isEmpty()) {
            view.backToIdle();
            return;
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(sealed.ballotHex());
        } catch (IllegalArgumentException e) {
            showFault("kiosk.fault.text");
            return;
        }
        Commitment answer = voting.commit(kiosk.get().id(), kiosk.get().electionId(), card, sealed.manifestHashHex(),
                bytes, sealed.trackingCode());
        switch (answer) {
            case Commitment.Accepted accepted -> {
                committed = accepted.ballot();
                ballot.committed(sealed.trackingCode(), accepted.checkOnly());
            }
            case Commitment.Refused refused when VotingService.mayTryAgain(refused.reasonKey()) ->
                    ballot.tryAgain(view.getTranslation(refused.reasonKey()));
            case Commitment.Refused refused -> {
                discard();
                showRefused(view.getTranslation(refused.reasonKey(), refused.seconds()));
            }
            case Commitment.Faulty faulty -> showFault(faulty.reasonKey());
        }
    }

    /** "Bỏ phiếu": the committed ballot goes into the box and the card is spent. */
    private void cast() {
        Optional<Kiosk> kiosk = view.kiosk();
        if (card == null || committed == null) {
            // A second tap that got through: the first one has cast (or refused) already.
            return;
        }
        if (kiosk.isEmpty()) {
            view.backToIdle();
            return;
        }
        CastOutcome outcome = voting.cast(kiosk.get().id(), kiosk.get().electionId(), card, committed);
        switch (outcome) {
            case CastOutcome.Recorded recorded -> {
                discard();
                showDone(recorded.trackingCode());
            }
            case CastOutcome.Refused refused when VotingService.mayTryAgain(refused.reasonKey()) ->
                    ballot.tryAgain(view.getTranslation(refused.reasonKey()));
            case CastOutcome.Refused refused -> {
                discard();
                showRefused(view.getTranslation(refused.reasonKey(), refused.seconds()));
            }
        }
    }

    /** "Kiểm tra máy": the page revealed the ballot's nonces; the server opens the committed ballot with them. */
    private void check(String openingHex) {
        Optional<Kiosk> kiosk = view.kiosk();
        if (card == null || committed == null) {
            return;
        }
        if (kiosk.isEmpty()) {
            view.backToIdle();
            return;
        }
        byte[] opening;
        try {
            opening = HexFormat.of().parseHex(openingHex);
        } catch (IllegalArgumentException e) {
            opening = new byte[0];
        }
        Committed checked = committed;
        CheckOutcome outcome = voting.check(kiosk.get().id(), kiosk.get().electionId(), card, checked, opening);
        switch (outcome) {
            case CheckOutcome.Opened opened -> {
                committed = null;
                showOpened(kiosk.get(), opened);
            }
            case CheckOutcome.Mismatch mismatch -> showFault("kiosk.check.mismatch");
            case CheckOutcome.Refused refused when VotingService.mayTryAgain(refused.reasonKey()) ->
                    ballot.tryAgain(view.getTranslation(refused.reasonKey()));
            case CheckOutcome.Refused refused -> {
                discard();
                showRefused(view.getTranslation(refused.reasonKey(), refused.seconds()));
            }
        }
    }

    /**
     * The checked ballot as the server opened it: each candidate and the level in the ballot (what the tablet
     * really sealed), a QR of it for the voter's phone, and "Bỏ phiếu lại" for a fresh ballot on the same card.
     */
    private void showOpened(Kiosk kiosk, CheckOutcome.Opened opened) {
        Optional<BallotForm> form = voting.form(kiosk.electionId());
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
        var again = new Button(view.getTranslation("kiosk.opened.again"), e -> again());
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
        ballot = null;
        view.showStep(KioskView.Screen.OPENED, screen);
    }

    /** "Bỏ phiếu lại": the same card, a fresh ballot (the card was not spent by the check). */
    private void again() {
        Optional<Kiosk> kiosk = view.kiosk();
        String text = card;
        if (kiosk.isEmpty() || text == null) {
            view.backToIdle();
            return;
        }
        Admission admission = voting.admit(kiosk.get().id(), kiosk.get().electionId(), text);
        if (admission instanceof Admission.Refused refused) {
            discard();
            showRefused(view.getTranslation(refused.reasonKey(), refused.seconds()));
            return;
        }
        if (!showBallot(kiosk.get(), text)) {
            discard();
            showRefused(view.getTranslation(VotingService.POLLS_NOT_OPEN));
        }
    }

    private void showDone(String trackingCode) {
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
    private void showFault(String reasonKey) {
        discard();
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
