package vn.tinnhiem.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tinnhiem.db.Tables.BALLOT;
import static vn.tinnhiem.db.Tables.CHECKED_BALLOT;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import vn.tinnhiem.crypto.BallotOpening;
import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.CardCheck;
import vn.tinnhiem.token.TokenService;

/**
 * What a tablet sends is checked before anything is spent, and "Kiểm tra máy" works (issue 18, parts 4 and 5), on
 * the real MariaDB: a forged ballot (a proof bit flipped, another conference's ballot, a wrong tracking code, a
 * wrong size) is refused as the tablet's fault, the card still votes afterwards, and the audit log names the tablet
 * and the check and nothing of the ballot or the card; a check keeps the card usable and stores one checked ballot
 * that opens; a wrong opening stores nothing; a check card checks and never casts.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class CommitAndCheckIntegrationTests {

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

    private int ballots(ElectionId id) {
        return db.fetchCount(BALLOT, BALLOT.ELECTION_ID.eq(id.value()));
    }

    private int checked(ElectionId id) {
        return db.fetchCount(CHECKED_BALLOT, CHECKED_BALLOT.ELECTION_ID.eq(id.value()));
    }

    private static java.util.Properties bundle(String name) {
        var p = new java.util.Properties();
        try (var in = CommitAndCheckIntegrationTests.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }

    private List<AuditEntry> faults(String tablet) {
        return audit.newest(200).stream()
                .filter(e -> e.action().equals("voting.kioskFault") && e.subject().equals("kiosk:" + tablet)).toList();
    }

    @Test
    void a_forged_ballot_is_the_tablets_fault_the_card_still_votes_and_the_audit_names_only_the_tablet_and_check() {
        VotingConferences.Open conf = conferences().open(4, BallotKind.THREE_LEVEL, 1, 0);
        VotingConferences.Open other = conferences().open(4, BallotKind.THREE_LEVEL, 1, 0);
        ElectionId id = conf.id();
        String card = conf.activated().getFirst();
        TestTablet tablet = new TestTablet(voting, ceremonies);
        String hash = tablet.manifest(id).hashHex();
        int[] marks = {0, 1, 2, TestTablet.BLANK};
        SealedBallot good = tablet.seal(id, marks).ballot();

        byte[] flipped = good.encode();
        flipped[flipped.length - 1] ^= 1; // the last sum proof's last response
        SealedBallot foreign = tablet.seal(other.id(), marks).ballot();
        byte[] truncated = Arrays.copyOf(good.encode(), good.size() - 1);
        record Forgery(String what, String manifestHash, byte[] bytes, String trackingCode, String key, List<String> checks) {}
        List<Forgery> forgeries = List.of(
                new Forgery("a proof bit flipped", hash, flipped, SealedBallot.of(flipped).trackingCode(),
                        VotingService.FAULT_PROOF, List.of("SUM_PROOF")),
                new Forgery("another conference's ballot", hash, foreign.encode(), foreign.trackingCode(),
                        VotingService.FAULT_PROOF, List.of("BINDING", "BIT_PROOF", "SUM_PROOF")),
                new Forgery("sealed for another manifest, and says so", tablet.manifest(other.id()).hashHex(),
                        foreign.encode(), foreign.trackingCode(), VotingService.FAULT_MANIFEST, List.of("MANIFEST")),
                new Forgery("a tracking code other than the bytes give", hash, good.encode(), foreign.trackingCode(),
                        VotingService.FAULT_TRACKING_CODE, List.of("TRACKING_CODE")),
                new Forgery("one byte short", hash, truncated, SealedBallot.of(truncated).trackingCode(),
                        VotingService.FAULT_SIZE, List.of("SIZE")));

        for (Forgery f : forgeries) {
            String device = kiosk();
            long entriesBefore = audit.head().entryCount();
            Commitment c = voting.commit(device, id, card, f.manifestHash(), f.bytes(), f.trackingCode());
            assertThat(c).as(f.what()).isEqualTo(new Commitment.Faulty(f.key()));
            assertThat(tokens.check(id, card)).as(f.what() + ": the card is untouched").isEqualTo(CardCheck.ACTIVATED);
            assertThat(ballots(id)).isZero();
            assertThat(audit.head().entryCount()).as(f.what() + ": one entry").isEqualTo(entriesBefore + 1);
            List<AuditEntry> found = faults(device);
            assertThat(found).as(f.what()).hasSize(1);
            Map<String, String> fields = found.getFirst().fields().visible();
            assertThat(fields.keySet()).containsExactly("check", "election");
            assertThat(fields.get("check")).as(f.what()).isIn(f.checks());
            assertThat(fields.get("election")).isEqualTo(Long.toString(id.value()));
            String details = found.getFirst().details();
            assertThat(details).as(f.what() + ": nothing of the ballot or the card")
                    .doesNotContain(good.id(), good.trackingCode(), foreign.id(), foreign.trackingCode(), card,
                            card.replace("-", ""));
        }

        // The message sends the voter to the desk, in both languages.
        for (String key : List.of(VotingService.FAULT_PROOF, VotingService.FAULT_SIZE, VotingService.FAULT_MANIFEST,
                VotingService.FAULT_TRACKING_CODE, VotingService.FAULT_COPY, VotingService.FAULT_OPENING)) {
            assertThat(bundle("messages.properties").getProperty(key)).contains("Ban Kiểm phiếu", "thẻ");
            assertThat(bundle("messages_en.properties").getProperty(key)).contains("tally board", "card");
        }

        // The same card, the honest ballot: recorded.
        assertThat(tablet.cast(kiosk(), id, card, good)).isEqualTo(new CastOutcome.Recorded(good.trackingCode()));
        assertThat(ballots(id)).isEqualTo(1);
        assertThat(tokens.counts(id).spent()).isEqualTo(1);

        // A tablet that sends a ballot already in the box (a replay) is at fault too, even with a fresh card.
        String fresh = conferences().print(id, 1).getFirst();
        try (var desk = Acting.as(conf.teller(), "TELLER")) {
            tokens.activate(id, fresh);
        }
        assertThat(tablet.commit(kiosk(), id, fresh, good)).isEqualTo(new Commitment.Faulty(VotingService.FAULT_COPY));
        assertThat(tokens.check(id, fresh)).isEqualTo(CardCheck.ACTIVATED);
    }

    @Test
    void a_check_keeps_the_card_stores_one_checked_ballot_that_opens_and_the_voter_then_casts_anew() {
        VotingConferences.Open conf = conferences().open(3, BallotKind.THREE_LEVEL, 1, 0);
        ElectionId id = conf.id();
        String card = conf.activated().getFirst();
        TestTablet tablet = new TestTablet(voting, ceremonies);
        int[] marks = {2, TestTablet.BLANK, 0};
        BallotSealer.Openable sealed = tablet.seal(id, marks);
        String device = kiosk();
        assertThat(voting.admit(device, id, card)).isEqualTo(new Admission.Admitted(false));
        Commitment.Accepted accepted = (Commitment.Accepted) tablet.commit(device, id, card, sealed.ballot());
        assertThat(accepted.checkOnly()).isFalse();
        assertThat(accepted.ballot().trackingCode()).isEqualTo(sealed.ballot().trackingCode());

        long entriesBefore = audit.head().entryCount();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        CheckOutcome outcome;
        try {
            outcome = voting.check(device, id, card, accepted.ballot(), sealed.opening().clone());
        } finally {
            root.detachAppender(logs);
        }
        assertThat(outcome).isInstanceOfSatisfying(CheckOutcome.Opened.class, o -> {
            assertThat(o.trackingCode()).isEqualTo(sealed.ballot().trackingCode());
            assertThat(o.levels()).containsExactly("LOW", null, "HIGH");
        });
        assertThat(logs.list).as("no log line for a check").noneMatch(e -> e.getLoggerName().startsWith("vn.tinnhiem"));
        assertThat(audit.head().entryCount()).as("no audit entry for a check").isEqualTo(entriesBefore);
        assertThat(tokens.check(id, card)).as("the card is not spent").isEqualTo(CardCheck.ACTIVATED);
        assertThat(tokens.counts(id).spent()).isZero();
        assertThat(ballots(id)).isZero();
        assertThat(checked(id)).isEqualTo(1);
        assertThat(db.fetch("SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND table_name = 'checked_ballot' ORDER BY ordinal_position").getValues(0, String.class))
                .as("no time, no card, no tablet").containsExactly("election_id", "id", "sealed", "opening");

        // The checked ballot is never cast, nor committed again; the voter marks and seals anew, and votes.
        assertThat(accepted.ballot().checked()).isTrue();
        assertThatThrownBy(() -> voting.cast(device, id, card, accepted.ballot())).isInstanceOf(IllegalStateException.class);
        assertThat(tablet.commit(device, id, card, sealed.ballot())).isEqualTo(new Commitment.Faulty(VotingService.FAULT_COPY));
        BallotSealer.Openable again = tablet.seal(id, marks);
        assertThat(tablet.cast(device, id, card, again.ballot())).isEqualTo(new CastOutcome.Recorded(again.ballot().trackingCode()));
        assertThat(ballots(id)).isEqualTo(1);
        assertThat(tokens.check(id, card)).isEqualTo(CardCheck.SPENT);

        // After the close: the checked ballot, as stored, opens to what was marked (the record's part).
        conferences().close(id, conf.teller());
        List<CheckedBallot> stored = voting.checkedBallots(id);
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().sealed()).isEqualTo(sealed.ballot());
        var opened = BallotOpening.open(ElectionContext.of(tablet.manifest(id)), stored.getFirst().sealed(),
                stored.getFirst().opening());
        assertThat(opened).isInstanceOfSatisfying(BallotOpening.Opened.class,
                o -> assertThat(o.choices()).containsExactly(2, -1, 0));
        assertThat(voting.storedBallots(id)).isEqualTo(1);
    }

    @Test
    void an_opening_that_does_not_open_the_committed_ballot_is_a_mismatch_audited_and_nothing_is_stored() {
        VotingConferences.Open conf = conferences().open(3, BallotKind.TWO_LEVEL, 1, 0);
        ElectionId id = conf.id();
        String card = conf.activated().getFirst();
        TestTablet tablet = new TestTablet(voting, ceremonies);
        // A cheating tablet: shows the voter's marks, seals others, and reveals the opening of what it showed.
        BallotSealer.Openable shown = tablet.seal(id, new int[] {0, 0, 1});
        BallotSealer.Openable sealedInstead = tablet.seal(id, new int[] {1, 1, 1});
        String device = kiosk();
        Commitment.Accepted accepted = (Commitment.Accepted) tablet.commit(device, id, card, sealedInstead.ballot());
        byte[] lie = shown.opening();
        // Its header must name the committed ballot for the lie to get as far as the ciphertexts.
        System.arraycopy(sealedInstead.opening(), 0, lie, 0, 24);
        assertThat(voting.check(device, id, card, accepted.ballot(), lie)).isEqualTo(new CheckOutcome.Mismatch());
        assertThat(checked(id)).isZero();
        assertThat(ballots(id)).isZero();
        assertThat(tokens.check(id, card)).isEqualTo(CardCheck.ACTIVATED);
        List<AuditEntry> found = faults(device);
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().fields().visible()).containsExactly(Map.entry("check", "OPENING"),
                Map.entry("election", Long.toString(id.value())));

        // The card still votes (a new ballot on a working tablet).
        assertThat(tablet.vote(kiosk(), id, card, new int[] {0, 0, 1})).isInstanceOf(CastOutcome.Recorded.class);
    }

    @Test
    void a_check_card_checks_any_number_of_times_never_casts_and_counts_as_no_voter() {
        VotingConferences conferences = conferences();
        VotingConferences.Open conf = conferences.open(2, BallotKind.THREE_LEVEL, 1, 1);
        ElectionId id = conf.id();
        String checkCard = conf.notActivated().getFirst();
        var before = tokens.counts(id);
        try (var desk = Acting.as(conf.teller(), "TELLER")) {
            tokens.activateForCheck(id, checkCard);
        }
        var after = tokens.counts(id);
        assertThat(after.checking()).isEqualTo(1);
        assertThat(after.handedOut()).as("not handed to a voter").isEqualTo(before.handedOut());
        assertThat(after.spent()).isZero();
        assertThat(after.total()).isEqualTo(before.total());
        assertThat(tokens.check(id, checkCard)).isEqualTo(CardCheck.CHECK);

        TestTablet tablet = new TestTablet(voting, ceremonies);
        String device = kiosk();
        assertThat(voting.admit(device, id, checkCard)).isEqualTo(new Admission.Admitted(true));
        for (int round = 0; round < 3; round++) {
            BallotSealer.Openable sealed = tablet.seal(id, new int[] {round % 3, TestTablet.BLANK});
            Commitment c = tablet.commit(device, id, checkCard, sealed.ballot());
            assertThat(c).isInstanceOfSatisfying(Commitment.Accepted.class, a -> assertThat(a.checkOnly()).isTrue());
            Committed committed = ((Commitment.Accepted) c).ballot();
            if (round == 0) {
                assertThat(voting.cast(device, id, checkCard, committed))
                        .isEqualTo(new CastOutcome.Refused(VotingService.CHECK_ONLY));
            }
            assertThat(voting.check(device, id, checkCard, committed, sealed.opening())).isInstanceOf(CheckOutcome.Opened.class);
        }
        assertThat(checked(id)).isEqualTo(3);
        assertThat(ballots(id)).isZero();
        assertThat(tokens.counts(id).spent()).isZero();
        assertThat(tokens.check(id, checkCard)).isEqualTo(CardCheck.CHECK);

        // A check card is no voter's card at the desk either.
        try (var desk = Acting.as(conf.teller(), "TELLER")) {
            assertThatThrownBy(() -> tokens.activate(id, checkCard)).hasMessageContaining("desk.error.checkCard");
            // Lost: voided at the desk, it opens no ballot any more.
            tokens.voidCard(id, checkCard);
        }
        assertThat(voting.admit(device, id, checkCard)).isEqualTo(new Admission.Refused(VotingService.VOID));
    }
}
