package vn.tinnhiem.token.ui;

import java.util.Optional;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.ui.Notifications;
import vn.tinnhiem.token.CardCounts;
import vn.tinnhiem.token.PrintedCards;
import vn.tinnhiem.token.TokenService;

/**
 * The organiser prints the voting cards: the first batch for the whole roll plus spares, later batches
 * of spares. The PDF is held only until it is downloaded (once) or the screen is left: the tokens on it
 * exist nowhere else.
 */
@Route(value = "cards", layout = MainLayout.class)
@RolesAllowed("ADMIN")
class CardsView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private final ElectionService elections;
    private final TokenService tokens;
    private long electionId;
    private String title = "";
    private final Div counts = new Div();
    private final IntegerField spares = new IntegerField();
    private final Div download = new Div();
    private byte[] pdf;

    CardsView(ElectionService elections, TokenService tokens) {
        this.elections = elections;
        this.tokens = tokens;
        setPadding(true);
        getStyle().set("max-width", "48rem").set("box-sizing", "border-box");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
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
        add(new H2(getTranslation("cards.title")), conference, counts, notice, spares, print, download);
        refresh();
        // Opened from far down the home: start at the top.
        getElement().executeJs("this.scrollIntoView({block: 'start'})");
    }

    private void refresh() {
        CardCounts c = tokens.counts(electionId);
        counts.setText(c.total() == 0 ? getTranslation("cards.none")
                : getTranslation("cards.counts", c.total(), c.printed(), c.activated(), c.spent(), c.voided()));
        if (c.total() == 0) {
            int roll = elections.deskRoll(electionId, "", 0, 1).onRoll();
            spares.setHelperText(getTranslation("cards.spares.first", roll));
            spares.setValue(TokenService.defaultSpares(roll));
        } else {
            spares.setHelperText(getTranslation("cards.spares.more"));
            spares.setValue(Math.max(1, TokenService.defaultSpares(c.total())));
        }
    }

    private void print() {
        download.removeAll();
        pdf = null;
        Integer wanted = spares.getValue();
        try {
            PrintedCards cards = tokens.print(electionId, wanted == null ? -1 : wanted);
            pdf = cards.pdf();
            DownloadHandler once = event -> {
                byte[] bytes = pdf;
                pdf = null;
                event.setFileName(getTranslation("cards.fileName"));
                event.setContentType("application/pdf");
                if (bytes != null) {
                    try (var out = event.getOutputStream()) {
                        out.write(bytes);
                    }
                }
            };
            var link = new Anchor(once, getTranslation("cards.download", cards.count()));
            link.setId("cards-download");
            link.getElement().setAttribute("aria-label", getTranslation("cards.downloadAria"));
            link.addClassName("link-button");
            link.getStyle().set("border", "1px solid var(--lumo-contrast-30pct)")
                    .set("border-radius", "var(--lumo-border-radius-m)").set("padding", "0 var(--lumo-space-m)");
            var done = new Div(getTranslation("cards.printed", cards.count()));
            done.getStyle().set("color", "var(--lumo-success-text-color)").set("font-weight", "600");
            download.add(done, link);
            refresh();
        } catch (UserFacingException e) {
            spares.setErrorMessage(Notifications.translate(e.key(), e.args()));
            spares.setInvalid(true);
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        // Leaving the screen forgets a sheet not downloaded: its cards stay printed and unused, never handed out.
        pdf = null;
        super.onDetach(event);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
