package vn.tinnhiem.supervision.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.Attendance;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.DeskPresence;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.kiosk.KioskPresence;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.supervision.Alert;
import vn.tinnhiem.supervision.KioskHealth;
import vn.tinnhiem.supervision.KioskState;
import vn.tinnhiem.supervision.Live;
import vn.tinnhiem.supervision.LiveFigures;
import vn.tinnhiem.supervision.TurnoutStep;
import vn.tinnhiem.token.CardCounts;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.VotingService;

/**
 * One poller per server: about once a second it reads the figures of each conference that has open pages
 * (from the database, so two instances show the same) and hands a page a new {@link Live} only when something
 * changed, or every few seconds as a sign of life (the page shows when its figures were last fresh). The
 * tablets' health and the alerts come from this server's memory: a tablet talks to the hall's server.
 */
@Component
public class LiveFeed {

    /** A page that heard nothing for this long hears the figures again, unchanged: its sign of life. */
    public static final long FRESH_EVERY_MILLIS = 3000;
    /** Wrong codes within a minute on one tablet that raise an alert (the casting slow-down starts there too). */
    static final int BURST = 5;
    private static final long MINUTE = 60_000;
    private static final int ALERTS_KEPT = 10;
    private static final int AUDIT_LINES = 8;
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final Elections elections;
    private final DeskPresence deskPresence;
    private final TokenService tokens;
    private final KioskService kiosks;
    private final VotingService voting;
    private final AuditLog audit;
    private final TurnoutRepository turnout;
    private final Clock clock;
    private final Map<ElectionId, Watch> watches = new ConcurrentHashMap<>();

    LiveFeed(Elections elections, DeskPresence deskPresence, TokenService tokens, KioskService kiosks,
            VotingService voting, AuditLog audit,
            TurnoutRepository turnout, Clock clock) {
        this.elections = elections;
        this.deskPresence = deskPresence;
        this.tokens = tokens;
        this.kiosks = kiosks;
        this.voting = voting;
        this.audit = audit;
        this.turnout = turnout;
        this.clock = clock;
    }

    /** What the server remembers of a watched conference between two polls. */
    private static final class Watch {
        final Set<Consumer<Live>> pages = new CopyOnWriteArraySet<>();
        final Map<String, Boolean> online = new HashMap<>();
        final Map<String, ArrayDeque<long[]>> refused = new HashMap<>();
        final Map<String, Long> burstReported = new HashMap<>();
        final ArrayDeque<Alert> alerts = new ArrayDeque<>();
        @Nullable Live last;
        long deliveredAt;
    }

    /**
     * A page's subscription: {@code page} hears each change (and a sign of life every few seconds) on the
     * poller's thread until the returned action is run. The caller has checked who may watch.
     */
    public Runnable subscribe(ElectionId electionId, Consumer<Live> page) {
        // Added and removed under the map's lock for the conference, so that a page never joins a watch being dropped.
        watches.compute(electionId, (id, w) -> {
            Watch watch = w == null ? new Watch() : w;
            watch.pages.add(page);
            return watch;
        });
        return () -> watches.computeIfPresent(electionId, (id, w) -> {
            w.pages.remove(page);
            return w.pages.isEmpty() ? null : w;
        });
    }

    public int pagesOpen() {
        return watches.values().stream().mapToInt(w -> w.pages.size()).sum();
    }

    /** The conference now: the last poll's reading if it is being watched, otherwise a fresh one. */
    public Live now(ElectionId electionId) {
        Watch w = watches.get(electionId);
        if (w == null) {
            return AsSystem.read(() -> read(electionId, null));
        }
        synchronized (w) {
            Live last = w.last;
            if (last == null) {
                last = AsSystem.read(() -> read(electionId, w));
                w.last = last;
            }
            return last;
        }
    }

    @Scheduled(fixedDelayString = "${tinnhiem.supervision.poll-ms:1000}")
    public void poll() {
        for (var entry : watches.entrySet()) {
            Watch w = entry.getValue();
            if (w.pages.isEmpty()) {
                continue;
            }
            Live live;
            boolean changed;
            long now = clock.millis();
            try {
                synchronized (w) {
                    live = AsSystem.read(() -> read(entry.getKey(), w));
                    changed = !live.sameAs(w.last);
                    w.last = live;
                    if (!changed && now - w.deliveredAt < FRESH_EVERY_MILLIS) {
                        continue;
                    }
                    w.deliveredAt = now;
                }
            } catch (RuntimeException e) {
                // The database is away for a moment: the pages say their figures are getting old.
                log.warn("Live figures of conference {} not read: {}", entry.getKey(), e.toString());
                continue;
            }
            for (Consumer<Live> page : w.pages) {
                try {
                    page.accept(live);
                } catch (RuntimeException e) {
                    log.debug("A supervision page could not take the figures: {}", e.toString());
                }
            }
        }
    }

