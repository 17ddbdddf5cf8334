package vn.tinnhiem.supervision.ui;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

import org.jspecify.annotations.Nullable;

import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditSentences;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.supervision.Alert;
import vn.tinnhiem.supervision.KioskHealth;
import vn.tinnhiem.supervision.Live;
import vn.tinnhiem.supervision.LiveFigures;
import vn.tinnhiem.supervision.SupervisionService;

/**
 * A conference's live figures as cards (phone first), its tablets, the alerts, the turnout chart and, on the
 * organiser's status tab, the audit log's tail; redrawn when the poller pushes a change. The page says when
 * its figures were last fresh, and a small check in the browser shows "reconnecting" when nothing came for a
 * few seconds (Wi-Fi gone, tablet asleep) while Vaadin reconnects by itself.
 */
class LivePanel extends Div {

    /**
     * The panel's styles, put in the page by the panel itself (once per page): it sits on the supervision
     * routes and in another module's view (the status tab), and a style element needs no public address
     * behind the staff sign-in's rules.
     */
    private static final String STYLES = readStyles();

    /** Where the panel is: its own page, the hall's projector (figures only, no control), the status tab. */
    enum Mode {
        PAGE, HALL, STATUS
    }

    /** No news for this long (a sign of life comes every 3 s): the page says it is reconnecting. */
    static final int STALE_AFTER_MS = 7000;

    private final SupervisionService service;
    private final ElectionId electionId;
    private final Mode mode;
    /** A supervisor never reads a candidate's or a voter's name, here as on the audit screen. */
    private final boolean hideNames;
    private final DateTimeFormatter seconds;
    private final DateTimeFormatter minutes;
    private final Div content = new Div();
    private final Span fresh = new Span();
    private Runnable unsubscribe = () -> {
    };

    LivePanel(SupervisionService service, ElectionId electionId, Mode mode, Clock clock) {
        this.service = service;
        this.electionId = electionId;
        this.mode = mode;
        this.hideNames = !service.showsNames();
        this.seconds = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(clock.getZone());
        this.minutes = DateTimeFormatter.ofPattern("HH:mm").withZone(clock.getZone());
        setId("live");
        addClassNames("live", "live-" + mode.name().toLowerCase(java.util.Locale.ROOT));
        fresh.setId("live-fresh");
        fresh.addClassName("live-fresh");
        var reconnecting = new Span(getTranslation("supervise.reconnecting"));
        reconnecting.setId("live-reconnecting");
        reconnecting.addClassName("live-reconnecting");
        var freshness = new Div(fresh, reconnecting);
        freshness.addClassName("live-freshness");
        freshness.getElement().setAttribute("aria-live", "polite");
        add(freshness, content);
        show(service.now(electionId));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ui.getPage().executeJs("""
                if (!document.getElementById('tinnhiem-live-styles')) {
                  const style = document.createElement('style');
                  style.id = 'tinnhiem-live-styles';
                  style.textContent = $0;
                  document.head.appendChild(style);
                }""", STYLES);
        unsubscribe.run();
        unsubscribe = service.subscribe(electionId, live -> ui.access(() -> show(live)));
        getElement().executeJs("""
                const el = this;
                el.dataset.seen = Date.now();
                clearInterval(el.__freshCheck);
                el.__freshCheck = setInterval(() => {
                  const c = window.Vaadin && window.Vaadin.connectionState;
                  const lost = c && (c.state === 'reconnecting' || c.state === 'connection-lost');
                  el.toggleAttribute('stale', lost || Date.now() - Number(el.dataset.seen) > $0);
                }, 1000);""", STALE_AFTER_MS);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        unsubscribe.run();
        unsubscribe = () -> {
        };
        getElement().executeJs("clearInterval(this.__freshCheck)");
    }

