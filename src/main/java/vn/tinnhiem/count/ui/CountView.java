package vn.tinnhiem.count.ui;

import static vn.tinnhiem.count.ui.CountParts.card;
import static vn.tinnhiem.count.ui.CountParts.confirm;
import static vn.tinnhiem.count.ui.CountParts.grouped;
import static vn.tinnhiem.count.ui.CountParts.line;
import static vn.tinnhiem.count.ui.CountParts.section;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import vn.tinnhiem.count.BoxCheck;
import vn.tinnhiem.count.BoxCheckJob;
import vn.tinnhiem.count.BoxVerdict;
import vn.tinnhiem.count.ClosingFigures;
import vn.tinnhiem.count.CountDocuments;
import vn.tinnhiem.count.CountFinish;
import vn.tinnhiem.count.CountPage;
import vn.tinnhiem.count.CountPermissions;
import vn.tinnhiem.count.CountResults;
import vn.tinnhiem.count.ElectionRecordExport;
import vn.tinnhiem.count.PollsClose;
import vn.tinnhiem.count.TotalsUnsealing;
import vn.tinnhiem.count.Unsealing;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.ui.Notifications;

/**
 * The tally board's count, in its order: close the polls (the quorum and the cards frozen), check the ballot box
 * (every proof, with a progress bar), unseal (each teller's card, or a file from the offline laptop; with k the
 * counts appear), then the results, the documents and the record. A teller of this board acts; the organiser
 * may look.
 */
@Route(value = "count", layout = MainLayout.class)
@RolesAllowed({Roles.TELLER, Roles.ADMIN})
class CountView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final PollsClose polls;
    private final BoxCheck boxCheck;
    private final TotalsUnsealing unsealing;
    private final CountFinish finish;
    private final CountResults results;
    private final CountDocuments documents;
    private final ElectionRecordExport record;
    private final CountPermissions permissions;
    private final BoxCheckJob boxCheckJob;
    private final Elections elections;
    private ElectionId electionId;
    private String title = "";
    /** What the signed-in person may see and do here now, as the count's service answers it. */
    private CountPage page;
    /** What the last card or file did, said beside the seats after the screen is rebuilt (not in a toast over the buttons). */
    private String notice = "";

    CountView(PollsClose polls, BoxCheck boxCheck, TotalsUnsealing unsealing, CountFinish finish,
            CountResults results, CountDocuments documents, ElectionRecordExport record, CountPermissions permissions,
            BoxCheckJob boxCheckJob, Elections elections) {
        this.polls = polls;
        this.boxCheck = boxCheck;
        this.unsealing = unsealing;
        this.finish = finish;
        this.results = results;
        this.documents = documents;
        this.record = record;
        this.permissions = permissions;
        this.boxCheckJob = boxCheckJob;
        this.elections = elections;
        setPadding(true);
        setId("count-screen");
    }

    @Override
    public void setParameter(BeforeEvent event, Long parameter) {
        ElectionId id = ElectionId.of(parameter);
        this.electionId = id;
        if (elections.find(id).isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        if (!permissions.page(id).view().isAllowed()) {
            event.rerouteToError(AccessDeniedException.class);
            return;
        }
        rebuild();
    }

    private void rebuild() {
        Election election = elections.find(electionId).orElseThrow();
        page = permissions.page(electionId);
        title = getTranslation("count.title") + " · " + election.title();
        removeAll();
        add(new H1(election.title()), new Paragraph(election.details().body() + " · " + election.details().place()
                + " · " + election.details().startsAt().format(WHEN)));
        var status = new Span(getTranslation("status." + election.status().name()));
        status.getElement().getThemeList().add("badge");
        status.setId("count-status");
        add(status);
        if (!page.pollsOpened()) {
            add(new Paragraph(getTranslation("count.notYet")));
            return;
        }
        add(closing());
        if (!page.pollsClosed()) {
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

    private VerticalLayout closing() {
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
        } else if (page.close().isAllowed()) {
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
            if (!page.checkBox().isAllowed()) {
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
     * The proofs are checked on a worker thread ({@link BoxCheckJob}) while the page polls for the progress: the
     * bar, the ballots done, and the time left at the pace so far.
     */
    private void runCheck(ProgressBar progress, Span progressText) {
        UI ui = UI.getCurrent();
        progress.setVisible(true);
        progress.setIndeterminate(true);
        progressText.setText(getTranslation("count.box.starting"));
        ui.setPollInterval(500);
        boxCheckJob.start(electionId, new BoxCheckJob.Listener() {
            @Override
            public void progress(BoxCheckJob.Progress p) {
                ui.access(() -> {
                    progress.setIndeterminate(false);
                    progress.setValue(p.fraction());
                    progressText.setText(getTranslation("count.box.progress", p.done(), p.of(), p.secondsLeft()));
                });
            }

            @Override
            public void done() {
                ended(ui, () -> Notifications.success(getTranslation("count.box.done")));
            }

            @Override
            public void refused(UserFacingException refusal) {
                ended(ui, () -> Notifications.refused(refusal));
            }

            @Override
            public void failed() {
                // Never leave the bar spinning: say it failed; nothing was stored, so the board can check again.
                ended(ui, () -> Notifications.error(getTranslation("count.box.failed")));
            }
        });
    }

    private void ended(UI ui, Runnable say) {
        ui.access(() -> {
            ui.setPollInterval(-1);
            say.run();
            rebuild();
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
        if (!page.finish().isAllowed()) {
            return section;
        }
        if (page.unseal().isAllowed()) {
            Consumer<String> counted = said -> {
                notice = said;
                rebuild();
            };
            section.add(new CardEntry(unsealing, electionId, counted), new OfflinePath(unsealing, electionId, counted));
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

    @Override
    public String getPageTitle() {
        return title;
    }
}
