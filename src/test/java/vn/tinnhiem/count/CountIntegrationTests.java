package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tinnhiem.db.Tables.BALLOT;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.files.FileResult;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.verify.RecordVerifier;
import vn.tinnhiem.voting.TestTablet;
import vn.tinnhiem.voting.VotingService;

/**
 * The count on a real MariaDB, through the services the tally board uses: close, check the box, unseal with k of
 * n cards (refusals on the way), the results equal to what was cast, and the record whose hash the minutes print;
 * then the box tampered with in the database (a ballot changed, one deleted, one copied).
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class CountIntegrationTests {

    @Autowired
    PollsClose pollsClose;
    @Autowired
    BoxCheck boxCheck;

    @Autowired
    TotalsUnsealing totalsUnsealing;
    @Autowired
    CountFinish countFinish;

    @Autowired
    CountResults countResults;
    @Autowired
    ElectionRecordExport recordExport;

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
    AuditLog audit;
    @Autowired
    DSLContext db;

    private CountConferences conferences() {
        return new CountConferences(elections, accounts, ceremonies, tokens, voting);
    }

    /** Voter v marks candidate c at (v + c) mod 3, except that every fifth voter leaves candidate 2 blank. */
    private static int mark(int v, int c) {
        return c == 1 && v % 5 == 0 ? TestTablet.BLANK : (v + c) % 3;
    }

    private List<AuditEntry> log(long id) {
        return audit.newest(1000).stream().filter(e -> e.subject().equals("election:" + id)).toList();
    }

    @Test
    void k_of_n_cards_unseal_exact_results_after_every_wrong_card_is_refused_and_the_record_hash_is_the_file() throws Exception {
        var other = conferences().cast(2, 3, 3, 1, 0, (v, c) -> 0);
        var conf = conferences().cast(3, 9, 6, 10, 2, CountIntegrationTests::mark);
        String head = conf.tellers().getFirst();
        try (var board = Acting.as(head, "TELLER")) {
            ClosingFigures live = pollsClose.closingFigures(conf.id());
            assertThat(live.closedAt()).isNull();
            ClosingFigures closed = pollsClose.close(conf.id());
            assertThat(closed.summoned()).isEqualTo(9);
            assertThat(closed.present()).isEqualTo(6);
            assertThat(closed.quorumMet()).as("6 of 9 is two thirds").isTrue();
            assertThat(closed.cardsActivated()).isEqualTo(12);
            assertThat(closed.cardsSpent()).isEqualTo(10);
            assertThat(closed.cardsUnspent()).isEqualTo(2);
            assertThat(closed.closedAt()).isNotNull();
            assertThat(elections.elections().find(conf.id()).orElseThrow().status()).isEqualTo(ElectionStatus.CLOSED);

            assertThatThrownBy(() -> totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(0), null, null))
                    .isInstanceOf(UserFacingException.class).extracting("key").isEqualTo("count.error.boxFirst");
            int[] progress = {0};
            BoxVerdict verdict = boxCheck.checkBox(conf.id(), done -> progress[0] = Math.max(progress[0], done));
            assertThat(progress[0]).isEqualTo(10);
            assertThat(verdict.counted()).isEqualTo(10);
            assertThat(verdict.difference()).isZero();
            assertThat(verdict.setAside()).isEmpty();
            assertThat(verdict.copies()).isEmpty();

            // Refusals, each said in words and nothing kept.
            assertThat(totalsUnsealing.unsealWithCard(conf.id(), other.cards().get(0), null, null))
                    .isEqualTo(new ShareOutcome.Refused("ceremony.check.OTHER_ELECTION", List.of()));
            String corrupted = conf.cards().get(0).substring(0, 20) + (conf.cards().get(0).charAt(20) == 'A' ? 'B' : 'A')
                    + conf.cards().get(0).substring(21);
            assertThat(((ShareOutcome.Refused) totalsUnsealing.unsealWithCard(conf.id(), corrupted, null, null)).reasonKey())
                    .isEqualTo("card.typo.group");
            assertThat(((ShareOutcome.Refused) totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(1), null, null)).reasonKey())
                    .isEqualTo("ceremony.check.PASSPHRASE_REQUIRED");
            assertThat(((ShareOutcome.Refused) totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(1),
                    "sai mật khẩu rồi".toCharArray(), null)).reasonKey()).isEqualTo("ceremony.check.WRONG_PASSPHRASE");

            ShareOutcome first = totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(0), null, null);
            assertThat(first).isEqualTo(new ShareOutcome.Accepted(1, "Trần Văn Trưởng", false));
            assertThat(((ShareOutcome.Refused) totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(0), null, null)).reasonKey())
                    .isEqualTo("count.share.alreadyCounted");
            // k - 1 cards: refused with the reason.
            assertThatThrownBy(() -> countFinish.finish(conf.id())).isInstanceOf(UserFacingException.class)
                    .satisfies(e -> {
                        assertThat(((UserFacingException) e).key()).isEqualTo("count.error.tooFew");
                        assertThat(((UserFacingException) e).args()).containsExactly(1, 2, 1);
                    });
            assertThat(countResults.results(conf.id())).isEmpty();

            char[] pass = CountConferences.PASSPHRASE.toCharArray();
            // Seat 2's card read under seat 1's session counts only once seat 2's teller types their own password.
            assertThat(totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(1), CountConferences.PASSPHRASE.toCharArray(),
                    null)).isEqualTo(new ShareOutcome.HolderNeeded(2, "Nguyễn Thị Hồng Nhung", "holder.error.passwordNeeded"));
            assertThat(totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(1), CountConferences.PASSPHRASE.toCharArray(),
                    "mật khẩu của người khác".toCharArray()))
                    .isEqualTo(new ShareOutcome.HolderNeeded(2, "Nguyễn Thị Hồng Nhung", "holder.error.WRONG"));
            assertThat(totalsUnsealing.unsealing(conf.id()).accepted()).as("nothing kept for seat 2").isEqualTo(1);
            char[] holder = vn.tinnhiem.support.Staff.PASSWORD.toCharArray();
            ShareOutcome second = totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(1), pass, holder);
            assertThat(second).isEqualTo(new ShareOutcome.Accepted(2, "Nguyễn Thị Hồng Nhung", true));
            assertThat(new String(holder)).as("the holder's password is cleared").isEqualTo("\0".repeat(holder.length));
            List<AuditEntry> log = audit.newest(200).stream().filter(e -> e.subject().equals("election:" + conf.id()))
                    .toList();
            assertThat(log).filteredOn(e -> e.action().equals("count.shareAccepted")).extracting(AuditEntry::details)
                    .containsExactlyInAnyOrder("~1 seat=1 path=HALL holder=" + conf.tellers().get(0),
                            "~1 seat=2 path=HALL holder=" + conf.tellers().get(1));
            assertThat(log).filteredOn(e -> e.action().equals("count.holderRefused")).extracting(AuditEntry::details)
                    .containsExactlyInAnyOrder(
                            "~1 seat=2 holder=" + conf.tellers().get(1) + " reason=holder.error.passwordNeeded",
                            "~1 seat=2 holder=" + conf.tellers().get(1) + " reason=holder.error.WRONG");
            assertThat(new String(pass)).as("the passphrase is cleared").isEqualTo("\0".repeat(pass.length));
        }
        assertThat(elections.elections().find(conf.id()).orElseThrow().status()).isEqualTo(ElectionStatus.TALLIED);

        ResultTable table = countResults.results(conf.id()).orElseThrow();
        assertThat(table.returned()).isEqualTo(10);
        assertThat(table.issued()).isEqualTo(12);
        for (int c = 0; c < 3; c++) {
            ResultTable.Row row = table.rows().get(c);
            assertThat(row.levels()).as("candidate " + (c + 1)).containsExactly(conf.expected()[c][0],
                    conf.expected()[c][1], conf.expected()[c][2]);
            assertThat(row.invalid()).isEqualTo(10 - row.valid());
        }
        assertThat(table.rows().get(1).invalid()).as("two voters left candidate 2 blank").isEqualTo(2);

        CountSummary summary = countResults.summary(conf.id()).orElseThrow();
        var out = new ByteArrayOutputStream();
        recordExport.writeRecord(conf.id(), out);
        String recordHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
        assertThat(summary.fingerprints().recordHash()).as("the minutes' record hash names the exported file")
                .isEqualTo(recordHash);
        assertThat(summary.fingerprints().auditHeadHash()).isEqualTo(log(conf.id().value()).stream()
                .filter(e -> e.action().equals("count.counted")).findFirst().orElseThrow().entryHash());
        assertThat(summary.partials()).extracting(CountSummary.Partial::seat).containsExactly(1, 2);
        String record = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(record).startsWith("{\"format\":\"tinnhiem-election-record/1\",\"manifest\":{");
        assertThat(record).contains("\"box\":{\"stored\":10,\"counted\":10,\"spentCards\":10,\"difference\":0}");
        assertEveryCheckHolds(out.toByteArray());

        // Every refusal stayed on the record although nothing else of its call did.
        assertThat(log(conf.id().value())).filteredOn(e -> e.action().equals("count.shareRefused")).hasSize(5);
        assertThat(log(conf.id().value())).filteredOn(e -> e.action().equals("count.finishRefused")).hasSize(1);
        // The tracking codes are published, and each voter finds theirs counted.
        assertThat(ballotTracking.publishedCodes(conf.id())).containsExactlyInAnyOrderElementsOf(conf.trackingCodes());
        assertThat(ballotTracking.track(conf.id(), conf.trackingCodes().get(3).toLowerCase().replace("-", " ")))
                .isEqualTo(TrackedBallot.COUNTED);
        assertThat(ballotTracking.track(conf.id(), "0000-0000-0000-0000")).isEqualTo(TrackedBallot.NOT_FOUND);
    }

    @Test
    void a_ballot_changed_in_the_database_is_set_aside_by_its_tracking_code_one_deleted_shows_a_difference_and_a_copy_counts_once() {
        var conf = conferences().cast(2, 6, 6, 6, 0, (v, c) -> (v + c) % 3);
        List<byte[]> ids = db.select(BALLOT.ID).from(BALLOT).where(BALLOT.ELECTION_ID.eq(conf.id().value())).orderBy(BALLOT.ID)
                .fetch(BALLOT.ID);
        // Ballot 0: one byte of a proof changed. Ballot 1: deleted. Ballot 2: copied whole under a new id.
        byte[] changed = db.select(BALLOT.SEALED).from(BALLOT).where(BALLOT.ID.eq(ids.get(0))).fetchOne(BALLOT.SEALED);
        changed[changed.length - 5] ^= 1;
        // Named everywhere by the code its bytes now give, never by its row's column.
        String changedCode = SealedBallot.of(changed).trackingCode();
        db.update(BALLOT).set(BALLOT.SEALED, changed).where(BALLOT.ID.eq(ids.get(0))).execute();
        db.deleteFrom(BALLOT).where(BALLOT.ID.eq(ids.get(1))).execute();
        var copied = db.selectFrom(BALLOT).where(BALLOT.ID.eq(ids.get(2))).fetchOne();
        byte[] newId = new byte[16];
        new SecureRandom().nextBytes(newId);
        byte[] copyBytes = copied.getSealed().clone();
        System.arraycopy(newId, 0, copyBytes, 5, 16); // the id, bytes [5, 21) (docs/protocol.md 5.2)
        db.insertInto(BALLOT, BALLOT.ELECTION_ID, BALLOT.ID, BALLOT.TRACKING_CODE, BALLOT.SEALED)
                .values(conf.id().value(), newId, "COPY-COPY-COPY-COPY", copyBytes).execute();
        String copyCode = SealedBallot.of(copyBytes).trackingCode();

        try (var board = Acting.as(conf.tellers().get(2), "TELLER")) {
            pollsClose.close(conf.id());
            BoxVerdict verdict = boxCheck.checkBox(conf.id(), done -> {});
            assertThat(verdict.stored()).isEqualTo(6);
            assertThat(verdict.counted()).as("6 cast, 1 changed, 1 deleted, 1 copy").isEqualTo(4);
            assertThat(verdict.setAside()).extracting(BoxVerdict.SetAside::trackingCode).containsExactly(changedCode);
            assertThat(verdict.copies()).singleElement().satisfies(c -> {
                assertThat(c.trackingCode()).isEqualTo(copyCode);
                assertThat(c.sameId()).isFalse();
                assertThat(c.copyOf()).isEqualTo(HexFormat.of().formatHex(ids.get(2)));
            });
            assertThat(verdict.difference()).as("4 counted, 6 cards spent").isEqualTo(-2);
            assertThat(verdict.tampering()).as("the changed row's and the copy's columns are not what their bytes give")
                    .filteredOn(t -> t.kind().equals("rowCode")).extracting(BoxVerdict.Tampering::about)
                    .containsExactlyInAnyOrder(changedCode, copyCode);
            assertThat(totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(2), null, null)).isInstanceOf(ShareOutcome.Accepted.class);
            assertThat(totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(0), null,
                    vn.tinnhiem.support.Staff.PASSWORD.toCharArray()))
                    .isEqualTo(new ShareOutcome.Accepted(1, "Trần Văn Trưởng", true));
        }
        ResultTable table = countResults.results(conf.id()).orElseThrow();
        assertThat(table.returned()).isEqualTo(4);
        assertThat(table.rows()).allSatisfy(r -> assertThat(r.valid()).isEqualTo(4));
        CountSummary summary = countResults.summary(conf.id()).orElseThrow();
        assertThat(summary.difference()).isEqualTo(-2);
        assertThat(log(conf.id().value())).extracting(AuditEntry::action).contains("count.ballotSetAside", "count.ballotCopied",
                "count.boxMismatch");
        assertThat(log(conf.id().value())).filteredOn(e -> e.action().equals("count.ballotSetAside"))
                .singleElement().satisfies(e -> assertThat(e.details()).contains(changedCode));
        assertThat(ballotTracking.track(conf.id(), changedCode)).isEqualTo(TrackedBallot.SET_ASIDE);
        var out = new ByteArrayOutputStream();
        recordExport.writeRecord(conf.id(), out);
        assertEveryCheckHolds(out.toByteArray());
    }

    @Test
    void a_conference_with_no_ballots_counts_to_zeros_without_any_card() {
        var conf = conferences().cast(2, 3, 1, 0, 1, (v, c) -> 0);
        try (var board = Acting.as(conf.tellers().getFirst(), "TELLER")) {
            ClosingFigures closed = pollsClose.close(conf.id());
            assertThat(closed.quorumMet()).as("1 of 3 present").isFalse();
            assertThat(boxCheck.checkBox(conf.id(), done -> {}).counted()).isZero();
            assertThat(totalsUnsealing.unsealing(conf.id()).noBallots()).isTrue();
            countFinish.finish(conf.id());
        }
        ResultTable table = countResults.results(conf.id()).orElseThrow();
        assertThat(table.returned()).isZero();
        assertThat(table.rows()).allSatisfy(r -> {
            assertThat(r.levels()).containsExactly(0, 0, 0);
            assertThat(r.percentages()).containsExactly("0,00", "0,00", "0,00");
        });
        var out = new ByteArrayOutputStream();
        recordExport.writeRecord(conf.id(), out);
        assertEveryCheckHolds(out.toByteArray());
    }

    /** The record the count wrote passes the independent verifier, which shares none of its code. */
    private static void assertEveryCheckHolds(byte[] record) {
        var checks = new RecordVerifier().verify(record);
        assertThat(checks).isNotEmpty();
        assertThat(checks).allSatisfy(c -> assertThat(c.holds()).as(c.name() + " " + c.detailKey() + " " + c.args())
                .isTrue());
    }

    @Test
    void the_offline_path_takes_a_partial_decryption_file_and_refuses_a_changed_one_without_any_share_entering_the_server()
            throws Exception {
        var conf = conferences().cast(2, 3, 3, 3, 0, (v, c) -> v % 3);
        Manifest manifest;
        try (var board = Acting.as(conf.tellers().get(1), "TELLER")) {
            pollsClose.close(conf.id());
            boxCheck.checkBox(conf.id(), done -> {});
            manifest = ceremonies.manifest(conf.id()).orElseThrow();
            byte[] totalsFile = totalsUnsealing.totalsFile(conf.id());
            EncryptedTally tally = ((FileResult.Ok<EncryptedTotalsFile>) EncryptedTotalsFile.read(totalsFile)).value().tally();
            // What the laptop does with seat 3's card.
            var share = ((ShareCards.Accepted) ShareCards.read(conf.cards().get(2), manifest, null)).share();
            var partial = Decryption.partial(ElectionContext.of(manifest), tally, share, new SecureRandom());
            share.destroy();
            byte[] file = PartialDecryptionFile.write(conf.id() + "", manifest.hash(),
                    EncryptedTotalsFile.tallyHash(tally), partial);
            String changed = new String(file, java.nio.charset.StandardCharsets.UTF_8);
            int at = changed.indexOf("\"response\":\"") + 12;
            changed = changed.substring(0, at) + (changed.charAt(at) == '0' ? '1' : '0') + changed.substring(at + 1);
            assertThat(totalsUnsealing.importPartial(conf.id(), changed.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .isInstanceOf(ShareOutcome.Refused.class);
            assertThat(totalsUnsealing.importPartial(conf.id(), "not json".getBytes())).isInstanceOf(ShareOutcome.Refused.class);
            assertThat(totalsUnsealing.importPartial(conf.id(), file)).isEqualTo(new ShareOutcome.Accepted(3, "Phạm Minh Tuấn", false));
            assertThat(((ShareOutcome.Refused) totalsUnsealing.importPartial(conf.id(), file)).reasonKey())
                    .isEqualTo("count.share.alreadyCounted");
            assertThat(totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(0), null,
                    vn.tinnhiem.support.Staff.PASSWORD.toCharArray()))
                    .isEqualTo(new ShareOutcome.Accepted(1, "Trần Văn Trưởng", true));
        }
        CountSummary summary = countResults.summary(conf.id()).orElseThrow();
        assertThat(summary.partials()).containsExactly(new CountSummary.Partial(3, CountSummary.Path.OFFLINE),
                new CountSummary.Partial(1, CountSummary.Path.HALL));
        assertThat(summary.results().rows().get(0).levels()).containsExactly(1, 1, 1);
        var out = new ByteArrayOutputStream();
        recordExport.writeRecord(conf.id(), out);
        assertEveryCheckHolds(out.toByteArray());
    }

    @Test
    void a_teller_of_another_board_is_refused_every_step_of_the_count() {
        var conf = conferences().cast(1, 3, 3, 1, 0, (v, c) -> 0);
        var other = conferences().cast(1, 3, 3, 1, 0, (v, c) -> 0);
        try (var stranger = Acting.as(other.tellers().getFirst(), "TELLER")) {
            assertThatThrownBy(() -> pollsClose.close(conf.id())).isInstanceOf(UserFacingException.class);
            assertThatThrownBy(() -> pollsClose.closingFigures(conf.id())).isInstanceOf(UserFacingException.class);
        }
        assertThat(elections.elections().find(conf.id()).orElseThrow().status()).isEqualTo(ElectionStatus.OPEN);
        assertThat(log(conf.id().value())).extracting(AuditEntry::action).contains("count.notOnBoard");
    }

}
