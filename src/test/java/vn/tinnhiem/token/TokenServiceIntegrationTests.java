package vn.tinnhiem.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tinnhiem.db.Tables.AUDIT_ENTRY;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Pdfs;
import vn.tinnhiem.token.internal.TokenCode;
import vn.tinnhiem.token.internal.TokenKey;

/**
 * Voting cards on the real MariaDB: printed as a PDF whose QR codes and typed codes read back to cards
 * the service knows, stored only as keyed hashes, activated only by a teller of the conference's own
 * board while the polls are open, spent exactly once however many casts race for one card.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class TokenServiceIntegrationTests {

    private static final List<String> ROLL = List.of("Nguyễn Văn An", "Lê Thị Bình", "Đỗ Đức Cường", "Phạm Minh Dũng",
            "Trần Thu Hà", "Võ Văn Em", "Hoàng Gia Huy", "Bùi Thị Lan", "Đặng Quốc Khánh", "Mai Anh Tuấn");

    @Autowired
    TokenService tokens;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    TokenKey key;
    @Autowired
    DSLContext db;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    vn.tinnhiem.count.DeskCounts deskCounts;

    private static void refusedWith(Runnable call, String key) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(UserFacingException.class,
                e -> assertThat(e.key()).isEqualTo(key));
    }

    private List<String> printedCodes(ElectionId electionId, int spares) {
        return CardsInPdf.printedCodes(tokens.print(electionId, spares).pdf());
    }

    @Test
    void the_pdf_holds_one_card_per_voter_plus_spares_whose_qr_codes_and_typed_codes_are_printed_cards() {
        var conference = DeskConferences.ready(elections, accounts, ROLL);
        PrintedCards cards = tokens.print(conference.id(), 1);

        assertThat(cards.count()).isEqualTo(11);
        var read = Pdfs.read(cards.pdf());
        assertThat(read.pages()).isEqualTo(2);
        assertThat(read.allFontsEmbedded()).isTrue();
        assertThat(read.text().replaceAll("\\s+", " ")).contains(conference.title(), "THẺ BỎ PHIẾU", "Mỗi phiếu chỉ dùng một lần",
                "Đưa thẻ cho Ban Kiểm phiếu kích hoạt trước khi bỏ phiếu.");
        List<String> qr = new ArrayList<>(CardsInPdf.qrTexts(cards.pdf(), 0));
        qr.addAll(CardsInPdf.qrTexts(cards.pdf(), 1));
        List<String> typed = CardsInPdf.printedCodes(cards.pdf());
        assertThat(qr).hasSize(11).allMatch(t -> t.startsWith("TN1V:")).doesNotHaveDuplicates();
        assertThat(typed).hasSize(11).doesNotHaveDuplicates();
        for (int i = 0; i < 11; i++) {
            // The QR code and the code beneath it are the same card.
            assertThat(TokenCode.parse(qr.get(i)).orElseThrow()).isEqualTo(TokenCode.parse(typed.get(i)).orElseThrow());
            assertThat(tokens.check(conference.id(), qr.get(i))).isEqualTo(CardCheck.PRINTED);
            assertThat(tokens.check(conference.id(), typed.get(i))).isEqualTo(CardCheck.PRINTED);
        }
        assertThat(tokens.counts(conference.id())).isEqualTo(new CardCounts(11, 0, 0, 0));
        Pdfs.renderPage(cards.pdf(), 0, java.nio.file.Path.of("target", "screenshots", "voting-cards-page1.png"));

        // The cards come in the order they were drawn, not in the order of anything stored (the hash).
        List<String> hashes = typed.stream().map(c -> HexFormat.of().formatHex(
                key.hash(TokenCode.parse(c).orElseThrow()))).toList();
        List<String> sorted = new ArrayList<>(hashes);
        Collections.sort(sorted);
        assertThat(hashes).isNotEqualTo(sorted);
    }

    @Test
    void a_later_batch_prints_only_new_spares_and_never_an_old_card_again() {
        var conference = DeskConferences.ready(elections, accounts, ROLL);
        List<String> first = printedCodes(conference.id(), 0);
        assertThat(first).hasSize(10);
        refusedWith(() -> tokens.print(conference.id(), 0), "cards.error.spares");
        refusedWith(() -> tokens.print(conference.id(), 101), "cards.error.spares");
        List<String> more = printedCodes(conference.id(), 3);
        assertThat(more).hasSize(3).doesNotContainAnyElementsOf(first);
        assertThat(tokens.counts(conference.id()).total()).isEqualTo(13);
        assertThat(TokenService.defaultSpares(10)).isEqualTo(1);
        assertThat(TokenService.defaultSpares(120)).isEqualTo(6);
        assertThat(TokenService.defaultSpares(0)).isZero();
        assertThat(TokenService.defaultSpares(5000)).isEqualTo(100);

        // Each batch is one audit entry with its count; no entry holds a card's code or hash.
        var entries = db.selectFrom(AUDIT_ENTRY).where(AUDIT_ENTRY.SUBJECT.eq("election:" + conference.id()))
                .and(AUDIT_ENTRY.ACTION.eq("token.print")).fetch(AUDIT_ENTRY.DETAILS);
        assertThat(entries).containsExactly("~1 count=10", "~1 count=3");
    }

    @Test
    void cards_are_printed_only_by_the_organiser_and_only_once_the_lists_are_fixed() {
        var conference = DeskConferences.ready(elections, accounts, ROLL);
        try (var teller = Acting.as(conference.teller(), "TELLER")) {
            assertThatThrownBy(() -> tokens.print(conference.id(), 1))
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        }
        elections.lifecycle().moveTo(conference.id(), ElectionStatus.DRAFT);
        refusedWith(() -> tokens.print(conference.id(), 1), "cards.error.status");
        assertThat(tokens.counts(conference.id()).total()).isZero();
    }

    @Test
    void a_token_is_stored_only_as_its_keyed_hash_under_a_key_file_only_the_owner_reads() throws Exception {
        var conference = DeskConferences.ready(elections, accounts, ROLL);
        List<String> codes = printedCodes(conference.id(), 2);
        byte[] keyBytes = Files.readAllBytes(key.path());
        assertThat(keyBytes).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.path()))).isEqualTo("rw-------");

        // Every byte of every voter-side token table, as one string of hex and one of raw bytes.
        var dump = new StringBuilder();
        var raw = new java.io.ByteArrayOutputStream();
        for (String table : db.fetch("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND table_name LIKE 'token%'").getValues(0, String.class)) {
            for (var row : db.fetch("SELECT * FROM " + table)) {
                for (Object value : row.intoArray()) {
                    byte[] bytes = value instanceof byte[] b ? b : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
                    raw.write(bytes);
                    dump.append(HexFormat.of().formatHex(bytes));
                }
            }
        }
        // And what the server wrote to disk: the table's file, the shared tablespace and the redo log.
        String dataDir = db.fetchSingle("SELECT @@datadir").get(0, String.class);
        String schema = db.fetchSingle("SELECT DATABASE()").get(0, String.class);
        var disk = new java.io.ByteArrayOutputStream();
        for (var file : List.of(java.nio.file.Path.of(dataDir, schema, "token.ibd"), java.nio.file.Path.of(dataDir, "ibdata1"),
                java.nio.file.Path.of(dataDir, "ib_logfile0"))) {
            if (Files.exists(file)) {
                disk.write(Files.readAllBytes(file));
            }
        }
        String fileText = disk.toString(StandardCharsets.ISO_8859_1);
        int hashesOnDisk = 0;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
        for (String code : codes) {
            byte[] token = TokenCode.parse(code).orElseThrow();
            String tokenHex = HexFormat.of().formatHex(token);
            assertThat(dump.toString()).doesNotContain(tokenHex).doesNotContain(HexFormat.of().formatHex(
                    code.getBytes(StandardCharsets.US_ASCII)));
            assertThat(new String(raw.toByteArray(), StandardCharsets.ISO_8859_1))
                    .doesNotContain(new String(token, StandardCharsets.ISO_8859_1))
                    .doesNotContain(code).doesNotContain(code.replace("-", ""));
            // The stored hash is HMAC-SHA-256 under the file's key, not a plain hash anyone could recompute.
            mac.update("TinNhiem voting card v1".getBytes(StandardCharsets.US_ASCII));
            String keyed = HexFormat.of().formatHex(mac.doFinal(token));
            String plain = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(token));
            assertThat(dump.toString()).contains(keyed).doesNotContain(plain);
            for (String clear : List.of(new String(token, StandardCharsets.ISO_8859_1), code, code.replace("-", "").substring(2))) {
                assertThat(fileText.contains(clear)).as("a card's token in clear in the server's files").isFalse();
            }
            if (fileText.contains(new String(HexFormat.of().parseHex(keyed), StandardCharsets.ISO_8859_1))) {
                hashesOnDisk++;
            }
        }
        // Not even the keyed hashes are in the files: the data at rest is encrypted (before issue 16 this scan
        // found them all; FolderCopyAttackIntegrationTests shows the same scan finds them in clear bytes).
        assertThat(hashesOnDisk).as("cards' keyed hashes readable in the server's files").isZero();
    }

    @Test
    void a_teller_of_the_board_activates_a_card_while_the_polls_are_open_and_a_teller_of_another_board_cannot() {
        var a = DeskConferences.ready(elections, accounts, ROLL);
        var b = DeskConferences.open(elections, accounts, ROLL);
        List<String> codes = printedCodes(a.id(), 2);
        try (var teller = Acting.as(a.teller(), "TELLER")) {
            refusedWith(() -> tokens.activate(a.id(), codes.get(0)), "election.error.notOpen");
            elections.milestones().recordKeyMade(a.id(), DeskConferences.MANIFEST_HASH);
            elections.lifecycle().moveTo(a.id(), ElectionStatus.OPEN);
        }
        try (var other = Acting.as(b.teller(), "TELLER")) {
            refusedWith(() -> tokens.activate(a.id(), codes.get(0)), "desk.error.notOnBoard");
            refusedWith(() -> tokens.voidCard(a.id(), codes.get(0)), "desk.error.notOnBoard");
        }
        assertThat(tokens.check(a.id(), codes.get(0))).isEqualTo(CardCheck.PRINTED);
        assertThatThrownBy(() -> tokens.activate(a.id(), codes.get(0)))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThat(db.selectFrom(AUDIT_ENTRY).where(AUDIT_ENTRY.SUBJECT.eq("election:" + a.id()))
                .and(AUDIT_ENTRY.ACTION.eq("token.refused")).and(AUDIT_ENTRY.ACTOR.eq(b.teller())).fetch()).hasSize(2);

        try (var teller = Acting.as(a.teller(), "TELLER")) {
            tokens.activate(a.id(), codes.get(0).toLowerCase().replace("-", " "));
            assertThat(tokens.check(a.id(), codes.get(0))).isEqualTo(CardCheck.ACTIVATED);
            refusedWith(() -> tokens.activate(a.id(), codes.get(0)), "desk.error.alreadyActivated");
            refusedWith(() -> tokens.activate(a.id(), "TN-0000-0000-0000-0000-0000-0000-000"), "desk.error.unknown");
            refusedWith(() -> tokens.activate(a.id(), "hello"), "desk.error.unknown");
            // A lost card is voided, and a replacement activated.
            tokens.voidCard(a.id(), codes.get(0));
            refusedWith(() -> tokens.activate(a.id(), codes.get(0)), "desk.error.void");
            refusedWith(() -> tokens.voidCard(a.id(), codes.get(0)), "desk.error.void");
            tokens.activate(a.id(), codes.get(1));
        }
        assertThat(tokens.counts(a.id())).isEqualTo(new CardCounts(10, 1, 0, 1));
        // The card of conference A at the desk of conference B.
        try (var other = Acting.as(b.teller(), "TELLER")) {
            refusedWith(() -> tokens.activate(b.id(), codes.get(2)), "desk.error.otherConference");
        }
    }

    @Test
    void a_cast_spends_only_an_activated_card_of_its_own_conference_and_says_why_otherwise() {
        var a = DeskConferences.open(elections, accounts, ROLL);
        var b = DeskConferences.open(elections, accounts, ROLL);
        List<String> codes = printedCodes(a.id(), 2);
        String activated = codes.get(0);
        String printedOnly = codes.get(1);
        String voided = codes.get(2);
        try (var teller = Acting.as(a.teller(), "TELLER")) {
            tokens.activate(a.id(), activated);
            tokens.activate(a.id(), voided);
            tokens.voidCard(a.id(), voided);
        }
        assertThat(cast(a.id(), printedOnly)).isEqualTo(SpendResult.NOT_ACTIVATED);
        assertThat(tokens.check(a.id(), printedOnly)).isEqualTo(CardCheck.PRINTED);
        assertThat(cast(a.id(), voided)).isEqualTo(SpendResult.VOID);
        assertThat(cast(b.id(), activated)).isEqualTo(SpendResult.OTHER_CONFERENCE);
        assertThat(tokens.check(b.id(), activated)).isEqualTo(CardCheck.OTHER_CONFERENCE);
        assertThat(cast(a.id(), "TN1S:" + activated.replace("TN-", "").replace("-", ""))).isEqualTo(SpendResult.UNKNOWN);
        String typo = activated.substring(0, 5) + (activated.charAt(5) == '7' ? '8' : '7') + activated.substring(6);
        assertThat(cast(a.id(), typo)).isEqualTo(SpendResult.UNKNOWN);
        assertThat(tokens.check(a.id(), activated)).isEqualTo(CardCheck.ACTIVATED);

        assertThat(cast(a.id(), activated.replace('0', 'O'))).isEqualTo(SpendResult.SPENT);
        assertThat(cast(a.id(), activated)).isEqualTo(SpendResult.ALREADY_SPENT);
        assertThat(tokens.check(a.id(), activated)).isEqualTo(CardCheck.SPENT);
        try (var teller = Acting.as(a.teller(), "TELLER")) {
            refusedWith(() -> tokens.activate(a.id(), activated), "desk.error.spent");
            refusedWith(() -> tokens.voidCard(a.id(), activated), "desk.error.spent");
        }
        // Only inside a transaction (the seam's); never on its own.
        assertThatThrownBy(() -> tokens.spendInCast(a.id(), printedOnly)).isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void eight_casts_racing_for_one_card_spend_it_exactly_once() throws Exception {
        var conference = DeskConferences.open(elections, accounts, ROLL);
        List<String> codes = printedCodes(conference.id(), 1);
        try (var teller = Acting.as(conference.teller(), "TELLER")) {
            tokens.activate(conference.id(), codes.get(3));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        var tx = new TransactionTemplate(transactions);
        try {
            List<Future<SpendResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return tx.execute(s -> elections.openPolls().whileOpen(conference.id(),
                            () -> tokens.spendInCast(conference.id(), codes.get(3))));
                }));
            }
            start.countDown();
            List<SpendResult> got = new ArrayList<>();
            for (var f : results) {
                got.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(got).filteredOn(SpendResult::spent).hasSize(1);
            assertThat(got).filteredOn(r -> !r.spent()).hasSize(threads - 1).allMatch(r -> r == SpendResult.ALREADY_SPENT);
        } finally {
            pool.shutdownNow();
        }
        assertThat(tokens.counts(conference.id())).isEqualTo(new CardCounts(10, 0, 1, 0));
    }

    @Test
    void the_audit_log_holds_no_card_and_no_entry_per_voter_activation_or_spend_only_the_desk_counts() {
        var conference = DeskConferences.open(elections, accounts, ROLL);
        List<String> codes = printedCodes(conference.id(), 1);
        var voterId = elections.voterRoll().voters(conference.id()).getFirst().id();
        try (var teller = Acting.as(conference.teller(), "TELLER")) {
            elections.deskPresence().markPresent(conference.id(), voterId, true);
            tokens.activate(conference.id(), codes.get(0));
            tokens.activate(conference.id(), codes.get(1));
            tokens.voidCard(conference.id(), codes.get(1));
            tokens.activate(conference.id(), codes.get(2));
        }
        cast(conference.id(), codes.get(0));
        // The desk's counts reach the chain as one entry of counts at an interval, never per voter or per card.
        deskCounts.anchorOpenConferences();
        deskCounts.anchorOpenConferences();
        var entries = db.selectFrom(AUDIT_ENTRY).where(AUDIT_ENTRY.SUBJECT.eq("election:" + conference.id())).fetch();
        List<String> actions = entries.map(e -> e.getAction());
        assertThat(actions).contains("token.print", "token.void", "desk.counts").noneMatch(a -> a.contains("activat")
                || a.contains("spen") || a.contains("cast") || a.startsWith("voter.present") || a.equals("voter.absent"));
        assertThat(entries.map(e -> e.getAction() + " " + e.getDetails()))
                .contains("token.void ~1 count=1", "desk.counts ~1 present=1 activated=2 spent=1 voided=1")
                .noneMatch(d -> d.contains("voter=" + voterId));
        assertThat(actions).as("counts unchanged since the first anchor: no second one").filteredOn("desk.counts"::equals)
                .hasSize(1);
        for (String code : codes) {
            byte[] token = TokenCode.parse(code).orElseThrow();
            String hash = HexFormat.of().formatHex(key.hash(token));
            assertThat(entries.map(e -> e.getDetails())).noneMatch(d -> d.contains(code) || d.contains(code.replace("-", ""))
                    || d.contains(hash) || d.contains(HexFormat.of().formatHex(token)));
        }
    }

    private SpendResult cast(ElectionId electionId, String text) {
        return new TransactionTemplate(transactions).execute(s -> elections.openPolls().whileOpen(electionId,
                () -> tokens.spendInCast(electionId, text)));
    }
}
