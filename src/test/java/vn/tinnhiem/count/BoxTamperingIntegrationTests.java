package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.BALLOT;
import static vn.tinnhiem.db.Tables.ELECTION_MILESTONE;
import static vn.tinnhiem.db.Tables.POLL_CLOSING;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.VotingService;
import vn.tinnhiem.shared.files.Sha256;

/**
 * Someone with the database's root account changes a closed conference's rows by hand, as was tried on a real one.
 * The count names every ballot by the code its own bytes give, never by its row's column, and finds what the close
 * froze rewritten by comparing it with the close's entry in the audit chain.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class BoxTamperingIntegrationTests {

    @Autowired
    PollsClose pollsClose;
    @Autowired
    BoxCheck boxCheck;

    @Autowired
    BallotTracking ballotTracking;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    VotingService voting;
    @Autowired
    DSLContext db;

    private CountConferences.Cast closed(int ballots) {
        var conf = new CountConferences(elections, accounts, ceremonies, tokens, voting)
                .cast(2, ballots, ballots, ballots, 0, (v, c) -> (v + c) % 3);
        try (var teller = Acting.as(conf.tellers().getFirst(), "TELLER")) {
            pollsClose.close(conf.id());
        }
        return conf;
    }

    @Test
    void swapped_tracking_code_columns_and_a_corrupted_ballot_are_named_by_their_bytes_so_no_voter_is_told_the_wrong_fate() {
        var conf = closed(5);
        String a = conf.trackingCodes().get(0);
        String b = conf.trackingCodes().get(1);
        // Swap the two rows' tracking-code columns, then corrupt the bytes of the row that held a.
        byte[] rowA = db.select(BALLOT.ID).from(BALLOT).where(BALLOT.TRACKING_CODE.eq(a)).fetchOne(BALLOT.ID);
        byte[] rowB = db.select(BALLOT.ID).from(BALLOT).where(BALLOT.TRACKING_CODE.eq(b)).fetchOne(BALLOT.ID);
        db.update(BALLOT).set(BALLOT.TRACKING_CODE, "SWAP-SWAP-SWAP-SWAP").where(BALLOT.ID.eq(rowA)).execute();
        db.update(BALLOT).set(BALLOT.TRACKING_CODE, a).where(BALLOT.ID.eq(rowB)).execute();
        db.update(BALLOT).set(BALLOT.TRACKING_CODE, b).where(BALLOT.ID.eq(rowA)).execute();
        byte[] sealed = db.select(BALLOT.SEALED).from(BALLOT).where(BALLOT.ID.eq(rowA)).fetchOne(BALLOT.SEALED);
        sealed[sealed.length - 7] ^= 1;
        db.update(BALLOT).set(BALLOT.SEALED, sealed).where(BALLOT.ID.eq(rowA)).execute();
        String corrupted = SealedBallot.of(sealed).trackingCode();

        BoxVerdict verdict;
        try (var teller = Acting.as(conf.tellers().getFirst(), "TELLER")) {
            verdict = boxCheck.checkBox(conf.id(), done -> {});
        }
        assertThat(verdict.setAside()).extracting(BoxVerdict.SetAside::trackingCode)
                .as("set aside under the code its bytes give, not the other voter's").containsExactly(corrupted);
        assertThat(verdict.tampering()).filteredOn(t -> t.kind().equals("rowCode"))
                .extracting(BoxVerdict.Tampering::about, BoxVerdict.Tampering::found)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(corrupted, b),
                        org.assertj.core.groups.Tuple.tuple(b, a));
        assertThat(verdict.tampering()).extracting(BoxVerdict.Tampering::kind)
                .as("the box's codes are not the ones the close sealed").contains("boxDigest");
        assertThat(ballotTracking.track(conf.id(), b)).as("b's ballot is whole and counted").isEqualTo(TrackedBallot.COUNTED);
        assertThat(ballotTracking.track(conf.id(), a)).as("a's ballot is not in the box as cast: never told it counted")
                .isEqualTo(TrackedBallot.NOT_FOUND);
        assertThat(ballotTracking.publishedCodes(conf.id())).contains(corrupted, b).doesNotContain(a);
    }

    @Test
    void a_deleted_ballot_with_the_close_rewritten_to_match_is_found_against_the_close_audit_entry() {
        var conf = closed(6);
        db.deleteFrom(BALLOT).where(BALLOT.TRACKING_CODE.eq(conf.trackingCodes().get(2))).execute();
        List<String> left = new ArrayList<>(conf.trackingCodes());
        left.remove(2);
        Collections.sort(left);
        String forged = Sha256.hex(String.join("\n", left));
        db.update(POLL_CLOSING).set(POLL_CLOSING.CARDS_SPENT, 5).set(POLL_CLOSING.CARDS_UNSPENT, 1)
                .where(POLL_CLOSING.ELECTION_ID.eq(conf.id().value())).execute();
        db.update(ELECTION_MILESTONE).set(ELECTION_MILESTONE.DIGEST, forged)
                .where(ELECTION_MILESTONE.ELECTION_ID.eq(conf.id().value()).and(ELECTION_MILESTONE.MILESTONE.eq("POLLS_CLOSED")))
                .execute();

        BoxVerdict verdict;
        try (var teller = Acting.as(conf.tellers().getFirst(), "TELLER")) {
            verdict = boxCheck.checkBox(conf.id(), done -> {});
        }
        assertThat(verdict.spentCards()).as("the cards spent as the close's audit entry holds them").isEqualTo(6);
        assertThat(verdict.difference()).isEqualTo(-1);
        assertThat(verdict.tampering()).extracting(BoxVerdict.Tampering::kind, BoxVerdict.Tampering::about)
                .contains(org.assertj.core.groups.Tuple.tuple("closeFigure", "spent"),
                        org.assertj.core.groups.Tuple.tuple("closeFigure", "unspent"),
                        org.assertj.core.groups.Tuple.tuple("closeDigest", "POLLS_CLOSED"),
                        org.assertj.core.groups.Tuple.tuple("boxDigest", "5"));
    }

    @Test
    void an_untouched_box_shows_no_tampering() {
        var conf = closed(4);
        try (var teller = Acting.as(conf.tellers().getFirst(), "TELLER")) {
            BoxVerdict verdict = boxCheck.checkBox(conf.id(), done -> {});
            assertThat(verdict.tampering()).isEmpty();
            assertThat(verdict.difference()).isZero();
        }
    }
}
