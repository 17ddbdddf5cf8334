package vn.tinnhiem.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.supervision.internal.LiveFeed;
import vn.tinnhiem.supervision.internal.TurnoutSampler;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.CastOutcome;
import vn.tinnhiem.voting.TestTablet;
import vn.tinnhiem.voting.VotingService;

/**
 * The live figures against the real services and MariaDB: counts read from the database, the exact turnout,
 * the quorum line, the turnout steps sampled (never written by a cast), a burst of wrong codes raised as an
 * alert, the audit tail of this conference only, who may watch, and a page told only of changes.
 */
@IntegrationTest
class SupervisionIntegrationTests {

    @Autowired
    SupervisionService supervision;
    @Autowired
    LiveFeed feed;
    @Autowired
    TurnoutSampler sampler;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    KioskService kiosks;
    @Autowired
    VotingService voting;
    @Autowired
    DSLContext db;

    private LiveConferences conferences() {
        return new LiveConferences(elections, accounts, ceremonies, tokens, kiosks);
    }

    private CastOutcome cast(ElectionId id, String code) {
        int[] marks = TestTablet.blank(voting.form(id).orElseThrow().candidates().size());
        marks[0] = 0;
        return new TestTablet(voting, ceremonies).vote("kiosk-test", id, code, marks);
    }

    private Live now(ElectionId id) {
        try (var admin = Acting.as("organiser", "ADMIN")) {
            return supervision.now(id);
        }
    }

    @Test
    void the_figures_are_the_databases_counts_and_the_turnout_is_exact() {
        var conference = conferences().open(11);
        conferences().present(conference, 7);
        List<String> codes = conferences().activated(conference, 10);
        for (String code : codes) {
            assertThat(cast(conference.id(), code)).isInstanceOf(CastOutcome.Recorded.class);
        }
        LiveFigures f = now(conference.id()).figures();
        assertThat(f.status()).isEqualTo(ElectionStatus.OPEN);
        assertThat(List.of(f.summoned(), f.present(), f.activated(), f.cast())).containsExactly(11, 7, 10, 10);
        assertThat(f.turnoutPercent()).isEqualByComparingTo("90.91");
        assertThat(f.quorumMet()).as("3 * 7 = 21 < 22").isFalse();
        conferences().present(conference, 8);
        assertThat(now(conference.id()).figures().quorumMet()).as("3 * 8 = 24 >= 22").isTrue();
    }

    @Test
    void turnout_is_rounded_half_up_to_two_places_and_the_quorum_line_is_exactly_two_thirds() {
        assertThat(new LiveFigures("", ElectionStatus.OPEN, 32, 0, 1, 1).turnoutPercent())
                .isEqualTo(new BigDecimal("3.13"));
        assertThat(new LiveFigures("", ElectionStatus.OPEN, 0, 0, 0, 0).turnoutPercent()).isEqualTo(new BigDecimal("0.00"));
        assertThat(new LiveFigures("", ElectionStatus.OPEN, 3, 2, 0, 0).quorumMet()).isTrue();
        assertThat(new LiveFigures("", ElectionStatus.OPEN, 4, 2, 0, 0).quorumMet()).isFalse();
        assertThat(new LiveFigures("", ElectionStatus.OPEN, 0, 0, 0, 0).quorumMet()).isFalse();
    }

    @Test
    void the_sampler_records_cast_per_coarse_step_and_a_second_sample_updates_the_same_row() {
        var conference = conferences().open(3);
        List<String> codes = conferences().activated(conference, 2);
        cast(conference.id(), codes.get(0));
        sampler.sample();
        cast(conference.id(), codes.get(1));
        sampler.sample();
        var rows = db.fetch("SELECT step, cast FROM turnout_step WHERE election_id = ?", conference.id().value());
        assertThat(rows).as("one row for the step, updated in place").hasSize(1);
        int step = rows.get(0).get(0, Integer.class);
        assertThat(rows.get(0).get(1, Integer.class)).isEqualTo(2);
        assertThat(TurnoutSampler.startOf(step).getEpochSecond() % Duration.ofMinutes(15).toSeconds()).isZero();
        // A second instance with an older count leaves the larger one.
        db.execute("INSERT INTO turnout_step (election_id, step, cast) VALUES (?, ?, 1) "
                + "ON DUPLICATE KEY UPDATE cast = GREATEST(cast, VALUES(cast))", conference.id().value(), step);
        assertThat(now(conference.id()).curve()).extracting(TurnoutStep::cast).containsExactly(2);
    }

