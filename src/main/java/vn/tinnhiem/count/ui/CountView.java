package vn.tinnhiem.count.ui;

import com.vaadin.flow.component.UI;
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
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.InMemoryUploadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import vn.tinnhiem.count.BoxVerdict;
import vn.tinnhiem.count.ClosingFigures;
import vn.tinnhiem.count.BoxCheck;
import vn.tinnhiem.count.CountDocuments;
import vn.tinnhiem.count.CountFinish;
import vn.tinnhiem.count.CountResults;
import vn.tinnhiem.count.ElectionRecordExport;
import vn.tinnhiem.count.PollsClose;
import vn.tinnhiem.count.TotalsUnsealing;
import vn.tinnhiem.count.ResultTable;
import vn.tinnhiem.count.ShareOutcome;
import vn.tinnhiem.count.Unsealing;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.ComponentTexts;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.ui.Notifications;
import vn.tinnhiem.shared.ui.QrScanner;
import vn.tinnhiem.shared.Roles;

/**
 * The tally board's count, in its order: close the polls (the quorum and the cards frozen), check the ballot box
 * (every proof, with a progress bar), unseal (each teller's card, or a file from the offline laptop; with k the
 * counts appear), then the results, the documents and the record. A teller of this board acts; the organiser
 * may look.
 */
