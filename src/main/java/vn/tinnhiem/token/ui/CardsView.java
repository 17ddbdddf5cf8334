package vn.tinnhiem.token.ui;

import java.util.Optional;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.DeskPresence;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.ui.Notifications;
import vn.tinnhiem.shared.ui.OneTimeFile;
import vn.tinnhiem.token.CardCounts;
import vn.tinnhiem.token.PrintedCards;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.shared.Roles;

/**
 * The organiser prints the voting cards: the first batch for the whole roll plus spares, later batches
 * of spares. The PDF is held only until it is downloaded (once) or the screen is left: the tokens on it
 * exist nowhere else.
 */
@Route(value = "cards", layout = MainLayout.class)
@RolesAllowed(Roles.ADMIN)
class CardsView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private final Elections elections;
    private final DeskPresence deskPresence;
    private final TokenService tokens;
    private ElectionId electionId;
    private String title = "";
    private final Div counts = new Div();
    private final IntegerField spares = new IntegerField();
    private final Div download = new Div();
    private OneTimeFile sheet;

    CardsView(Elections elections, DeskPresence deskPresence, TokenService tokens) {
        this.elections = elections;
        this.deskPresence = deskPresence;
        this.tokens = tokens;
        setPadding(true);
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
        electionId = id;
        Election election = found.get();
        title = getTranslation("cards.title") + " · " + election.title();
        removeAll();
        var conference = new Div(election.title());
        conference.getStyle().set("font-weight", "600").set("overflow-wrap", "anywhere");
        counts.setId("cards-counts");
        var notice = new Div(getTranslation("cards.notice"));
        notice.addClassName("locked-notice");
        spares.setId("cards-spares");
        spares.setLabel(getTranslation("cards.spares"));
        spares.setMin(0);
        spares.setMax(TokenService.MAX_SPARES);
        spares.setStepButtonsVisible(true);
        spares.setManualValidation(true);
        spares.addValueChangeListener(e -> spares.setInvalid(false));
        var print = new Button(getTranslation("cards.print"), e -> print());
        print.setId("cards-print");
        print.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        download.setId("cards-download-area");
        add(new H1(getTranslation("cards.title")), conference, counts, notice, spares, print, download);
        refresh();
        // Opened from far down the home: start at the top.
        getElement().executeJs("this.scrollIntoView({block: 'start'})");
    }

    private void refresh() {
        CardCounts c = tokens.counts(electionId);
        counts.setText(c.total() == 0 ? getTranslation("cards.none")
                : getTranslation("cards.counts", c.total(), c.printed(), c.activated(), c.spent(), c.voided()));
        if (c.total() == 0) {
            int roll = deskPresence.deskRoll(electionId, "", 0, 1).onRoll();
            spares.setHelperText(getTranslation("cards.spares.first", roll));
            spares.setValue(TokenService.defaultSpares(roll));
        } else {
            spares.setHelperText(getTranslation("cards.spares.more"));
            spares.setValue(Math.max(1, TokenService.defaultSpares(c.total())));
        }
    }

    private void print() {
        forget();
        download.removeAll();
        Integer wanted = spares.getValue();
        try {
            PrintedCards cards = tokens.print(electionId, wanted == null ? -1 : wanted);
            offer(cards);
            refresh();
        } catch (UserFacingException e) {
            spares.setErrorMessage(Notifications.translate(e.key(), e.args()));
            spares.setInvalid(true);
        }
    }

    /**
     * The sheet, once. After it is served the link gives way to a button of the same words whose click says why
     * there is no second copy and what to do instead; until then the screen polls, so that the change shows
     * without a further tap. A second click that reaches the link before that is stopped in the browser, and a
     * request for the link's address after the sheet left is answered 410, never an empty PDF.
     */
    private void offer(PrintedCards cards) {
        OneTimeFile once = new OneTimeFile(cards.pdf());
        sheet = once;
        String fileName = getTranslation("cards.fileName");
        UI ui = UI.getCurrent();
        int count = cards.count();
        var link = new Anchor(DownloadHandler.fromInputStream(event -> once.take()
                .map(in -> {
                    ui.access(() -> taken(once, count));
                    return new DownloadResponse(in, fileName, "application/pdf", once.length());
                })
                .orElseGet(() -> DownloadResponse.error(410))), getTranslation("cards.download", count));
        link.setId("cards-download");
        link.addClassName("link-button");
        link.getStyle().set("border", "1px solid var(--lumo-contrast-30pct)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("padding", "0 var(--lumo-space-m)");
        link.getElement().executeJs("this.addEventListener('click', e => { if (this.__taken) { e.preventDefault();"
                + " this.dispatchEvent(new CustomEvent('download-again')); } this.__taken = true; });");
        link.getElement().addEventListener("download-again", e -> explainAgain());
        var done = new Div(getTranslation("cards.printed", count));
        done.getStyle().set("color", "var(--lumo-success-text-color)").set("font-weight", "600");
        download.add(done, link);
        ui.setPollInterval(1000);
    }

    private void taken(OneTimeFile once, int count) {
        if (sheet != once) {
            return;
        }
        getUI().ifPresent(ui -> ui.setPollInterval(-1));
        download.removeAll();
        var done = new Div(getTranslation("cards.taken", count));
        done.setId("cards-taken");
        done.getStyle().set("font-weight", "600");
        var again = new Button(getTranslation("cards.download", count), e -> explainAgain());
        again.setId("cards-download-again");
        download.add(done, again);
    }

    private void explainAgain() {
        download.getChildren().filter(c -> "cards-again".equals(c.getId().orElse(""))).toList()
                .forEach(download::remove);
        var why = new Div(getTranslation("cards.again"));
        why.setId("cards-again");
        why.addClassName("locked-notice");
        why.getElement().setAttribute("role", "alert");
        download.add(why);
        why.scrollIntoView();
    }

    private void forget() {
        if (sheet != null) {
            sheet.forget();
            sheet = null;
        }
        getUI().ifPresent(ui -> ui.setPollInterval(-1));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        // Leaving the screen forgets a sheet not downloaded: its cards stay printed and unused, never handed out.
        forget();
        super.onDetach(event);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