    @Test
    void a_burst_of_wrong_codes_on_a_tablet_raises_one_alert_and_counts_per_tablet() throws Exception {
        var conference = conferences().open(3);
        String kioskId;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            kioskId = kiosks.enroll(kiosks.add("Bàn số 1", conference.id()).code()).kiosk().id();
        }
        List<Live> heard = new CopyOnWriteArrayList<>();
        Runnable stop;
        try (var admin = Acting.as("organiser", "ADMIN")) {
            stop = supervision.subscribe(conference.id(), heard::add);
        }
        try {
            feed.poll();
            for (int i = 0; i < 5; i++) {
                voting.admit(kioskId, conference.id(), "TN-0000-0000-0000-0000-0000-0000-00" + i);
            }
            feed.poll();
            Live live = now(conference.id());
            assertThat(live.kiosks()).singleElement().satisfies(k -> {
                assertThat(k.name()).isEqualTo("Bàn số 1");
                assertThat(k.refusedCodes()).isEqualTo(5);
            });
            assertThat(live.alerts()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(Alert.Kind.REFUSED_BURST);
                assertThat(a.kioskName()).isEqualTo("Bàn số 1");
                assertThat(a.count()).isEqualTo(5);
            });
            feed.poll();
            assertThat(now(conference.id()).alerts()).as("one alert per burst").hasSize(1);
        } finally {
            stop.run();
        }
    }

    @Test
    void a_tablets_heartbeat_says_in_use_or_idle_and_a_tablet_still_waiting_for_its_code_is_not_listed() {
        var conference = conferences().open(2);
        String heard;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            heard = kiosks.enroll(kiosks.add("Bàn có người", conference.id()).code()).kiosk().id();
            kiosks.add("Bàn chưa đăng ký", conference.id());
        }
        kiosks.touch(heard, true);
        assertThat(now(conference.id()).kiosks()).singleElement().satisfies(k -> {
            assertThat(k.name()).isEqualTo("Bàn có người");
            assertThat(k.state()).isEqualTo(KioskState.IN_USE);
            assertThat(k.lastContact()).isPresent();
        });
        kiosks.touch(heard, false);
        assertThat(now(conference.id()).kiosks()).extracting(KioskHealth::state).containsExactly(KioskState.IDLE);
    }

    @Test
    void the_audit_tail_holds_this_conferences_entries_only() {
        var one = conferences().open(2);
        var other = conferences().open(2);
        List<String> subjects = now(one.id()).audit().stream().map(e -> e.subject()).distinct().toList();
        assertThat(subjects).contains("election:" + one.id()).doesNotContain("election:" + other.id());
        assertThat(now(one.id()).audit()).extracting(e -> e.action()).contains("election.status");
    }

    @Test
    void a_teller_off_the_board_may_not_watch_a_supervisor_and_the_boards_teller_may() {
        var conference = conferences().open(2);
        String stranger = "khac." + conference.id();
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            accounts.create(stranger, "Người khác", Role.TELLER);
        }
        try (var teller = Acting.as(stranger, "TELLER")) {
            assertThat(supervision.mayWatch(conference.id())).isFalse();
            assertThatThrownBy(() -> supervision.now(conference.id())).isInstanceOf(UserFacingException.class);
            assertThatThrownBy(() -> supervision.subscribe(conference.id(), live -> { }))
                    .isInstanceOf(UserFacingException.class);
        }
        try (var teller = Acting.as(conference.teller(), "TELLER")) {
            assertThat(supervision.mayWatch(conference.id())).isTrue();
        }
        try (var supervisor = Acting.as(conference.supervisor(), "SUPERVISOR")) {
            assertThat(supervision.now(conference.id()).figures().summoned()).isEqualTo(2);
        }
        // A supervisor of another conference is not this one's.
        try (var other = Acting.as(conferences().open(1).supervisor(), "SUPERVISOR")) {
            assertThat(supervision.mayWatch(conference.id())).isFalse();
            assertThatThrownBy(() -> supervision.now(conference.id())).isInstanceOf(UserFacingException.class);
        }
    }

    @Test
    void a_page_hears_a_change_at_once_and_otherwise_only_a_sign_of_life_every_few_seconds() throws Exception {
        var conference = conferences().open(2);
        String code = conferences().activated(conference, 1).getFirst();
        List<Live> heard = new CopyOnWriteArrayList<>();
        Runnable stop;
        try (var admin = Acting.as("organiser", "ADMIN")) {
            stop = supervision.subscribe(conference.id(), heard::add);
        }
        try {
            waitFor(() -> !heard.isEmpty(), 3000);
            heard.clear();
            Thread.sleep(2500);
            assertThat(heard).as("nothing changed: at most one sign of life in 2.5 s").hasSizeLessThanOrEqualTo(1);
            heard.clear();
            long t0 = System.nanoTime();
            cast(conference.id(), code);
            waitFor(() -> heard.stream().anyMatch(l -> l.figures().cast() == 1), 3000);
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds from the cast to the page").isLessThan(2);
        } finally {
            stop.run();
        }
        heard.clear();
        Thread.sleep(LiveFeed.FRESH_EVERY_MILLIS + 500);
        assertThat(heard).as("a closed page hears nothing more").isEmpty();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("not within " + millis + " ms");
            }
            Thread.sleep(50);
        }
    }
}
