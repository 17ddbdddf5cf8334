package vn.tinnhiem.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.BALLOT;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.BallotVerifier;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.CardCheck;
import vn.tinnhiem.token.CardCounts;
import vn.tinnhiem.token.TokenService;

/**
 * Casting on the real MariaDB, as tablets do it: one card spent exactly once however many tablets race with it,
 * every cast both a spent card and a stored ballot (or neither), a close that cuts casts cleanly, refusals that
 * change nothing, and a ballot table whose columns, dump and audit trail say nothing of who voted or when.
 * Casts run on threads with no one signed in, as a kiosk's do.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class VotingIntegrationTests {

    @Autowired
    VotingService voting;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    AuditLog audit;
    @Autowired
    DSLContext db;

    private VotingConferences conferences() {
        return new VotingConferences(elections, accounts, ceremonies, tokens);
    }

    private static String kiosk() {
        return "kiosk-" + UUID.randomUUID();
    }

    private TestTablet tablet() {
        return new TestTablet(voting, ceremonies);
    }

    /** Marks every candidate: candidate c at level (c + pattern) mod levels; pattern -1 leaves all blank. */
    static int[] marks(BallotForm form, int pattern) {
        int[] marks = TestTablet.blank(form.candidates().size());
        if (pattern >= 0) {
            for (int c = 0; c < form.candidates().size(); c++) {
                marks[c] = (c + pattern) % form.kind().levelCount();
            }
        }
        return marks;
    }

    private int ballots(ElectionId id) {
        return db.fetchCount(BALLOT, BALLOT.ELECTION_ID.eq(id.value()));
    }

    private CardCounts cards(ElectionId id) {
        return tokens.counts(id);
    }

    @Test
    void one_card_cast_from_sixteen_tablets_at_once_gives_one_ballot_and_fifteen_already_used() throws Exception {
        VotingConferences.Open conf = conferences().open(3, BallotKind.THREE_LEVEL, 1, 0);
        BallotForm form = voting.form(conf.id()).orElseThrow();
        String card = conf.activated().getFirst();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<CastOutcome>> futures = new ArrayList<>();
        TestTablet tablet = tablet();
        for (int i = 0; i < 16; i++) {
            int pattern = i % 3;
            futures.add(pool.submit(() -> {
                // Sealed on the tablet before the race; the sixteen commitments and casts race.
                SealedBallot sealed = tablet.seal(conf.id(), marks(form, pattern)).ballot();
                go.await();
                return tablet.cast(kiosk(), conf.id(), card, sealed);
            }));
        }
        go.countDown();
        List<CastOutcome> outcomes = new ArrayList<>();
        for (Future<CastOutcome> f : futures) {
            outcomes.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(outcomes).filteredOn(o -> o instanceof CastOutcome.Recorded).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof CastOutcome.Refused).hasSize(15)
                .allSatisfy(o -> assertThat(((CastOutcome.Refused) o).reasonKey()).isEqualTo("voting.refuse.alreadyUsed"));
        assertThat(ballots(conf.id())).isEqualTo(1);
        assertThat(cards(conf.id()).spent()).isEqualTo(1);
        String recorded = outcomes.stream().filter(o -> o instanceof CastOutcome.Recorded)
                .map(o -> ((CastOutcome.Recorded) o).trackingCode()).findFirst().orElseThrow();
        assertThat(db.select(BALLOT.TRACKING_CODE).from(BALLOT).where(BALLOT.ELECTION_ID.eq(conf.id().value())).fetchOne(0))
                .isEqualTo(recorded);
    }

    @Test
    void n_casts_give_n_ballots_and_n_spent_cards_and_every_ballot_verifies_under_the_manifest() {
        int n = 20;
        VotingConferences.Open conf = conferences().open(13, BallotKind.THREE_LEVEL, n, 0);
        BallotForm form = voting.form(conf.id()).orElseThrow();
        assertThat(form.candidates()).hasSize(13);
        assertThat(form.candidates().getFirst()).isEqualTo(new BallotForm.Entry(1, "Ứng viên số 1", "Chức vụ 1"));
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] marks = marks(form, i % 4 - 1);
            if (i % 5 == 0) {
                marks[2] = TestTablet.BLANK;
            }
            CastOutcome outcome = tablet().vote(kiosk(), conf.id(), conf.activated().get(i), marks);
            assertThat(outcome).isInstanceOf(CastOutcome.Recorded.class);
            codes.add(((CastOutcome.Recorded) outcome).trackingCode());
        }
        assertThat(ballots(conf.id())).isEqualTo(n);
        CardCounts counts = cards(conf.id());
        assertThat(counts.spent()).isEqualTo(n);
        assertThat(counts.activated()).isZero();

        List<SealedBallot> stored = db.select(BALLOT.SEALED).from(BALLOT).where(BALLOT.ELECTION_ID.eq(conf.id().value()))
                .fetch(r -> SealedBallot.of(r.value1()));
        BallotVerifier verifier = new BallotVerifier(ElectionContext.of(ceremonies.openManifest(conf.id()).orElseThrow()),
                new SecureRandom());
        BallotVerifier.BatchResult result = verifier.verifyAll(stored, false);
        assertThat(result.allOk()).isTrue();
        assertThat(result.copies()).isEmpty();
        assertThat(stored).allSatisfy(b -> assertThat(verifier.verify(b).ok()).isTrue());
        assertThat(stored).extracting(SealedBallot::trackingCode).containsExactlyInAnyOrderElementsOf(codes);
        assertThat(db.select(BALLOT.TRACKING_CODE).from(BALLOT).where(BALLOT.ELECTION_ID.eq(conf.id().value()))
                .fetch(BALLOT.TRACKING_CODE)).containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void a_cast_racing_the_close_is_either_wholly_in_before_it_or_refused_after_it() throws Exception {
        int cardsCount = 48;
        VotingConferences conferences = conferences();
        VotingConferences.Open conf = conferences.open(3, BallotKind.THREE_LEVEL, cardsCount, 0);
        BallotForm form = voting.form(conf.id()).orElseThrow();
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(conf.activated());
        Map<String, CastOutcome> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        CountDownLatch someIn = new CountDownLatch(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        TestTablet tablet = tablet();
        tablet.manifest(conf.id());
        for (int t = 0; t < 8; t++) {
            int pattern = t % 3;
            futures.add(pool.submit(() -> {
                String card;
                while ((card = queue.poll()) != null) {
                    CastOutcome outcome = tablet.vote(kiosk(), conf.id(), card, marks(form, pattern));
                    outcomes.put(card, outcome);
                    if (outcome instanceof CastOutcome.Recorded) {
                        someIn.countDown();
                    }
                }
                return null;
            }));
        }
        assertThat(someIn.await(60, TimeUnit.SECONDS)).isTrue();
        conferences.close(conf.id(), conf.teller());
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(outcomes).hasSize(cardsCount);
        long recorded = outcomes.values().stream().filter(o -> o instanceof CastOutcome.Recorded).count();
        List<String> refused = outcomes.entrySet().stream().filter(e -> e.getValue() instanceof CastOutcome.Refused)
                .map(Map.Entry::getKey).toList();
        assertThat(recorded).isGreaterThanOrEqualTo(8);
        assertThat(refused).as("casts after the close").isNotEmpty();
        assertThat(outcomes.values()).filteredOn(o -> o instanceof CastOutcome.Refused).allSatisfy(
                o -> assertThat(((CastOutcome.Refused) o).reasonKey()).isEqualTo("voting.refuse.pollsNotOpen"));
        assertThat(ballots(conf.id())).isEqualTo((int) recorded);
        assertThat(cards(conf.id()).spent()).isEqualTo((int) recorded);
        assertThat(refused).allSatisfy(card -> assertThat(tokens.check(conf.id(), card)).isEqualTo(CardCheck.ACTIVATED));
    }

    @Test
    void every_refusal_says_why_and_changes_nothing() {
        VotingConferences conferences = conferences();
        VotingConferences.Open conf = conferences.open(2, BallotKind.TWO_LEVEL, 3, 1);
        VotingConferences.Open other = conferences.open(2, BallotKind.TWO_LEVEL, 1, 0);
        ElectionId id = conf.id();
        BallotForm form = voting.form(id).orElseThrow();
        assertThat(form.kind()).isEqualTo(BallotKind.TWO_LEVEL);
        String good = conf.activated().get(0);
        String toVoid = conf.activated().get(1);
        String laterClosed = conf.activated().get(2);
        try (var board = Acting.as(conf.teller(), "TELLER")) {
            tokens.voidCard(id, toVoid);
        }

        assertThat(voting.admit(kiosk(), id, good)).isEqualTo(new Admission.Admitted(false));
        assertThat(voting.admit(kiosk(), id, conf.notActivated().getFirst()))
                .isEqualTo(new Admission.Refused("voting.refuse.notActivated"));
        assertThat(voting.admit(kiosk(), id, "TN-ABCD-EFGH")).isEqualTo(new Admission.Refused("voting.refuse.unknownCode"));
        assertThat(voting.admit(kiosk(), id, other.activated().getFirst()))
                .isEqualTo(new Admission.Refused("voting.refuse.otherConference"));
        assertThat(voting.admit(kiosk(), id, toVoid)).isEqualTo(new Admission.Refused("voting.refuse.void"));

        TestTablet tablet = tablet();
        assertThat(tablet.vote(kiosk(), id, conf.notActivated().getFirst(), marks(form, 1)))
                .isEqualTo(new CastOutcome.Refused("voting.refuse.notActivated"));
        assertThat(tablet.vote(kiosk(), id, toVoid, marks(form, 0))).isEqualTo(new CastOutcome.Refused("voting.refuse.void"));
        assertThat(tablet.vote(kiosk(), id, other.activated().getFirst(), marks(form, 0)))
                .isEqualTo(new CastOutcome.Refused("voting.refuse.otherConference"));
        assertThat(ballots(id)).isZero();
        assertThat(tokens.check(id, conf.notActivated().getFirst())).isEqualTo(CardCheck.PRINTED);
        assertThat(tokens.check(other.id(), other.activated().getFirst())).isEqualTo(CardCheck.ACTIVATED);

        // A commitment accepted before the card was spent by another tablet: its cast reads "already used".
        SealedBallot second = tablet.seal(id, marks(form, 1)).ballot();
        Commitment early = tablet.commit(kiosk(), id, good, second);
        assertThat(early).isInstanceOf(Commitment.Accepted.class);
        assertThat(tablet.vote(kiosk(), id, good, marks(form, 0))).isInstanceOf(CastOutcome.Recorded.class);
        assertThat(voting.admit(kiosk(), id, good)).isEqualTo(new Admission.Refused("voting.refuse.alreadyUsed"));
        assertThat(tablet.vote(kiosk(), id, good, marks(form, 1))).isEqualTo(new CastOutcome.Refused("voting.refuse.alreadyUsed"));
        assertThat(voting.cast(kiosk(), id, good, ((Commitment.Accepted) early).ballot()))
                .isEqualTo(new CastOutcome.Refused("voting.refuse.alreadyUsed"));
        assertThat(ballots(id)).isEqualTo(1);

        conferences.close(id, conf.teller());
        assertThat(voting.form(id)).as("no ballot to show once the polls closed").isEmpty();
        assertThat(voting.admit(kiosk(), id, laterClosed)).isEqualTo(new Admission.Refused("voting.refuse.pollsNotOpen"));
        assertThat(voting.commit(kiosk(), id, laterClosed, form.manifestHash(), second.encode(), second.trackingCode()))
                .isEqualTo(new Commitment.Refused("voting.refuse.pollsNotOpen"));
        assertThat(tokens.check(id, laterClosed)).isEqualTo(CardCheck.ACTIVATED);
        assertThat(ballots(id)).isEqualTo(1);
    }

    @Test
    void wrong_codes_from_one_tablet_slow_it_down_and_raise_one_alarm_without_the_codes() {
        VotingConferences.Open conf = conferences().open(2, BallotKind.THREE_LEVEL, 1, 0);
        VotingConferences.Open other = conferences().open(2, BallotKind.THREE_LEVEL, 1, 0);
        String tablet = kiosk();
        List<String> wrong = List.of("TN-AAAA-BBBB", "xin chào", other.activated().getFirst(), "TN-1234", "???");
        for (String code : wrong) {
            assertThat(voting.admit(tablet, conf.id(), code)).isInstanceOf(Admission.Refused.class);
        }
        Admission paused = voting.admit(tablet, conf.id(), conf.activated().getFirst());
        assertThat(paused).isInstanceOfSatisfying(Admission.Refused.class, r -> {
            assertThat(r.reasonKey()).isEqualTo("voting.refuse.tooManyAttempts");
            assertThat(r.seconds()).isBetween(1, 5);
        });
        assertThat(voting.admit(kiosk(), conf.id(), conf.activated().getFirst()))
                .as("another tablet is not slowed down").isEqualTo(new Admission.Admitted(false));
        assertThat(voting.wrongCodeCounts()).containsEntry(tablet, 5);

        List<AuditEntry> alarms = audit.newest(100).stream()
                .filter(e -> e.action().equals("voting.wrongCodes") && e.subject().equals("kiosk:" + tablet)).toList();
        assertThat(alarms).hasSize(1);
        assertThat(alarms.getFirst().fields().visible()).containsExactly(java.util.Map.entry("count", "5"),
                java.util.Map.entry("election", Long.toString(conf.id().value())));
        for (String code : wrong) {
            assertThat(alarms.getFirst().details()).doesNotContain(code);
        }
    }

    @Test
    void the_ballot_table_its_dump_the_audit_log_and_the_logs_say_nothing_of_who_voted_or_when() {
        int n = 50;
        VotingConferences.Open conf = conferences().open(3, BallotKind.THREE_LEVEL, n, 0);
        BallotForm form = voting.form(conf.id()).orElseThrow();
        long auditBefore = audit.head().entryCount();
        List<String> tablets = List.of(kiosk(), kiosk(), kiosk());

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        List<String> castOrder = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                // Known patterns: ballot i marks every candidate at level i mod 3.
                CastOutcome outcome = tablet().vote(tablets.get(i % 3), conf.id(), conf.activated().get(i), marks(form, i % 3));
                castOrder.add(((CastOutcome.Recorded) outcome).trackingCode());
            }
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).as("no log line on the casting path")
                .noneMatch(e -> e.getLoggerName().startsWith("vn.tinnhiem"));
        assertThat(audit.head().entryCount()).as("no audit entry per ballot or per card spent").isEqualTo(auditBefore);

        assertThat(db.fetch("SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND table_name = 'ballot' ORDER BY ordinal_position").getValues(0, String.class))
                .containsExactly("election_id", "id", "tracking_code", "sealed");

        // The dump, in the table's own (primary key) order: the order of the random ids, not of the casts.
        var dump = db.fetch("SELECT * FROM ballot WHERE election_id = ? ORDER BY election_id, id", conf.id().value());
        List<String> stored = dump.getValues("tracking_code", String.class);
        assertThat(stored).containsExactlyInAnyOrderElementsOf(castOrder);
        assertThat(stored).as("stored order is not the cast order").isNotEqualTo(castOrder);
        double rho = spearman(castOrder, stored);
        assertThat(Math.abs(rho)).as("rank correlation of cast order and stored order").isLessThan(0.6);
        List<byte[]> ids = dump.getValues("id", byte[].class);
        List<byte[]> sortedIds = new ArrayList<>(ids);
        sortedIds.sort(Arrays::compareUnsigned);
        assertThat(ids).containsExactlyElementsOf(sortedIds);
        // The stored bytes are ciphertexts and proofs: no card code, no tablet id anywhere in them.
        for (var row : dump) {
            String bytes = new String(row.get("sealed", byte[].class), StandardCharsets.ISO_8859_1);
            assertThat(conf.activated()).noneMatch(code -> bytes.contains(code) || bytes.contains(code.replace("-", "")));
            assertThat(tablets).noneMatch(bytes::contains);
        }
    }

    /** Spearman's rank correlation between the positions of the same items in two orders. */
    private static double spearman(List<String> a, List<String> b) {
        Map<String, Integer> posB = new HashMap<>();
        for (int i = 0; i < b.size(); i++) {
            posB.put(b.get(i), i);
        }
        int n = a.size();
        double d2 = 0;
        for (int i = 0; i < n; i++) {
            double d = i - posB.get(a.get(i));
            d2 += d * d;
        }
        return 1 - 6 * d2 / ((double) n * ((double) n * n - 1));
    }
}
