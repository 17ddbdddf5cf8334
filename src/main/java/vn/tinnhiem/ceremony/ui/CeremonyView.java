package vn.tinnhiem.ceremony.ui;

import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.InMemoryUploadHandler;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.ceremony.CeremonyStage;
import vn.tinnhiem.ceremony.CeremonyStatus;
import vn.tinnhiem.ceremony.SeatCard;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Permission;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.ComponentTexts;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.ui.Notifications;
import vn.tinnhiem.shared.Roles;

/**
 * The key ceremony at the console, with the tally board present: make the key (the manifest frozen, its hash
 * and the key's fingerprint shown to be read aloud), print each seat's card once, then each teller checks
 * their own card back; or carry the request to the offline laptop and import the public file it writes.
 */
@Route(value = "ceremony", layout = MainLayout.class)
@RolesAllowed(Roles.ADMIN)
class CeremonyView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private final CeremonyService ceremonies;
    private final Elections elections;
    private ElectionId electionId;
    private String title = "";

    CeremonyView(CeremonyService ceremonies, Elections elections) {
        this.ceremonies = ceremonies;
        this.elections = elections;
        setPadding(true);
        addClassName("ceremony-screen");
    }

    @Override
    public void setParameter(BeforeEvent event, Long parameter) {
        ElectionId id = ElectionId.of(parameter);
        this.electionId = id;
        if (elections.find(id).isEmpty()) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
            return;
        }
        rebuild();
    }

    /** Everything is re-read after each step: the screen shows what the server holds. */
    private void rebuild() {
        Election election = elections.find(electionId).orElseThrow();
        CeremonyStatus status = ceremonies.status(electionId);
        title = getTranslation("ceremony.title") + " — " + election.title();
        removeAll();
        var back = new Anchor("elections/" + electionId + "?tab=status", getTranslation("ceremony.back"));
        back.setId("ceremony-back");
        back.addClassName("link-button");
        var heading = new H1(getTranslation("ceremony.title"));
        var conference = new Paragraph(election.title());
        conference.setId("ceremony-conference");
        var stage = new Span(getTranslation("ceremony.stage." + status.stage().name()));
        stage.setId("ceremony-stage");
        stage.getElement().getThemeList().add("badge " + (status.stage() == CeremonyStage.COMPLETE ? "success" : "contrast"));
        add(back, heading, conference, stage, new Paragraph(getTranslation("ceremony.explain", status.k(), status.n())));
        Permission run = ceremonies.mayRun(electionId);
        if (!run.isAllowed()) {
            Refusal why = run.reasons().getFirst();
            var notice = new Paragraph(Notifications.translate(why.key(), why.args().toArray()));
            notice.setId("ceremony-not-ready");
            add(notice);
            if (status.stage() == CeremonyStage.COMPLETE) {
                add(fingerprints(status));
            }
            return;
        }
        if (status.manifestHash().isPresent()) {
            add(fingerprints(status));
        }
        if (status.stage() == CeremonyStage.COMPLETE) {
            var done = new Paragraph(getTranslation("ceremony.complete"));
            done.setId("ceremony-complete");
            done.addClassName("ceremony-complete");
            add(done);
        }
        if (status.stage() == CeremonyStage.INTERRUPTED) {
            var lost = new Paragraph(getTranslation("ceremony.interrupted"));
            lost.setId("ceremony-interrupted");
            add(lost);
        }
        add(startButton(status));
        add(new H2(getTranslation("ceremony.seats")));
        var seats = new FlexLayout();
        seats.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        seats.addClassName("seat-cards");
        seats.getStyle().set("gap", "var(--lumo-space-m)");
        for (SeatCard seat : status.seats()) {
            seats.add(seatCard(status, seat));
        }
        add(seats);
        add(offline());
    }

    /** The frozen manifest's hash and the key's fingerprint, in groups to read aloud and compare with the cards. */
    private Component fingerprints(CeremonyStatus status) {
        var box = new Div();
        box.addClassName("ceremony-fingerprints");
        var hash = new Div(grouped(status.manifestHash().orElseThrow()));
        hash.setId("ceremony-manifest-hash");
        hash.addClassName("digits");
        var fingerprint = new Div(status.fingerprint().orElseThrow());
        fingerprint.setId("ceremony-fingerprint");
        fingerprint.addClassName("digits");
        box.add(new Paragraph(getTranslation("ceremony.manifestHash")), hash,
                new Paragraph(getTranslation("ceremony.fingerprint")), fingerprint);
        if (status.offline()) {
            box.add(new Paragraph(getTranslation("ceremony.madeOffline")));
        }
        return box;
    }

    private Component startButton(CeremonyStatus status) {
        boolean again = status.stage() != CeremonyStage.NOT_STARTED;
        String label = getTranslation(again ? "ceremony.startAgain" : "ceremony.start");
        var start = new Button(label, e -> {
            var dialog = new ConfirmDialog();
            dialog.setId("confirm-dialog");
            dialog.setHeader(label);
            dialog.setText(getTranslation(again ? "ceremony.startAgain.confirm" : "ceremony.start.confirm"));
            dialog.setCancelable(true);
            dialog.setCancelText(getTranslation("common.cancel"));
            dialog.setConfirmText(label);
            if (again) {
                dialog.setConfirmButtonTheme("error primary");
            }
            dialog.addConfirmListener(c -> {
                if (Notifications.attempt(() -> ceremonies.start(electionId))) {
                    if (again) {
                        Notifications.success(getTranslation("ceremony.startedAgain"));
                    }
                    rebuild();
                }
            });
            dialog.open();
        });
        start.setId("ceremony-start");
        start.addThemeVariants(again ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_PRIMARY);
        if (again) {
            start.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        }
        return start;
    }

    /** One seat as a card: whose it is, how far its card has come, and the one step it needs now. */
    private Component seatCard(CeremonyStatus status, SeatCard seat) {
        var card = new Div();
        card.setId("seat-" + seat.seat());
        card.addClassName("seat-card");
        var name = new Div(seat.tellerName());
        name.addClassName("seat-name");
        var where = new Div(getTranslation("ceremony.seat", seat.seat(), status.n())
                + (seat.head() ? " · " + getTranslation("ceremony.head") : ""));
        var state = new Div(getTranslation(seat.checked() ? "ceremony.seatState.checked"
                : seat.issued() ? "ceremony.seatState.issued" : "ceremony.seatState.notIssued")
                + (seat.issued() && seat.passphrase() ? " · " + getTranslation("ceremony.seatState.withPassphrase") : ""));
        state.setId("seat-" + seat.seat() + "-state");
        card.add(name, where, state);
        if (status.stage() == CeremonyStage.PRINTING && !seat.issued()) {
            var print = new Button(getTranslation("ceremony.print"),
                    e -> new PrintCardDialog(ceremonies, electionId, seat, this::rebuild).open());
            print.setId("seat-" + seat.seat() + "-print");
            print.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            card.add(print);
        }
        if (seat.issued() && !seat.checked() && (status.stage() == CeremonyStage.PRINTING
                || status.stage() == CeremonyStage.CHECKING)) {
            var check = new Button(getTranslation("ceremony.check"),
                    e -> new CheckCardDialog(ceremonies, electionId, seat, this::rebuild).open());
            check.setId("seat-" + seat.seat() + "-check");
            card.add(check);
        }
        return card;
    }

    /** The offline path: the request for the laptop, and the public file it writes back. */
    private Component offline() {
        var box = new VerticalLayout();
        box.setPadding(false);
        box.setId("ceremony-offline");
        box.add(new H2(getTranslation("ceremony.offline")), new Paragraph(getTranslation("ceremony.offline.explain")));
        var request = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] json = ceremonies.request(electionId).toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new com.vaadin.flow.server.streams.DownloadResponse(new java.io.ByteArrayInputStream(json),
                    "tinnhiem-ceremony-request-" + electionId + ".json", "application/json", json.length);
        }), getTranslation("ceremony.offline.request"));
        request.setId("ceremony-request");
        request.addClassName("download-link");
        request.getStyle().set("min-height", "44px").set("display", "inline-flex").set("align-items", "center");
        var report = new Div();
        report.setId("ceremony-import-report");
        var handler = new InMemoryUploadHandler((metadata, data) -> {
            try {
                ceremonies.importKeyFile(electionId, data);
                Notifications.success(getTranslation("ceremony.imported"));
                rebuild();
            } catch (UserFacingException ex) {
                report.setText(Notifications.translate(ex.key(), ex.args()));
                report.addClassName("field-error");
            }
        }) {
            @Override
            public long getFileSizeMax() {
                return CeremonyService.MAX_KEY_FILE;
            }
        };
        var upload = new Upload(handler);
        upload.setId("ceremony-import");
        upload.setMaxFiles(1);
        upload.setI18n(ComponentTexts.upload());
        upload.setAcceptedFileTypes(".json", "application/json");
        box.add(request, new Paragraph(getTranslation("ceremony.offline.import")), upload, report);
        return box;
    }

    static String grouped(String hex) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            if (i > 0) {
                sb.append(i % 32 == 0 ? "\n" : " ");
            }
            sb.append(hex, i, Math.min(hex.length(), i + 4));
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
