package vn.tinnhiem.kiosk.ui;

import java.util.List;
import java.util.Optional;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.shared.Registration;

import vn.tinnhiem.election.Election;
import vn.tinnhiem.kiosk.KioskPolls;
import vn.tinnhiem.kiosk.Kiosk;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.kiosk.KioskSession;
import vn.tinnhiem.kiosk.KioskStatus;
import vn.tinnhiem.shared.ui.LanguageSwitch;
import vn.tinnhiem.voting.VotingService;

/**
 * The voter's page on an enrolled tablet, full screen, large type. Open to anonymous visitors: what it
 * shows depends only on the kiosk cookie ({@link KioskSession}), checked on every heartbeat and every
 * step, never on a staff sign-in (a signed-in administrator without the cookie sees "not enrolled").
 *
 * <p>The screens (a state machine; the header with the conference, the larger-text toggle and the
 * language stays):
 * <pre>
 *   NOT_ENROLLED   no valid kiosk cookie                 (final until enrolled)
 *   REVOKED        the cookie's kiosk was revoked         (final)
 *   NOT_OPEN       the conference is DRAFT or READY       -> IDLE when the polls open
 *   CLOSED         the conference is CLOSED or TALLIED    (final)
 *   IDLE           polls OPEN: "Quét mã phiếu"            -> BALLOT -> DONE, OPENED (-> BALLOT) or REFUSED -> IDLE
 * </pre>
 * The voter's steps are {@link KioskVoter}'s. The step lives only in this view's state, never in the URL or
 * the history, and the view is not preserved on refresh: a reload, a second tab or the back button followed by
 * forward make a new view, which starts at idle.
 * The heartbeat ({@link #HEARTBEAT_MS}) re-reads the kiosk and the conference: it moves between the
 * waiting screens (NOT_ENROLLED, NOT_OPEN, IDLE, CLOSED) by itself, and from any screen (a ballot too) to REVOKED or
 * NOT_ENROLLED the moment the tablet's credential stops working. The voter's steps are added with
 * {@link #showStep(Screen, Component)} (a step's content replaces the previous one entirely, so nothing
 * of a previous voter stays on screen) and end with {@link #backToIdle()}; while a voter's step shows,
 * the heartbeat leaves the content alone (the cast itself refuses a closed conference). The idle
 * screen's {@code #kiosk-scan-area} is where the card scanner goes ({@link #scanArea()}).
 */
