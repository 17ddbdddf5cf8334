package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static vn.tinnhiem.db.Tables.AUDIT_ENTRY;
import static vn.tinnhiem.db.Tables.BALLOT;
import static vn.tinnhiem.db.Tables.ELECTION;
import static vn.tinnhiem.db.Tables.ELECTION_MILESTONE;
import static vn.tinnhiem.db.Tables.POLL_CLOSING;
import static vn.tinnhiem.db.Tables.TOKEN;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.test.context.support.WithMockUser;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.shared.database.EmbeddedMariaDb;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Pdfs;
import vn.tinnhiem.support.RootDatabase;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.token.internal.TokenCode;
import vn.tinnhiem.token.internal.TokenKey;
import vn.tinnhiem.voting.CastOutcome;
import vn.tinnhiem.voting.TestTablet;
import vn.tinnhiem.voting.VotingService;

/**
 * Someone with the embedded server's root account (its password read from the data folder) removes ballots, adds
 * them, reopens and closes the polls by SQL and sets a spent card back to usable, as was tried on a real conference.
 * The box check names each ballot removed or added by its tracking code against the codes the close sealed in the
 * audit chain, holds the conference's status against its audited lifecycle and the desk's counts against their
 * anchors, and neither the count screen's verdict nor the minutes then call the box clean.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
// Needs the embedded server itself (its bean, folder or root account): runs on it, never on the cluster.
@Tag("embedded-server")
class NothingAddedOrRemovedIntegrationTests {

    @Autowired
    PollsClose pollsClose;
    @Autowired
    BoxCheck boxCheck;

    @Autowired
    TotalsUnsealing totalsUnsealing;
    @Autowired
    CountDocuments countDocuments;
    @Autowired
    DeskCounts desk;
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
    TokenKey tokenKey;
    @Autowired
    EmbeddedMariaDb server;
    @Autowired
    DataSource dataSource;
    @Autowired
    DSLContext db;
    @LocalServerPort
    int port;

    private CountConferences.Cast open(int ballots, int unused) {
        return new CountConferences(elections, accounts, ceremonies, tokens, voting)
                .cast(2, ballots + unused, ballots + unused, ballots, unused, (v, c) -> (v + c) % 3);
    }

    private void close(CountConferences.Cast conf) {
        try (var teller = Acting.as(conf.tellers().getFirst(), "TELLER")) {
            pollsClose.close(conf.id());
        }
    }

    private BoxVerdict check(CountConferences.Cast conf) {
        try (var teller = Acting.as(conf.tellers().getFirst(), "TELLER")) {
            return boxCheck.checkBox(conf.id(), done -> {});
        }
    }

    private void asRoot(java.util.function.Consumer<DSLContext> work) {
        RootDatabase.as(server, dataSource, work);
    }

    private String castWith(CountConferences.Cast conf, String card) {
        int[] marks = TestTablet.blank(voting.form(conf.id()).orElseThrow().candidates().size());
        marks[0] = 0;
        CastOutcome outcome = new TestTablet(voting, ceremonies).vote("kiosk-forged", conf.id(), card, marks);
        assertThat(outcome).isInstanceOf(CastOutcome.Recorded.class);
        return ((CastOutcome.Recorded) outcome).trackingCode();
    }

    /** The minutes' text after the board unseals with two cards, as the count screen's documents give it. */
    private String minutes(CountConferences.Cast conf) {
        // Seat 3's teller hands in their own card, and seat 1's with its holder's password.
        try (var teller = Acting.as(conf.tellers().get(2), "TELLER")) {
            totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(2), null, null);
            totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(0), null, Staff.PASSWORD.toCharArray());
            var out = new ByteArrayOutputStream();
            countDocuments.writeMinutes(conf.id(), Locale.of("vi"), out);
            return Pdfs.read(out.toByteArray()).text().replaceAll("\\s+", " ");
        }
    }

    @Test
    void a_ballot_deleted_after_the_close_is_named_by_its_tracking_code() {
        var conf = open(5, 0);
        close(conf);
        String removed = conf.trackingCodes().get(3);
        asRoot(root -> root.deleteFrom(BALLOT).where(BALLOT.ELECTION_ID.eq(conf.id().value()))
                .and(BALLOT.TRACKING_CODE.eq(removed)).execute());

        BoxVerdict verdict = check(conf);
        assertThat(verdict.tampering()).filteredOn(t -> t.kind().endsWith("Ballot"))
                .extracting(BoxVerdict.Tampering::kind, BoxVerdict.Tampering::about)
                .containsExactly(tuple("missingBallot", removed));
        assertThat(verdict.clean()).isFalse();
        assertThat(auditDetails(conf, "count.tampering")).anyMatch(d -> d.contains("missingBallot")
                && d.contains(removed));
    }

    @Test
    void a_copy_and_a_foreign_ballot_inserted_after_the_close_are_each_named_as_added() {
        var conf = open(4, 0);
        var other = open(1, 0);
        close(conf);
        close(other);
        String copied = conf.trackingCodes().get(1);
        String foreign = other.trackingCodes().getFirst();
        asRoot(root -> {
            Record row = root.select(BALLOT.TRACKING_CODE, BALLOT.SEALED).from(BALLOT)
                    .where(BALLOT.ELECTION_ID.eq(conf.id().value())).and(BALLOT.TRACKING_CODE.eq(copied)).fetchSingle();
            byte[] foreignBytes = root.select(BALLOT.SEALED).from(BALLOT).where(BALLOT.ELECTION_ID.eq(other.id().value()))
                    .fetchSingle(BALLOT.SEALED);
            insertBallot(root, conf.id().value(), copied, row.get(BALLOT.SEALED));
            insertBallot(root, conf.id().value(), foreign, foreignBytes);
        });

        BoxVerdict verdict = check(conf);
        assertThat(verdict.tampering()).filteredOn(t -> t.kind().endsWith("Ballot"))
                .extracting(BoxVerdict.Tampering::kind, BoxVerdict.Tampering::about, BoxVerdict.Tampering::found,
                        BoxVerdict.Tampering::expected)
                .containsExactlyInAnyOrder(tuple("addedBallot", copied, "2", "1"), tuple("addedBallot", foreign, "1", "0"));
        assertThat(verdict.tampering()).extracting(BoxVerdict.Tampering::kind).contains("ballotsOverSpent");
    }

    @Test
    void a_spent_card_set_back_to_activated_during_the_polls_and_used_again_is_caught_by_the_anchored_counts() {
        var conf = open(4, 0);
        desk.anchorOpenConferences();
        // Root on the database with the key file: the first voter's card, spent, is made usable again.
        byte[] hash = tokenKey.hash(TokenCode.parse(firstCard(conf)).orElseThrow());
        asRoot(root -> assertThat(root.update(TOKEN).set(TOKEN.STATE, "ACTIVATED")
                .where(TOKEN.ELECTION_ID.eq(conf.id().value())).and(TOKEN.TOKEN_HASH.eq(hash)).execute()).isEqualTo(1));
        desk.anchorOpenConferences();
        String twice = castWith(conf, firstCard(conf));
        close(conf);

        BoxVerdict verdict = check(conf);
        assertThat(verdict.tampering()).extracting(BoxVerdict.Tampering::kind, BoxVerdict.Tampering::about)
                .contains(tuple("countDown", "spent"));
        assertThat(verdict.tampering()).filteredOn(t -> t.kind().equals("ballotsOverSpent"))
                .extracting(BoxVerdict.Tampering::found, BoxVerdict.Tampering::expected).containsExactly(tuple("5", "≤ 4"));
        String text = minutes(conf);
        assertThat(text).contains("CÓ DẤU HIỆU SỬA DỮ LIỆU")
                .contains("Số đếm của bàn đón tiếp đã giảm so với lần ghi trước trong nhật ký: số thẻ đã dùng")
                .contains("Số thẻ đã dùng được chứng minh bằng chuỗi nhật ký").doesNotContain("không có chênh lệch");
        assertThat(verdict.tampering()).as("the second ballot was in the box at the close: only the counts tell it")
                .noneMatch(t -> t.about().equals(twice));
    }

    @Test
    void polls_reopened_by_sql_two_ballots_cast_closed_by_sql_and_figures_raised_are_named_and_never_called_clean() {
        var conf = open(4, 2);
        close(conf);
        // The issue's attack: reopen by SQL (stamped as the application stamps a status change), two ballots cast
        // through the kiosks' casting path with the two cards left, the polls closed by SQL, the figures raised by two.
        asRoot(root -> root.update(ELECTION).set(ELECTION.STATUS, "OPEN").set(ELECTION.UPDATED_AT, DSL.currentLocalDateTime(6))
                .where(ELECTION.ID.eq(conf.id().value())).execute());
        List<String> added = new ArrayList<>(List.of(castWith(conf, conf.unused().get(0)), castWith(conf, conf.unused().get(1))));
        asRoot(root -> {
            root.update(ELECTION).set(ELECTION.STATUS, "CLOSED").set(ELECTION.UPDATED_AT, DSL.currentLocalDateTime(6))
                    .where(ELECTION.ID.eq(conf.id().value())).execute();
            root.update(POLL_CLOSING).set(POLL_CLOSING.CARDS_SPENT, POLL_CLOSING.CARDS_SPENT.plus(2))
                    .set(POLL_CLOSING.CARDS_UNSPENT, POLL_CLOSING.CARDS_UNSPENT.minus(2))
                    .where(POLL_CLOSING.ELECTION_ID.eq(conf.id().value())).execute();
        });

        BoxVerdict verdict = check(conf);
        Collections.sort(added);
        assertThat(verdict.tampering()).filteredOn(t -> t.kind().equals("addedBallot"))
                .extracting(BoxVerdict.Tampering::about).containsExactlyElementsOf(added);
        assertThat(verdict.tampering()).extracting(BoxVerdict.Tampering::kind, BoxVerdict.Tampering::about)
                .contains(tuple("lifecycle", "changedAt"), tuple("closeFigure", "spent"), tuple("ballotsOverSpent", "#"
                        + closeEntryId(conf)));
        assertThat(verdict.clean()).isFalse();
        String text = minutes(conf);
        assertThat(text).as("6 ballots against 6 cards in the rewritten table: equal, and still not called clean")
                .contains("nhưng hộp phiếu không được coi là nguyên vẹn").doesNotContain("không có chênh lệch")
                .contains("Phiếu " + added.get(0) + " được thêm vào hộp phiếu sau khi đóng bỏ phiếu")
                .contains("Phiếu " + added.get(1) + " được thêm vào hộp phiếu sau khi đóng bỏ phiếu")
                .contains("Trạng thái của hội nghị không khớp với lịch sử đã ghi trong nhật ký");
    }

    @Test
    void polls_closed_by_sql_with_no_audited_close_are_a_lifecycle_mismatch() {
        var conf = open(3, 0);
        desk.anchorOpenConferences();
        asRoot(root -> {
            root.update(ELECTION).set(ELECTION.STATUS, "CLOSED").where(ELECTION.ID.eq(conf.id().value())).execute();
            root.insertInto(POLL_CLOSING).set(POLL_CLOSING.ELECTION_ID, conf.id().value())
                    .set(POLL_CLOSING.CLOSED_AT, LocalDateTime.now().withNano(0)).set(POLL_CLOSING.SUMMONED, 3)
                    .set(POLL_CLOSING.PRESENT, 3).set(POLL_CLOSING.CARDS_ACTIVATED, 3).set(POLL_CLOSING.CARDS_SPENT, 3)
                    .set(POLL_CLOSING.CARDS_UNSPENT, 0).set(POLL_CLOSING.CARDS_VOIDED, 0).execute();
            root.insertInto(ELECTION_MILESTONE).set(ELECTION_MILESTONE.ELECTION_ID, conf.id().value())
                    .set(ELECTION_MILESTONE.MILESTONE, "POLLS_CLOSED").set(ELECTION_MILESTONE.DIGEST, "0".repeat(64))
                    .execute();
        });

        BoxVerdict verdict = check(conf);
        assertThat(verdict.tampering()).extracting(BoxVerdict.Tampering::kind, BoxVerdict.Tampering::about,
                BoxVerdict.Tampering::found, BoxVerdict.Tampering::expected)
                .contains(tuple("lifecycle", "status", "CLOSED", "OPEN"),
                        tuple("lifecycle", "milestone.POLLS_CLOSED", "0".repeat(64), ""),
                        tuple("closeEntry", "count.closed", "", ""));
    }

    @Test
    void an_untouched_conference_with_anchors_is_clean_and_its_close_seals_every_code() {
        var conf = open(3, 1);
        desk.anchorOpenConferences();
        close(conf);
        BoxVerdict verdict = check(conf);
        assertThat(verdict.tampering()).isEmpty();
        assertThat(verdict.clean()).isTrue();
        List<String> sealed = new ArrayList<>(conf.trackingCodes());
        Collections.sort(sealed);
        assertThat(auditDetails(conf, "count.trackingCodes")).singleElement()
                .satisfies(d -> assertThat(d).endsWith("codes=" + String.join(",", sealed)));
        assertThat(auditDetails(conf, "desk.counts")).singleElement()
                .isEqualTo("~1 present=4 activated=4 spent=3 voided=0");
    }

    @Test
    void the_count_screen_names_a_removed_and_an_added_ballot_and_a_spent_card_reset_and_does_not_call_the_box_clean() {
        var conf = open(4, 0);
        var other = open(1, 0);
        var reset = open(3, 0);
        close(conf);
        close(other);
        close(reset);
        String removed = conf.trackingCodes().get(0);
        String foreign = other.trackingCodes().getFirst();
        byte[] hash = tokenKey.hash(TokenCode.parse(reset.spent().get(1)).orElseThrow());
        asRoot(root -> {
            // One ballot swapped for another conference's; in another conference, a spent card made usable again.
            root.deleteFrom(BALLOT).where(BALLOT.ELECTION_ID.eq(conf.id().value())).and(BALLOT.TRACKING_CODE.eq(removed)).execute();
            insertBallot(root, conf.id().value(), foreign, root.select(BALLOT.SEALED).from(BALLOT)
                    .where(BALLOT.ELECTION_ID.eq(other.id().value())).fetchSingle(BALLOT.SEALED));
            root.update(TOKEN).set(TOKEN.STATE, "ACTIVATED").where(TOKEN.ELECTION_ID.eq(reset.id().value()))
                    .and(TOKEN.TOKEN_HASH.eq(hash)).execute();
        });
        check(conf);
        check(reset);

        try (var teller = new Browser("http://localhost:" + port, 360, 640)) {
            Staff.signIn(teller, conf.tellers().getFirst());
            teller.open("/count/" + conf.id());
            teller.waitForText("#count-tampering", "CÓ DẤU HIỆU SỬA DỮ LIỆU");
            String shown = text(teller, "#count-tampering").replaceAll("\\s+", " ");
            assertThat(shown).contains("Phiếu " + removed + " đã bị xóa khỏi hộp phiếu sau khi đóng bỏ phiếu")
                    .contains("Phiếu " + foreign + " được thêm vào hộp phiếu sau khi đóng bỏ phiếu");
        }
        try (var teller = new Browser("http://localhost:" + port, 360, 640)) {
            Staff.signIn(teller, reset.tellers().getFirst());
            teller.open("/count/" + reset.id());
            teller.waitForText("#count-tampering", "Số đếm của bàn đón tiếp đã giảm so với lần ghi trước trong nhật ký");
            assertThat(text(teller, "#count-difference")).as("3 ballots, 3 cards, and still not clean")
                    .isEqualTo("Số phiếu được tính bằng số thẻ đã dùng, nhưng hộp phiếu KHÔNG được coi là nguyên vẹn: "
                            + "có dấu hiệu sửa dữ liệu nêu dưới đây.");
        }
    }

    private static String text(Browser browser, String css) {
        browser.find(css);
        return String.valueOf(browser.script("""
                const e = document.querySelector(arguments[0]);
                e.scrollIntoView({block: 'center'});
                return e.innerText;""", css));
    }

    private static void insertBallot(DSLContext root, long electionId, String code, byte[] sealed) {
        byte[] id = new byte[16];
        var uuid = UUID.randomUUID();
        java.nio.ByteBuffer.wrap(id).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        root.insertInto(BALLOT).set(BALLOT.ELECTION_ID, electionId).set(BALLOT.ID, id).set(BALLOT.TRACKING_CODE, code)
                .set(BALLOT.SEALED, sealed).execute();
    }

    private List<String> auditDetails(CountConferences.Cast conf, String action) {
        return db.select(AUDIT_ENTRY.DETAILS).from(AUDIT_ENTRY).where(AUDIT_ENTRY.SUBJECT.eq("election:" + conf.id()))
                .and(AUDIT_ENTRY.ACTION.eq(action)).orderBy(AUDIT_ENTRY.ID).fetch(AUDIT_ENTRY.DETAILS);
    }

    private long closeEntryId(CountConferences.Cast conf) {
        return db.select(AUDIT_ENTRY.ID).from(AUDIT_ENTRY).where(AUDIT_ENTRY.SUBJECT.eq("election:" + conf.id()))
                .and(AUDIT_ENTRY.ACTION.eq("count.closed")).fetchSingle(AUDIT_ENTRY.ID);
    }

    /** The card of the first ballot cast: CountConferences casts ballot v with the v-th card it printed. */
    private static String firstCard(CountConferences.Cast conf) {
        return conf.spent().getFirst();
    }
}