    private static String readStyles() {
        try (var in = LivePanel.class.getResourceAsStream("supervise.css")) {
            return new String(java.util.Objects.requireNonNull(in, "supervise.css").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void show(Live live) {
        fresh.setText(getTranslation("supervise.fresh", seconds.format(live.readAt())));
        getElement().executeJs("this.dataset.seen = Date.now()");
        content.removeAll();
        LiveFigures f = live.figures();
        if (mode != Mode.STATUS) {
            var title = new H1(f.title());
            title.addClassName("live-title");
            content.add(title);
        }
        content.add(figures(f));
        if (mode == Mode.HALL) {
            content.add(TurnoutChart.of(live, minutes, getTranslation("supervise.chart")));
            return;
        }
        if (!live.alerts().isEmpty()) {
            content.add(alerts(live));
        }
        content.add(kiosks(live));
        var chartTitle = new H2(getTranslation("supervise.chart"));
        content.add(chartTitle, TurnoutChart.of(live, minutes, getTranslation("supervise.chart")));
        if (mode == Mode.STATUS) {
            content.add(audit(live));
        }
        if (mode == Mode.PAGE) {
            var hall = new Anchor("supervise/" + electionId + "/hall", getTranslation("supervise.hall"));
            hall.setId("live-hall-link");
            hall.addClassName("live-link");
            content.add(hall);
        }
        var privacy = new Paragraph(getTranslation("supervise.privacy"));
        privacy.addClassName("live-privacy");
        content.add(privacy);
    }

    private Div figures(LiveFigures f) {
        var grid = new Div();
        grid.setId("live-figures");
        grid.addClassName("live-figures");
        grid.add(figure("live-summoned", "supervise.summoned", String.valueOf(f.summoned()), null),
                figure("live-present", "supervise.present", String.valueOf(f.present()), null),
                figure("live-activated", "supervise.activated", String.valueOf(f.activated()), null),
                figure("live-cast", "supervise.cast", String.valueOf(f.cast()), null),
                figure("live-turnout", "supervise.turnout", percent(f) + "%",
                        getTranslation("supervise.turnout.of", f.cast(), f.summoned())));
        var quorum = figure("live-quorum", "supervise.quorum",
                getTranslation(f.quorumMet() ? "supervise.quorum.met" : "supervise.quorum.notMet"),
                getTranslation("supervise.quorum.rule", f.present(), f.summoned()));
        quorum.getElement().setAttribute("data-met", String.valueOf(f.quorumMet()));
        grid.add(quorum);
        return grid;
    }

    private String percent(LiveFigures f) {
        NumberFormat format = NumberFormat.getNumberInstance(getLocale());
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(f.turnoutPercent());
    }

    private Div figure(String id, String labelKey, String value, @Nullable String note) {
        var label = new Span(getTranslation(labelKey));
        label.addClassName("live-label");
        var number = new Span(value);
        number.addClassName("live-value");
        number.setId(id + "-value");
        var card = new Div(label, number);
        if (note != null) {
            var small = new Span(note);
            small.addClassName("live-note");
            card.add(small);
        }
        card.setId(id);
        card.addClassName("live-card");
        return card;
    }

    private Div alerts(Live live) {
        var box = new Div(new H2(getTranslation("supervise.alerts")));
        box.setId("live-alerts");
        box.addClassName("live-alerts");
        box.getElement().setAttribute("role", "alert");
        for (Alert a : live.alerts()) {
            var line = new Paragraph(getTranslation("supervise.alert." + a.kind().name(), minutes.format(a.at()),
                    a.kioskName(), a.count()));
            line.addClassName("live-alert");
            line.getElement().setAttribute("data-kind", a.kind().name());
            box.add(line);
        }
        return box;
    }

    private Div kiosks(Live live) {
        var box = new Div(new H2(getTranslation("supervise.kiosks")));
        box.setId("live-kiosks");
        box.addClassName("live-kiosks");
        if (live.kiosks().isEmpty()) {
            box.add(new Paragraph(getTranslation("supervise.kiosks.none")));
        }
        for (KioskHealth k : live.kiosks()) {
            var name = new Span(k.name());
            name.addClassName("live-kiosk-name");
            var state = new Span(getTranslation("supervise.kiosk." + k.state().name()));
            state.addClassName("live-kiosk-state");
            var contact = new Span(k.lastContact().map(t -> getTranslation("supervise.kiosk.contact", minutes.format(t)))
                    .orElse(getTranslation("supervise.kiosk.noContact")));
            contact.addClassName("live-note");
            var refused = new Span(getTranslation("supervise.kiosk.refused", k.refusedCodes()));
            refused.addClassName("live-note");
            var card = new Div(name, state, contact, refused);
            card.addClassName("live-kiosk");
            card.getElement().setAttribute("data-state", k.state().name());
            card.getElement().setAttribute("data-name", k.name());
            box.add(card);
        }
        return box;
    }

    private Div audit(Live live) {
        var box = new Div(new H2(getTranslation("supervise.audit")));
        box.setId("live-audit");
        box.addClassName("live-audit");
        Map<String, String> names = Map.of("election:" + electionId, live.figures().title());
        for (AuditEntry e : live.audit()) {
            var line = new Paragraph(seconds.format(e.occurredAt()) + " · " + e.actor() + " · "
                    + AuditSentences.describe(hideNames ? e.withoutNames() : e, names, getLocale()));
            line.addClassName("live-audit-line");
            box.add(line);
        }
        return box;
    }
}