@Route("kiosk")
@AnonymousAllowed
@StyleSheet("kiosk/kiosk.css")
public class KioskView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    /** How often the page checks in: a revoked tablet learns it within this time. */
    static final int HEARTBEAT_MS = 5000;
    private static final String LARGE_TEXT = "tinnhiem.kiosk.largeText";

    /**
     * What the kiosk shows; the voter's steps are {@link KioskVoter}'s: BALLOT (the page's own ballot, review and
     * "cast or check", {@link KioskBallot}), DONE, OPENED (a checked ballot), REFUSED.
     */
    enum Screen {
        NOT_ENROLLED, REVOKED, NOT_OPEN, CLOSED, IDLE, BALLOT, DONE, OPENED, REFUSED;

        /**
         * The screens the heartbeat may replace by itself: nobody is voting on them (a tablet enrolled in
         * another tab leaves "not enrolled" at its next heartbeat).
         */
        boolean isWaiting() {
            return this == NOT_ENROLLED || this == NOT_OPEN || this == IDLE || this == CLOSED;
        }
    }

    private final KioskSession session;
    private final KioskService kiosks;
    private final Span conferenceTitle = new Span();
    private final Div notice = new Div();
    private final Div content = new Div();
    private final Div scanArea = new Div();
    private final Button larger = new Button();
    private Screen screen = Screen.NOT_ENROLLED;
    private Optional<Kiosk> kiosk = Optional.empty();
    private Registration heartbeat;
    private final KioskVoter voter;
    private long lastRefresh = System.nanoTime();
    private final int noticeSeconds;
    /** When the staff's notice goes by itself on the idle screen (nanoTime), or 0 when it stays. */
    private long noticeUntil;

    public KioskView(KioskSession session, KioskService kiosks, VotingService voting, KioskTimeouts timeouts) {
        this.session = session;
        this.kiosks = kiosks;
        this.voter = new KioskVoter(this, voting, timeouts);
        this.noticeSeconds = timeouts.noticeSeconds();
        setId("kiosk");
        addClassName("kiosk");
        if (Boolean.TRUE.equals(VaadinSession.getCurrent().getAttribute(LARGE_TEXT))) {
            addClassName("kiosk-large");
        }

        conferenceTitle.addClassName("kiosk-conference");
        conferenceTitle.setId("kiosk-conference");
        larger.setText(getTranslation("kiosk.largerText"));
        larger.addClickListener(e -> toggleLargeText());
        larger.getElement().setAttribute("aria-pressed", String.valueOf(hasClassName("kiosk-large")));
        larger.setId("kiosk-larger-text");
        larger.addClassName("kiosk-larger-text");
        // Its name is its visible words ("Chữ lớn") with aria-pressed for the state: a different spoken name
        // would not match what a voter using voice control says (axe: label-content-name-mismatch).
        var language = new LanguageSwitch();
        language.addClassName("kiosk-language");
        var tools = new Div(larger, language);
        tools.addClassName("kiosk-tools");
        var header = new Div(conferenceTitle, tools);
        header.addClassName("kiosk-header");

        notice.setId("kiosk-notice");
        notice.addClassName("kiosk-notice");
        notice.setVisible(false);
        content.setId("kiosk-content");
        content.addClassName("kiosk-content");
        scanArea.setId("kiosk-scan-area");
        scanArea.addClassName("kiosk-scan-area");
        add(header, notice, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var query = event.getLocation().getQueryParameters().getParameters();
        // The screen first: a change of screen clears the notice, and these notices belong to this one.
        refresh(true);
        List<String> failed = query.getOrDefault("enrollment", List.of());
        if (!failed.isEmpty() && List.of("used", "expired", "revoked", "unknown").contains(failed.getFirst())) {
            showNotice("kiosk.enroll." + failed.getFirst(), true);
        }
        if (query.containsKey("enrolled") && kiosk.isPresent()) {
            showNotice(getTranslation("kiosk.enrolled", kiosk.get().name()), false);
            // For the staff who enrolled the tablet: it goes by itself before a voter comes (at once at a scan).
            noticeUntil = System.nanoTime() + noticeSeconds * 1_000_000_000L;
        }
        if (!query.isEmpty()) {
            // A reload must not bring a notice back for the next voter to read.
            event.getUI().getPage().getHistory().replaceState(null, "kiosk");
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        // Every exchange of the kiosk page is a plain HTTP request and its answer (no WebSocket): nothing is pushed
        // to a tablet, the poll brings what it needs, and what the page sends can be seen (the traffic test).
        ui.getPushConfiguration().setPushMode(PushMode.DISABLED);
        ui.setPollInterval(pollInterval(screen));
        heartbeat = ui.addPollListener(e -> {
            voter.tick(screen);
            if (noticeUntil != 0 && System.nanoTime() - noticeUntil >= 0) {
                hideNotice();
            }
            if (System.nanoTime() - lastRefresh >= (HEARTBEAT_MS - KioskVoter.TICK_MS / 2) * 1_000_000L) {
                refresh(false);
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (heartbeat != null) {
            heartbeat.remove();
            heartbeat = null;
        }
        voter.discard();
        event.getUI().setPollInterval(-1);
    }

    /** Shows a voter's step (ballot, review, done) in place of whatever was there. */
    void showStep(Screen step, Component stepContent) {
        hideNotice();
        boolean changed = step != screen;
        screen = step;
        content.removeAll();
        content.add(stepContent);
        content.getElement().setAttribute("data-screen", step.name());
        if (changed) {
            focusHeading();
        }
        // Done, opened and refused count down by the page's poll; the ballot times itself in the page.
        getUI().ifPresent(ui -> ui.setPollInterval(pollInterval(step)));
    }

    /** The heartbeat's pace, and each second while a countdown shows. */
    private static int pollInterval(Screen screen) {
        return screen.isWaiting() || screen == Screen.BALLOT ? HEARTBEAT_MS : KioskVoter.TICK_MS;
    }

    /** Ends a voter's turn: the idle screen, or whatever the conference's state calls for now. */
    void backToIdle() {
        voter.discard();
        hideNotice();
        // Nothing of the voter's step may stay, even when the next screen is built like the last one.
        content.removeAll();
        screen = Screen.IDLE;
        refresh(true);
    }

    /** Hides the notice above the screen (a staff's word: never left for a voter). */
    void hideNotice() {
        notice.setVisible(false);
        noticeUntil = 0;
    }

    /**
     * Moves the focus to the new screen's heading, so a keyboard or screen-reader voter starts there rather than
     * at the top of the page (the header's buttons), and hears where they are.
     */
    private void focusHeading() {
        content.getElement().executeJs(
                "const h = this.querySelector('h1'); if (h) { h.setAttribute('tabindex', '-1'); h.focus(); }");
    }

    /** Where the card scanner goes on the idle screen. */
    Div scanArea() {
        return scanArea;
    }

    /** The enrolled tablet of this request, checked in the database now (for the steps before a cast). */
    Optional<Kiosk> kiosk() {
        return session.current();
    }

    /**
     * Re-reads the tablet and its conference. A tablet whose credential stopped working is told at once,
     * whatever it shows; otherwise only a waiting screen is replaced (or any, when {@code force}).
     */
    private void refresh(boolean force) {
        lastRefresh = System.nanoTime();
        kiosk = session.lookup();
        if (kiosk.isEmpty() || kiosk.get().status() != KioskStatus.ACTIVE) {
            voter.discard();
            conferenceTitle.setText(getTranslation("kiosk.appName"));
            boolean revoked = kiosk.isPresent() && kiosk.get().status() == KioskStatus.REVOKED;
            if (revoked) {
                hideNotice();
            }
            show(revoked ? Screen.REVOKED : Screen.NOT_ENROLLED);
            return;
        }
        // Whether a voter is on one of the steps (not when the step began or ended: the heartbeat's own pace).
        kiosks.touch(kiosk.get().id(), !screen.isWaiting());
        if (!force && !screen.isWaiting()) {
            return;
        }
        Optional<Election> conference = kiosks.conferenceOf(kiosk.get());
        conferenceTitle.setText(conference.map(Election::title).orElse(getTranslation("kiosk.appName")));
        show(switch (KioskPolls.of(conference)) {
            case NOT_OPEN -> Screen.NOT_OPEN;
            case OPEN -> Screen.IDLE;
            case OVER -> Screen.CLOSED;
        });
    }

    private void show(Screen next) {
        if (next == screen && content.getChildren().findAny().isPresent()) {
            return;
        }
        if (next != screen) {
            // A notice belongs to the screen it was shown on (the enrollment's, while the polls were not open).
            hideNotice();
        }
        screen = next;
        content.removeAll();
        content.getElement().setAttribute("data-screen", next.name());
        getUI().ifPresent(ui -> ui.setPollInterval(HEARTBEAT_MS));
        focusHeading();
        switch (next) {
            case NOT_ENROLLED -> content.add(notEnrolled());
            case REVOKED -> content.add(message("kiosk.revoked", "kiosk.revoked.text", "kiosk-revoked"));
            case NOT_OPEN -> content.add(message("kiosk.notOpen", "kiosk.notOpen.text", "kiosk-not-open"));
            case CLOSED -> content.add(message("kiosk.closed", "kiosk.closed.text", "kiosk-closed"));
            case IDLE -> content.add(idle());
            default -> throw new IllegalStateException("A voter's step is shown with showStep: " + next);
        }
    }

    private Component idle() {
        var title = new H1(getTranslation("kiosk.scan"));
        title.addClassName("kiosk-title");
        var hint = new Paragraph(getTranslation("kiosk.scan.text"));
        hint.addClassName("kiosk-text");
        if (scanArea.getChildren().findAny().isEmpty()) {
            scanArea.add(voter.scanner());
        }
        var idle = new Div(title, hint, scanArea);
        idle.setId("kiosk-idle");
        idle.addClassName("kiosk-screen");
        return idle;
    }

    /**
     * "Not enrolled", with a field for the enrollment code (or the whole link): for a tablet whose camera
     * app cannot open links, and for an iPad's Home Screen app, which keeps cookies apart from Safari's
     * and so must be enrolled from inside itself.
     */
    private Component notEnrolled() {
        var box = (Div) message("kiosk.notEnrolled", "kiosk.notEnrolled.text", "kiosk-not-enrolled");
        var code = new TextField(getTranslation("kiosk.enrollCode"));
        code.setId("kiosk-enroll-code");
        code.addClassName("kiosk-enroll-code");
        code.setAutocapitalize(com.vaadin.flow.component.textfield.Autocapitalize.NONE);
        code.setAutocorrect(false);
        var enroll = new Button(getTranslation("kiosk.enroll"), e -> {
            String typed = code.getValue().strip();
            // The whole link or only its code: the code is what follows the last slash.
            String value = typed.substring(typed.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9]", "");
            if (value.isEmpty()) {
                code.setErrorMessage(getTranslation("kiosk.enroll.unknown"));
                code.setInvalid(true);
                return;
            }
            UI.getCurrent().getPage().setLocation("kiosk/enroll/" + value);
        });
        enroll.setId("kiosk-enroll");
        var form = new Div(code, enroll);
        form.addClassName("kiosk-enroll-form");
        box.add(form, KiosksView.bundleHash("kiosk-bundle-hash"));
        return box;
    }

    private Component message(String titleKey, String textKey, String id) {
        var title = new H1(getTranslation(titleKey));
        title.addClassName("kiosk-title");
        var text = new Paragraph(getTranslation(textKey));
        text.addClassName("kiosk-text");
        var box = new Div(title, text);
        box.setId(id);
        box.addClassName("kiosk-screen");
        return box;
    }

    private void showNotice(String keyOrText, boolean isKey) {
        notice.setText(isKey ? getTranslation(keyOrText) : keyOrText);
        notice.setVisible(true);
    }

    private void toggleLargeText() {
        boolean large = !hasClassName("kiosk-large");
        setClassName("kiosk-large", large);
        larger.getElement().setAttribute("aria-pressed", String.valueOf(large));
        VaadinSession.getCurrent().setAttribute(LARGE_TEXT, large);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("kiosk.appName");
    }
}
