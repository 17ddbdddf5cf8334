package vn.tinnhiem.count.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.List;
import vn.tinnhiem.count.BallotTracking;
import vn.tinnhiem.count.TrackedBallot;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.QrScanner;

/**
 * The tracking codes of a closed conference, published for anyone: a voter types (or scans) the code the kiosk
 * showed them and sees whether their ballot is in the box and counted. Codes only: nothing says when or
 * where a ballot was cast, and the list is sorted.
 */
@Route(value = "tracking", autoLayout = false)
@AnonymousAllowed
class TrackingView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private final BallotTracking tracking;
    private final Elections elections;
    private String title = "";

    TrackingView(BallotTracking tracking, Elections elections) {
        this.tracking = tracking;
        this.elections = elections;
        setId("tracking");
        setMaxWidth("960px");
        getStyle().set("margin", "0 auto");
    }

    @Override
    public void setParameter(BeforeEvent event, Long parameter) {
        ElectionId id = ElectionId.of(parameter);
        var election = elections.findForKiosk(id);
        if (election.isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        title = getTranslation("tracking.title") + " · " + election.get().title();
        removeAll();
        add(new H1(getTranslation("tracking.title")), new Paragraph(election.get().title()));
        List<String> codes;
        try {
            codes = tracking.publishedCodes(id);
        } catch (UserFacingException ex) {
            var notYet = new Paragraph(getTranslation("tracking.notYet"));
            notYet.setId("tracking-not-yet");
            add(notYet);
            return;
        }
        add(new Paragraph(getTranslation("tracking.explain", codes.size())));
        var result = new Paragraph();
        result.setId("tracking-result");
        result.getStyle().set("font-weight", "600").set("font-size", "1.2em");
        var scanner = new QrScanner();
        scanner.setId("tracking-code");
        scanner.setCameraEnabled(false);
        scanner.setLabel(getTranslation("tracking.code"));
        scanner.setSubmitText(getTranslation("tracking.check"));
        scanner.addScanListener(text -> {
            TrackedBallot state = tracking.track(id, text);
            result.setText(getTranslation("tracking.state." + state.name()));
            result.getStyle().set("color", state.reassures() ? "var(--lumo-success-text-color)"
                    : "var(--lumo-error-text-color)");
        });
        add(scanner, result);
        var list = new Div();
        list.setId("tracking-list");
        list.getStyle().set("font-family", "monospace").set("columns", "16em").set("font-size", "1rem");
        for (String code : codes) {
            list.add(new Div(code));
        }
        add(list);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
