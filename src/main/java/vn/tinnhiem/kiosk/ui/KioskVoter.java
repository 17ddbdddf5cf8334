package vn.tinnhiem.kiosk.ui;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

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
    private final int refusalSeconds;
    /** The screens that end a turn, with their countdown. */
    private final KioskVoterScreens screens;
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
        this.refusalSeconds = timeouts.refusalSeconds();
        this.screens = new KioskVoterScreens(view, timeouts.doneSeconds());

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
            case DONE, REFUSED, OPENED -> screens.tick(now);
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
        screens.forget();
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
        var page = new KioskBallot(form.get().manifestJson(), levels, KioskBallotTexts.of(view), warningSeconds, resetSeconds);
        page.setId("kiosk-voting");
        page.onSealed(this::sealed);
        page.onCast(this::cast);
        page.onCheck(this::check);
        page.onReset(view::backToIdle);
        ballot = page;
        view.showStep(KioskView.Screen.BALLOT, page);
        return true;
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

    /**
     * The checked ballot as the server opened it, with "Bỏ phiếu lại" for a fresh ballot on the same card; the
     * ballot component is gone (it zeroes itself).
     */
    private void showOpened(Kiosk kiosk, CheckOutcome.Opened opened) {
        Optional<BallotForm> form = voting.form(kiosk.electionId());
        ballot = null;
        screens.showOpened(form, opened, this::again);
    }

    private void showDone(String trackingCode) {
        screens.showDone(trackingCode);
    }

    /** The tablet is at fault (its ballot failed a check, or did not open): the voter goes to the desk. */
    private void showFault(String reasonKey) {
        discard();
        screens.showFault(reasonKey);
    }

    private void showRefused(String why) {
        screens.showRefused(why);
    }
}