    private Live read(ElectionId electionId, @Nullable Watch w) {
        Election election = elections.find(electionId).orElseThrow();
        Attendance attendance = deskPresence.attendance(electionId);
        CardCounts cards = tokens.counts(electionId);
        var figures = new LiveFigures(election.title(), election.status(), attendance.summoned(), attendance.present(),
                cards.handedOut(), cards.spent());
        Instant now = clock.instant();
        Map<String, Integer> wrong = voting.wrongCodeCounts();
        List<KioskPresence> tablets = kiosks.presence(electionId);
        List<KioskHealth> health = new ArrayList<>();
        for (KioskPresence p : tablets) {
            KioskState state = !p.online() ? KioskState.OFFLINE : p.voterOnScreen() ? KioskState.IN_USE : KioskState.IDLE;
            int refused = wrong.getOrDefault(p.kiosk().id(), 0);
            health.add(new KioskHealth(p.kiosk().id(), p.kiosk().name(), state, p.lastContact(), refused));
            if (w != null) {
                watchForAlerts(w, p, refused, now);
            }
        }
        List<Alert> alerts = w == null ? List.of() : List.copyOf(w.alerts);
        return new Live(electionId, figures, List.copyOf(health), alerts, curve(electionId, figures, now),
                auditTail(electionId, tablets), now.truncatedTo(ChronoUnit.SECONDS));
    }

    private void watchForAlerts(Watch w, KioskPresence p, int refused, Instant now) {
        String id = p.kiosk().id();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Boolean wasOnline = w.online.put(id, p.online());
        if (Boolean.TRUE.equals(wasOnline) && !p.online()) {
            alert(w, new Alert(minute, Alert.Kind.KIOSK_OFFLINE, p.kiosk().name(), 0));
        }
        long ms = now.toEpochMilli();
        ArrayDeque<long[]> seen = w.refused.computeIfAbsent(id, k -> new ArrayDeque<>());
        seen.addLast(new long[] {ms, refused});
        while (seen.size() > 1 && seen.peekFirst()[0] < ms - MINUTE) {
            seen.pollFirst();
        }
        int inAMinute = refused - (int) seen.peekFirst()[1];
        long reported = w.burstReported.getOrDefault(id, Long.MIN_VALUE);
        if (inAMinute >= BURST && reported < ms - MINUTE) {
            w.burstReported.put(id, ms);
            alert(w, new Alert(minute, Alert.Kind.REFUSED_BURST, p.kiosk().name(), inAMinute));
        }
    }

    private static void alert(Watch w, Alert alert) {
        w.alerts.addFirst(alert);
        while (w.alerts.size() > ALERTS_KEPT) {
            w.alerts.pollLast();
        }
    }

    /** The sampled steps; while the polls are open the current step shows the count of now. */
    private List<TurnoutStep> curve(ElectionId electionId, LiveFigures figures, Instant now) {
        Map<Integer, Integer> steps = new java.util.TreeMap<>(turnout.steps(electionId.value()));
        if (figures.status() == ElectionStatus.OPEN) {
            steps.merge(TurnoutSampler.stepOf(now), figures.cast(), Math::max);
        }
        return steps.entrySet().stream().map(e -> new TurnoutStep(TurnoutSampler.startOf(e.getKey()), e.getValue()))
                .toList();
    }

    /** The newest entries about this conference: its own, and those of its tablets. */
    private List<AuditEntry> auditTail(ElectionId electionId, List<KioskPresence> tablets) {
        String subject = "election:" + electionId;
        String election = electionId.toString();
        Set<String> tabletSubjects = new java.util.HashSet<>();
        tablets.forEach(t -> tabletSubjects.add("kiosk:" + t.kiosk().id()));
        return audit.newest(200).stream()
                .filter(e -> e.subject().equals(subject) || tabletSubjects.contains(e.subject())
                        || e.fields().get("election").filter(election::equals).isPresent())
                .limit(AUDIT_LINES).toList();
    }
}
