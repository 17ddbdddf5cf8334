package vn.tinnhiem.token.ui;

import static vn.tinnhiem.token.ui.DeskParts.cardField;
import static vn.tinnhiem.token.ui.DeskParts.confirm;
import static vn.tinnhiem.token.ui.DeskParts.notice;

import java.util.Optional;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.Autocomplete;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.election.DeskRoll;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.DeskPresence;
import vn.tinnhiem.election.RollEntry;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.Actions;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.ui.Notifications;
import vn.tinnhiem.shared.ui.QrScanner;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.token.CardCounts;
import vn.tinnhiem.token.DeskActions;
import vn.tinnhiem.token.DeskPermissions;
import vn.tinnhiem.token.TokenService;

/**
 * The desk: find a voter on the roll and tick them present; then scan or type the card handed over to
 * activate it; void a lost or spoiled card. The two steps share nothing: the card field is emptied after
 * each activation, the browser is told not to remember what was typed in it, and the screen shows only
 * counts, never a list of codes next to names. A teller of the board acts; an organiser may look. A spare card
 * can also be activated as a check card for a supervisor, who checks the tablets with it (it never casts).
 */
@Route(value = "desk", layout = MainLayout.class)
@RolesAllowed({Roles.TELLER, Roles.ADMIN})
class DeskView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private static final int SHOWN = 20;

    private final Elections elections;
    private final DeskPresence deskPresence;
    private final TokenService tokens;
    private final DeskPermissions permissions;
    private ElectionId electionId;
    private String title = "";
    /** What the signed-in person may do at this desk now, as the service answers it. */
    private DeskActions actions;
    private final Span counts = new Span();
    private final TextField search = new TextField();
    private final Div results = new Div();
    private final Div searchNote = new Div();
    /** The card handed over: camera, handheld scanner or typed ({@code #desk-card-field}, {@code #desk-card-submit}). */
    private final QrScanner card = new QrScanner();
    private final Div activated = new Div();
    private final TextField voidCard = cardField("desk-void-card");
    private final Div voided = new Div();
    /** How many spare cards are out as check cards, for the supervisors' tablet checks (docs/protocol.md 5.6). */
    private final Span checkCounts = new Span();
    private final TextField checkCard = cardField("desk-check-card");
    private final Div checkActivated = new Div();

    DeskView(Elections elections, DeskPresence deskPresence, TokenService tokens, DeskPermissions permissions) {
        this.elections = elections;
        this.deskPresence = deskPresence;
        this.tokens = tokens;
        this.permissions = permissions;
        setPadding(true);
        addClassName("desk-screen");
        getStyle().set("max-width", "48rem").set("box-sizing", "border-box");
    }

    @Override
    public void setParameter(BeforeEvent event, Long parameter) {
        ElectionId id = ElectionId.of(parameter);
        Optional<Election> found = elections.find(id);
        if (found.isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        this.electionId = id;
        build(found.get());
        // Opened from far down the home: start at the top, where the conference and its counts are.
        getElement().executeJs("this.scrollIntoView({block: 'start'})");
    }

    private void build(Election election) {
        removeAll();
        title = getTranslation("desk.title") + " · " + election.title();
        try {
            // The service decides who opens this desk (and records a refusal): a teller of another board sees
            // the reason, and neither the roll's search nor the counts nor the card fields.
            deskPresence.deskRoll(electionId, "", 0, 1);
        } catch (UserFacingException refused) {
            add(new H1(getTranslation("desk.title")), new Div(election.title()),
                    notice("desk-refused", Notifications.translate(refused.key(), refused.args())));
            return;
        }
        actions = permissions.desk(electionId);
        boolean cardsOpen = actions.cards().isAllowed();

        var heading = new H1(getTranslation("desk.title"));
        var conference = new Div(election.title());
        conference.getStyle().set("font-weight", "600").set("overflow-wrap", "anywhere");
        var status = new Span(getTranslation("status." + election.status().name()));
        status.getElement().getThemeList().add("badge " + (actions.pollsOpen() ? "success" : "contrast"));
        status.setId("desk-status");
        counts.setId("desk-counts");
        counts.getStyle().set("font-size", "var(--lumo-font-size-l)").set("font-weight", "600");
        counts.getElement().setAttribute("aria-live", "polite");
        checkCounts.setId("desk-check-counts");
        checkCounts.getStyle().set("display", "block");
        checkCounts.getElement().setAttribute("aria-live", "polite");
        add(heading, conference, status, counts, checkCounts);
        if (!actions.cards().isShown()) {
            // Only the organiser gets here without acting: a teller of another board was refused above.
            add(notice("desk-admin-notice", getTranslation("desk.adminNotice")));
        } else if (!cardsOpen) {
            Refusal why = actions.cards().reasons().getFirst();
            add(notice("desk-not-open", Notifications.translate(why.key(), why.args().toArray())));
        }

        add(new H2(getTranslation("desk.presence")));
        search.setId("desk-search");
        search.setLabel(getTranslation("desk.search"));
        search.setPlaceholder(getTranslation("desk.search.placeholder"));
        search.setClearButtonVisible(true);
        search.setWidthFull();
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setAutocomplete(Autocomplete.OFF);
        search.addValueChangeListener(e -> showRoll());
        results.setId("desk-results");
        results.addClassName("card-list");
        searchNote.setId("desk-search-note");
        searchNote.addClassName("cell-details");
        add(search, results, searchNote);

        add(new H2(getTranslation("desk.activation")));
        card.setId("desk-card");
        card.setLabel(getTranslation("desk.card"));
        card.setSubmitText(getTranslation("desk.activate"));
        // A desk that cannot activate opens no camera.
        card.setCameraEnabled(cardsOpen);
        card.getElement().setEnabled(cardsOpen);
        card.addScanListener(this::activate);
        var cardHelp = new Div(getTranslation("desk.card.helper"));
        cardHelp.addClassName("cell-details");
        activated.setId("desk-activated");
        activated.getElement().setAttribute("role", "status");
        activated.getStyle().set("color", "var(--lumo-success-text-color)").set("font-weight", "600");
        add(card, cardHelp, activated);

        add(new H2(getTranslation("desk.void.section")));
        voidCard.setLabel(getTranslation("desk.void.card"));
        voidCard.setEnabled(cardsOpen);
        var voidButton = new Button(getTranslation("desk.void"), e -> confirmVoid());
        voidButton.setId("desk-void");
        voidButton.addThemeVariants(ButtonVariant.LUMO_ERROR);
        voidButton.setEnabled(cardsOpen);
        voidCard.addKeyPressListener(Key.ENTER, e -> confirmVoid());
        voided.setId("desk-voided");
        voided.getElement().setAttribute("role", "status");
        add(voidCard, voidButton, voided);

        add(new H2(getTranslation("desk.check.section")));
        var checkHelp = new Paragraph(getTranslation("desk.check.text"));
        checkHelp.addClassName("cell-details");
        checkCard.setLabel(getTranslation("desk.check.card"));
        checkCard.setEnabled(cardsOpen);
        var checkButton = new Button(getTranslation("desk.check.activate"), e -> confirmCheckCard());
        checkButton.setId("desk-check-activate");
        checkButton.setEnabled(cardsOpen);
        checkCard.addKeyPressListener(Key.ENTER, e -> confirmCheckCard());
        checkActivated.setId("desk-check-activated");
        checkActivated.getElement().setAttribute("role", "status");
        checkActivated.getStyle().set("color", "var(--lumo-success-text-color)").set("font-weight", "600");
        add(checkHelp, checkCard, checkButton, checkActivated);

        var privacy = new Paragraph(getTranslation("desk.privacy"));
        privacy.addClassName("cell-details");
        add(privacy);
        refreshCounts();
        showRoll();
    }

    private void refreshCounts() {
        DeskRoll roll = deskPresence.deskRoll(electionId, "", 0, 1);
        CardCounts cards = tokens.counts(electionId);
        counts.setText(getTranslation("desk.counts", roll.present(), roll.onRoll(), cards.handedOut()));
        checkCounts.setText(getTranslation("desk.counts.checking", cards.checking()));
    }

    private void showRoll() {
        results.removeAll();
        searchNote.setText("");
        String text = search.getValue().strip();
        if (text.isEmpty()) {
            return;
        }
        DeskRoll roll = deskPresence.deskRoll(electionId, text, 0, SHOWN);
        for (RollEntry entry : roll.entries()) {
            results.add(entryCard(entry));
        }
        if (roll.matching() == 0) {
            searchNote.setText(getTranslation("desk.search.none", text));
        } else if (roll.matching() > roll.entries().size()) {
            searchNote.setText(getTranslation("desk.search.more", roll.matching() - roll.entries().size()));
        }
    }

    private Component entryCard(RollEntry entry) {
        var v = entry.voter();
        var name = new Span(v.ordinal() + ". " + v.fullName());
        name.addClassName("card-main");
        String detailText = String.join(" · ", java.util.stream.Stream.of(v.jobTitle(), v.organisation())
                .filter(s -> !s.isBlank()).toList());
        var details = new Div(detailText);
        details.addClassName("card-details");
        var error = new Div();
        error.addClassName("form-error");
        error.setVisible(false);
        var body = new Div(name, details, error);
        body.addClassName("card-body");
        var row = new Div(body);
        row.addClassName("election-card");
        row.getElement().setAttribute("data-voter", String.valueOf(v.id()));
        if (entry.present()) {
            var badge = new Span(getTranslation("desk.presentBadge"));
            badge.getElement().getThemeList().add("badge success");
            badge.addClassName("present-badge");
            row.add(badge);
            if (actions.presence().isAllowed()) {
                row.add(Actions.rowMenu(new Actions.RowAction("desk.unmark", () -> confirmUnmark(v.id(), v.fullName(),
                        error), () -> { })));
            }
        } else {
            var mark = new Button(getTranslation("desk.markPresent"), e -> mark(v.id(), true, error));
            mark.addClassName("mark-present");
            mark.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            mark.setEnabled(actions.presence().isAllowed());
            row.add(mark);
        }
        return row;
    }

    private void mark(long voterId, boolean present, Div error) {
        try {
            deskPresence.markPresent(electionId, voterId, present);
            refreshCounts();
            showRoll();
            if (present) {
                // The next step is the card: the cursor waits in its field.
                card.getElement().executeJs("const f = this.querySelector('vaadin-text-field'); if (f) f.focus();");
            }
        } catch (UserFacingException e) {
            error.setText(Notifications.translate(e.key(), e.args()));
            error.setVisible(true);
        }
    }

    private void confirmUnmark(long voterId, String name, Div error) {
        var dialog = confirm(getTranslation("desk.unmark.confirm.header"), getTranslation("desk.unmark.confirm.text", name),
                getTranslation("desk.unmark"), () -> mark(voterId, false, error));
        dialog.setId("desk-unmark-dialog");
    }

    /**
     * Each voter present gets one card. An activation that would leave more cards handed out than voters ticked
     * present is asked about first: most often the voter was not ticked yet, or a second card went to the same
     * person. It is asked, not refused, because ticking and activating are separate steps, often at two desks,
     * and a tick made a moment late at the other desk must not stop the queue; the board decides, and the
     * counts it compares are anchored in the audit chain and on the supervisors' screen either way.
     */
    private void activate(String text) {
        activated.setText("");
        voided.setText("");
        Optional<DeskPermissions.OverPresent> over = permissions.askBeforeActivating(electionId, text);
        if (over.isPresent()) {
            int handedOut = over.get().handedOut();
            var dialog = confirm(getTranslation("desk.over.header"),
                    getTranslation("desk.over.text", handedOut, over.get().present(), handedOut + 1),
                    getTranslation("desk.over.confirm"), () -> activateNow(text));
            dialog.setId("desk-over-dialog");
            dialog.addCancelListener(e -> {
                // The code does not wait on the screen for the next person: it is scanned again once ticked.
                card.clearField();
                card.showError(getTranslation("desk.over.cancelled"));
            });
            return;
        }
        activateNow(text);
    }

    private void activateNow(String text) {
        if (attempt(card::showError, () -> tokens.activate(electionId, text))) {
            card.clearField();
            // Ready for the next voter: the name just ticked leaves the screen with the card.
            search.clear();
            activated.setText(getTranslation("desk.activated"));
            refreshCounts();
        }
    }

    private void confirmVoid() {
        activated.setText("");
        voided.setText("");
        if (voidCard.getValue().isBlank()) {
            voidCard.setErrorMessage(getTranslation("desk.error.unknown"));
            voidCard.setInvalid(true);
            return;
        }
        var dialog = confirm(getTranslation("desk.void.confirm.header"), getTranslation("desk.void.confirm.text"),
                getTranslation("desk.void"), () -> {
                    String text = voidCard.getValue();
                    if (attempt(error -> {
                        voidCard.setErrorMessage(error);
                        voidCard.setInvalid(true);
                    }, () -> tokens.voidCard(electionId, text))) {
                        voidCard.clear();
                        voided.setText(getTranslation("desk.voided"));
                        refreshCounts();
                    }
                });
        dialog.setId("desk-void-dialog");
    }

    /**
     * A spare card becomes a check card for a supervisor, asked first: it can then check tablets any number of times
     * and never cast, so it must not reach a voter.
     */
    private void confirmCheckCard() {
        activated.setText("");
        voided.setText("");
        checkActivated.setText("");
        if (checkCard.getValue().isBlank()) {
            checkCard.setErrorMessage(getTranslation("desk.error.unknown"));
            checkCard.setInvalid(true);
            return;
        }
        var dialog = confirm(getTranslation("desk.check.confirm.header"), getTranslation("desk.check.confirm.text"),
                getTranslation("desk.check.activate"), () -> {
                    String text = checkCard.getValue();
                    if (attempt(error -> {
                        checkCard.setErrorMessage(error);
                        checkCard.setInvalid(true);
                    }, () -> tokens.activateForCheck(electionId, text))) {
                        checkCard.clear();
                        checkActivated.setText(getTranslation("desk.check.activated"));
                        refreshCounts();
                    }
                });
        dialog.setId("desk-check-dialog");
        // Not a destructive step: the confirmation is the primary colour, not the error one.
        dialog.setConfirmButtonTheme("primary");
    }

    /** Runs the service call; a refusal is shown on the field, in the user's language. */
    private boolean attempt(java.util.function.Consumer<String> showError, Runnable action) {
        try {
            action.run();
            return true;
        } catch (UserFacingException e) {
            // The seam's "not open" speaks of ballots; at the desk it is about cards.
            String key = e.key().equals("election.error.notOpen") ? "desk.error.notOpen" : e.key();
            showError.accept(Notifications.translate(key, e.args()));
            return false;
        }
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