@Route(value = "count", layout = MainLayout.class)
@RolesAllowed({Roles.TELLER, Roles.ADMIN})
class CountView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CountView.class);
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final PollsClose polls;
    private final BoxCheck boxCheck;
    private final TotalsUnsealing unsealing;
    private final CountFinish finish;
    private final CountResults results;
    private final CountDocuments documents;
    private final ElectionRecordExport record;
    private final ElectionService elections;
    private long electionId;
    private String title = "";
    private boolean acts;
    /** A good card of another seat, waiting for that seat's teller's password (never shown, never logged). */
    private String pendingCard;
    private char[] pendingPassphrase;
    /** What the last card or file did, said beside the seats after the screen is rebuilt (not in a toast over the buttons). */
    private String notice = "";

    CountView(PollsClose polls, BoxCheck boxCheck, TotalsUnsealing unsealing, CountFinish finish,
            CountResults results, CountDocuments documents, ElectionRecordExport record, ElectionService elections) {
        this.polls = polls;
        this.boxCheck = boxCheck;
        this.unsealing = unsealing;
        this.finish = finish;
        this.results = results;
        this.documents = documents;
        this.record = record;
        this.elections = elections;
        setPadding(true);
        setId("count-screen");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        this.electionId = id;
        if (elections.find(id).isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        boolean onBoard = elections.boardsOfCurrentTeller().stream().anyMatch(e -> e.id() == id);
        if (!CurrentStaff.hasRole(Roles.ADMIN) && !onBoard) {
            event.rerouteToError(AccessDeniedException.class);
            return;
        }
        acts = onBoard && CurrentStaff.hasRole(Roles.TELLER);
        rebuild();
    }

    private void rebuild() {
        Election election = elections.find(electionId).orElseThrow();
        title = getTranslation("count.title") + " · " + election.title();
        removeAll();
        add(new H1(election.title()), new Paragraph(election.details().body() + " · " + election.details().place()
                + " · " + election.details().startsAt().format(WHEN)));
        var status = new Span(getTranslation("status." + election.status().name()));
        status.getElement().getThemeList().add("badge");
        status.setId("count-status");
        add(status);
        if (election.status().ordinal() < ElectionStatus.OPEN.ordinal()) {
            add(new Paragraph(getTranslation("count.notYet")));
            return;
        }
        add(closing(election));
        if (election.status() == ElectionStatus.OPEN) {
            return;
        }
        var verdict = boxCheck.boxVerdict(electionId);
        add(box(verdict.orElse(null)));
        if (verdict.isEmpty()) {
            return;
        }
        var table = results.results(electionId);
        if (table.isEmpty()) {
            add(unseal(unsealing.unsealing(electionId)));
        } else {
            // The sections keep their numbers after the count: 3 says how it was unsealed, then 4, the results.
            add(unsealed(unsealing.unsealing(electionId)),
                    new ResultsSection(results, documents, record, electionId, table.get()));
        }
    }

    // 1. The close.

    private VerticalLayout closing(Election election) {
        ClosingFigures f = polls.closingFigures(electionId);
        var section = section("count-closing", "count.closing");
        var figures = new Div();
        figures.setId("count-figures");
        figures.add(line(getTranslation("count.figures.present", f.present(), f.summoned())),
                line(getTranslation("count.figures.cards", f.cardsActivated(), f.cardsSpent(), f.cardsUnspent(),
                        f.cardsVoided())));
        var quorum = new Paragraph(getTranslation(f.quorumMet() ? "count.quorum.met" : "count.quorum.notMet"));
        quorum.setId("count-quorum");
        quorum.getStyle().set("font-weight", "600");
        if (!f.quorumMet()) {
            quorum.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        section.add(figures, quorum);
        if (f.closedAt() != null) {
            section.add(line(getTranslation("count.closedAt", f.closedAt().format(WHEN))));
        } else if (acts && election.status() == ElectionStatus.OPEN) {
            var close = new Button(getTranslation("count.close"), e -> confirm(getTranslation("count.close"),
                    getTranslation("count.close.confirm", f.cardsUnspent()), getTranslation("count.close"), () -> {
                        if (Notifications.attempt(() -> polls.close(electionId))) {
                            Notifications.success(getTranslation("count.closed"));
                            rebuild();
                        }
                    }));
            close.setId("count-close");
            close.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
            close.setMinHeight("44px");
            section.add(new Paragraph(getTranslation("count.close.explain")), close);
        }
        return section;
    }

    // 2. The ballot box.

    private VerticalLayout box(BoxVerdict verdict) {
        var section = section("count-box", "count.box");
        if (verdict == null) {
            section.add(new Paragraph(getTranslation("count.box.explain")));
            if (!acts) {
                return section;
            }
            var progress = new ProgressBar();
            progress.setId("count-progress");
            progress.setVisible(false);
            var progressText = new Span();
            progressText.setId("count-progress-text");
            var check = new Button(getTranslation("count.box.check"));
            check.setId("count-check");
            check.setMinHeight("44px");
            check.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            check.setDisableOnClick(true);
            check.addClickListener(e -> runCheck(progress, progressText));
            section.add(check, progress, progressText);
            return section;
        }
        var summary = new Div();
        summary.setId("count-box-verdict");
        summary.add(line(getTranslation("count.box.figures", verdict.stored(), verdict.counted(), verdict.spentCards())));
        // Equal figures alone never read as a clean box: with any sign of tampering the screen says it is not.
        var difference = new Paragraph(verdict.clean() ? getTranslation("count.box.matches")
                : verdict.difference() == 0 ? getTranslation("count.box.matchesNotClean")
                : getTranslation("count.box.difference", verdict.counted(), verdict.spentCards(),
                        (verdict.difference() > 0 ? "+" : "") + verdict.difference()));
        difference.setId("count-difference");
        if (!verdict.clean()) {
            difference.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "600");
        }
        summary.add(difference);
        var setAside = new Div();
        setAside.setId("count-set-aside");
        if (!verdict.setAside().isEmpty()) {
            setAside.add(new Paragraph(getTranslation("count.box.setAside", verdict.setAside().size())));
            for (BoxVerdict.SetAside a : verdict.setAside()) {
                setAside.add(card(a.trackingCode(), String.join(", ", a.reasons())));
            }
        }
        var copies = new Div();
        copies.setId("count-copies");
        if (!verdict.copies().isEmpty()) {
            copies.add(new Paragraph(getTranslation("count.box.copies", verdict.copies().size())));
            for (BoxVerdict.Copy c : verdict.copies()) {
                copies.add(card(c.trackingCode(), getTranslation(c.sameId() ? "count.box.copy.sameId"
                        : "count.box.copy.sameContent", c.copyOf())));
            }
        }
        var tampering = new Div();
        tampering.setId("count-tampering");
        if (!verdict.tampering().isEmpty()) {
            var heading = new Paragraph(getTranslation("count.box.tampering", verdict.tampering().size()));
            heading.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "600");
            tampering.add(heading);
            for (BoxVerdict.Tampering t : verdict.tampering()) {
                String about = t.aboutKey() == null ? t.about() : getTranslation(t.aboutKey());
                tampering.add(card(getTranslation("count.tampering." + t.kind(), about),
                        getTranslation("count.tampering.values", t.found(), t.expected())));
            }
        }
        section.add(summary, tampering, setAside, copies);
        return section;
    }

    /**
     * The proofs are checked on a worker thread, under this teller's sign-in, while the page polls for the
     * progress: the bar, the ballots done, and the time left at the pace so far.
     */
    private void runCheck(ProgressBar progress, Span progressText) {
        UI ui = UI.getCurrent();
        SecurityContext security = SecurityContextHolder.getContext();
        progress.setVisible(true);
        progress.setIndeterminate(true);
        progressText.setText(getTranslation("count.box.starting"));
        ui.setPollInterval(500);
        long started = System.nanoTime();
        int stored = boxCheck.storedBallots(electionId);
        CompletableFuture.runAsync(() -> {
            SecurityContextHolder.setContext(security);
            try {
                boxCheck.checkBox(electionId, done -> ui.access(() -> {
                    progress.setIndeterminate(false);
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    int of = Math.max(stored, done);
                    progress.setValue(of == 0 ? 1 : (double) done / of);
                    long left = done == 0 ? 0 : Math.round(elapsed * (of - done) / done);
                    progressText.setText(getTranslation("count.box.progress", done, of, left));
                }));
                ui.access(() -> {
                    ui.setPollInterval(-1);
                    Notifications.success(getTranslation("count.box.done"));
                    rebuild();
                });
            } catch (UserFacingException ex) {
                ui.access(() -> {
                    ui.setPollInterval(-1);
                    Notifications.refused(ex);
                    rebuild();
                });
            } catch (RuntimeException ex) {
                // Never leave the bar spinning: say it failed; nothing was stored, so the board can check again.
                LOG.error("The ballot box check of conference {} failed", electionId, ex);
                ui.access(() -> {
                    ui.setPollInterval(-1);
                    Notifications.error(getTranslation("count.box.failed"));
                    rebuild();
                });
            } finally {
                SecurityContextHolder.clearContext();
            }
        });
    }

    // 3. The unsealing.

    private VerticalLayout unseal(Unsealing state) {
        var section = section("count-unseal", "count.unseal");
        if (state.noBallots()) {
            section.add(new Paragraph(getTranslation("count.unseal.noBallots")));
        } else {
            section.add(new Paragraph(getTranslation("count.unseal.explain", state.k(), state.n(), state.accepted())));
            var compare = new Div(line(getTranslation("count.unseal.ballots", state.ballots())),
                    line(getTranslation("count.unseal.fingerprint", state.keyFingerprint())),
                    line(getTranslation("count.unseal.totalsHash", grouped(state.totalsHash()))));
            compare.setId("count-compare");
            compare.getStyle().set("font-family", "monospace").set("overflow-wrap", "anywhere");
            section.add(compare);
            var seats = new Div();
            seats.setId("count-seats");
            for (Unsealing.Seat s : state.seats()) {
                String details = s.path().map(p -> getTranslation("count.unseal.seat." + p))
                        .orElse(getTranslation("count.unseal.seat.waiting"));
                var card = card(getTranslation("count.unseal.seat", s.seat(), s.name())
                        + (s.head() ? " · " + getTranslation("board.head") : ""), details);
                card.setId("count-seat-" + s.seat());
                seats.add(card);
            }
            section.add(seats);
        }
        if (!notice.isEmpty()) {
            var said = new Paragraph(notice);
            said.setId("count-notice");
            said.getStyle().set("color", "var(--lumo-success-text-color)").set("font-weight", "600");
            section.add(said);
            notice = "";
        }
        if (!acts) {
            return section;
        }
        if (!state.noBallots()) {
            section.add(cardEntry(), offline());
        }
        var error = new Paragraph();
        error.setId("count-finish-error");
        error.addClassName("field-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        var finishButton = new Button(getTranslation(state.noBallots() ? "count.finish.empty" : "count.finish"), e -> {
            try {
                this.finish.finish(electionId);
                Notifications.success(getTranslation("count.counted"));
                rebuild();
            } catch (UserFacingException ex) {
                error.setText(Notifications.translate(ex.key(), ex.args()));
            }
        });
        finishButton.setId("count-finish");
        finishButton.setMinHeight("44px");
        finishButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        section.add(finishButton, error);
        return section;
    }

    /** Once counted: the cards (or files) the results were unsealed with, seat by seat. */
    private VerticalLayout unsealed(Unsealing state) {
        var section = section("count-unsealed", "count.unseal");
        if (state.noBallots()) {
            section.add(new Paragraph(getTranslation("count.unseal.noBallots")));
            return section;
        }
        section.add(new Paragraph(getTranslation("count.unseal.done", state.accepted(), state.k(), state.n())));
        for (Unsealing.Seat s : state.seats()) {
            s.path().ifPresent(p -> section.add(card(getTranslation("count.unseal.seat", s.seat(), s.name())
                    + (s.head() ? " · " + getTranslation("board.head") : ""),
                    getTranslation("count.unseal.seat." + p))));
        }
        return section;
    }

    /**
     * A card held to the camera, scanned by a handheld scanner, or typed; its passphrase first if it has one. The
     * code is masked (with a toggle to show it) and emptied after every refusal. A card of another seat than the
     * signed-in teller's is counted only once that seat's teller has typed their own account's password below:
     * the card read waits for it in this view's memory alone, and is dropped on cancel or any other answer.
     */
    private VerticalLayout cardEntry() {
        var box = new VerticalLayout();
        box.setPadding(false);
        box.setId("count-card-entry");
        var passphrase = new PasswordField(getTranslation("count.card.passphrase"));
        ComponentTexts.reveal(passphrase);
        passphrase.setId("count-passphrase");
        passphrase.setWidthFull();
        passphrase.setHelperText(getTranslation("count.card.passphraseHelp"));
        var scanner = QrScanner.secret();
        scanner.setId("count-card");
        scanner.setLabel(getTranslation("count.card.code"));
        scanner.setSubmitText(getTranslation("count.card.submit"));

        var holder = new VerticalLayout();
        holder.setPadding(false);
        holder.setId("count-holder");
        holder.setVisible(false);
        var holderExplain = new Paragraph();
        holderExplain.setId("count-holder-explain");
        var holderPassword = new PasswordField();
        ComponentTexts.reveal(holderPassword);
        holderPassword.setId("count-holder-password");
        holderPassword.setWidthFull();
        holderPassword.getElement().setAttribute("autocomplete", "current-password");
        var confirm = new Button(getTranslation("count.holder.confirm"));
        confirm.setId("count-holder-confirm");
        confirm.setMinHeight("44px");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button(getTranslation("common.cancel"));
        cancel.setId("count-holder-cancel");
        cancel.setMinHeight("44px");
        holder.add(new H2(getTranslation("count.holder.title")), holderExplain, holderPassword, confirm, cancel);

        Runnable forget = () -> {
            pendingCard = null;
            if (pendingPassphrase != null) {
                java.util.Arrays.fill(pendingPassphrase, '\0');
                pendingPassphrase = null;
            }
            holderPassword.clear();
            holderPassword.setInvalid(false);
            holder.setVisible(false);
        };
        // One reading of a card, first without and then with its holder's password.
        java.util.function.BiConsumer<String, char[]> read = (text, holderSecret) -> {
            char[] secret = pendingPassphrase != null ? pendingPassphrase.clone()
                    : passphrase.isEmpty() ? null : passphrase.getValue().toCharArray();
            char[] kept = secret == null ? null : secret.clone();
            passphrase.clear();
            passphrase.setInvalid(false);
            ShareOutcome outcome;
            try {
                outcome = unsealing.unsealWithCard(electionId, text, secret, holderSecret);
            } catch (UserFacingException ex) {
                forget.run();
                scanner.showError(Notifications.translate(ex.key(), ex.args()));
                return;
            } finally {
                holderPassword.clear();
            }
            switch (outcome) {
                case ShareOutcome.Accepted a -> {
                    if (kept != null) {
                        java.util.Arrays.fill(kept, '\0');
                    }
                    forget.run();
                    scanner.clearField();
                    notice = getTranslation(a.counted() ? "count.card.lastGood" : "count.card.good", a.seat(),
                            a.tellerName());
                    rebuild();
                }
                case ShareOutcome.HolderNeeded h -> {
                    // The code leaves the screen; the card read waits here for its holder's password.
                    scanner.clearField();
                    pendingCard = text;
                    if (pendingPassphrase != kept && pendingPassphrase != null) {
                        java.util.Arrays.fill(pendingPassphrase, '\0');
                    }
                    pendingPassphrase = kept;
                    holderExplain.setText(getTranslation("count.holder.explain", h.seat(), h.tellerName()));
                    holderPassword.setLabel(getTranslation("count.holder.password"));
                    boolean first = h.reasonKey().equals("holder.error.passwordNeeded") && holderSecret == null;
                    holderPassword.setInvalid(!first);
                    holderPassword.setErrorMessage(first ? null
                            : getTranslation(h.reasonKey(), h.seat(), h.tellerName()));
                    holder.setVisible(true);
                    holderPassword.focus();
                }
                case ShareOutcome.Refused r -> {
                    if (kept != null) {
                        java.util.Arrays.fill(kept, '\0');
                    }
                    forget.run();
                    String message = getTranslation(r.reasonKey(), r.args().toArray());
                    if (r.reasonKey().endsWith("PASSPHRASE_REQUIRED") || r.reasonKey().endsWith("WRONG_PASSPHRASE")) {
                        scanner.clearField();
                        passphrase.setErrorMessage(message);
                        passphrase.setInvalid(true);
                    } else {
                        scanner.showError(message);
                    }
                }
            }
        };
        scanner.addScanListener(text -> {
            forget.run();
            read.accept(text, null);
        });
        confirm.addClickListener(e -> {
            if (pendingCard == null) {
                forget.run();
                return;
            }
            char[] typed = holderPassword.isEmpty() ? null : holderPassword.getValue().toCharArray();
            read.accept(pendingCard, typed);
        });
        cancel.addClickListener(e -> forget.run());
        box.addDetachListener(e -> forget.run());
        box.add(new H2(getTranslation("count.card")), new Paragraph(getTranslation("count.card.explain")), passphrase,
                scanner, holder);
        return box;
    }

    /** The high-assurance path: the totals out as a file, a partial decryption back from the offline laptop. */
    private VerticalLayout offline() {
        var box = new VerticalLayout();
        box.setPadding(false);
        box.setId("count-offline");
        var totals = new Anchor(com.vaadin.flow.server.streams.DownloadHandler.fromInputStream(event -> {
            byte[] json = unsealing.totalsFile(electionId);
            return new com.vaadin.flow.server.streams.DownloadResponse(new java.io.ByteArrayInputStream(json),
                    "tinnhiem-encrypted-totals-" + electionId + ".json", "application/json", json.length);
        }), getTranslation("count.offline.download"));
        totals.setId("count-totals");
        totals.addClassName("download-link");
        totals.getStyle().set("min-height", "44px").set("display", "inline-flex").set("align-items", "center");
        var report = new Paragraph();
        report.setId("count-partial-report");
        report.getStyle().set("color", "var(--lumo-error-text-color)");
        var handler = new InMemoryUploadHandler((metadata, data) -> {
            try {
                switch (unsealing.importPartial(electionId, data)) {
                    case ShareOutcome.Accepted a -> {
                        notice = getTranslation(a.counted() ? "count.card.lastGood" : "count.card.good", a.seat(),
                                a.tellerName());
                        rebuild();
                    }
                    case ShareOutcome.Refused r -> report.setText(getTranslation(r.reasonKey(), r.args().toArray()));
                    // Only a card read in the hall asks for its holder; a file names no card.
                    case ShareOutcome.HolderNeeded h -> report.setText(getTranslation(h.reasonKey(), h.seat(),
                            h.tellerName()));
                }
            } catch (UserFacingException ex) {
                report.setText(Notifications.translate(ex.key(), ex.args()));
            }
        }) {
            @Override
            public long getFileSizeMax() {
                return TotalsUnsealing.MAX_PARTIAL_FILE;
            }
        };
        var upload = new Upload(handler);
        upload.setId("count-partial-upload");
        upload.setMaxFiles(1);
        upload.setI18n(ComponentTexts.upload());
        upload.setAcceptedFileTypes(".json", "application/json");
        box.add(new H2(getTranslation("count.offline")), new Paragraph(getTranslation("count.offline.explain")), totals,
                new Paragraph(getTranslation("count.offline.import")), upload, report);
        return box;
    }

    // Helpers shared with the results.

    static VerticalLayout section(String id, String headingKey) {
        var section = new VerticalLayout();
        section.setPadding(false);
        section.setId(id);
        section.add(new H2(section.getTranslation(headingKey)));
        return section;
    }

    static Paragraph line(String text) {
        var p = new Paragraph(text);
        p.getStyle().set("margin", "0.2em 0");
        return p;
    }

    /** A list item as a card: the name, its details beneath. */
    static Div card(String name, String details) {
        var card = new Div();
        card.addClassName("count-card");
        card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius",
                "var(--lumo-border-radius-m)").set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("margin", "0 0 var(--lumo-space-s) 0").set("overflow-wrap", "anywhere");
        var n = new Div(name);
        n.getStyle().set("font-weight", "600");
        var d = new Div(details);
        d.addClassName("cell-details");
        d.getStyle().set("color", "var(--lumo-secondary-text-color)");
        card.add(n, d);
        return card;
    }

    private static void confirm(String header, String text, String confirm, Runnable action) {
        var dialog = new ConfirmDialog();
        dialog.setId("confirm-dialog");
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        dialog.setCancelText(dialog.getTranslation("common.cancel"));
        dialog.setConfirmText(confirm);
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> action.run());
        dialog.open();
    }

    /** A hash in groups of four, to read aloud and compare with the offline laptop's screen. */
    static String grouped(String hex) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            sb.append(i > 0 ? " " : "").append(hex, i, Math.min(hex.length(), i + 4));
        }
        return sb.toString();
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
