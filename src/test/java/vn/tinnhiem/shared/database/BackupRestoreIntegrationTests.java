package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.BALLOT;
import static vn.tinnhiem.db.Tables.TOKEN;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.audit.AnchorFinding;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.audit.ChainCheck;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.count.CountConferences;
import vn.tinnhiem.count.PollsClose;
import vn.tinnhiem.count.BoxCheck;
import vn.tinnhiem.count.TotalsUnsealing;
import vn.tinnhiem.count.CountResults;
import vn.tinnhiem.count.ElectionRecordExport;
import vn.tinnhiem.count.EncryptedTotalsFile;
import vn.tinnhiem.shared.files.FileResult;
import vn.tinnhiem.count.PartialDecryptionFile;
import vn.tinnhiem.count.ResultTable;
import vn.tinnhiem.count.ShareOutcome;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.OtherInstance;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.FolderCopyAttack;
import vn.tinnhiem.voting.FolderCopyAttack.Kind;
import vn.tinnhiem.voting.FolderCopyAttack.Needle;
import vn.tinnhiem.voting.VotingService;

/**
 * Issue 19, part 5: the hall backs up after the close, the disk dies, and the conference is restored onto a
 * fresh data folder with the keys folder and the anchors kept apart. A second application on the restored
 * folder counts it to the same results and the same election record, byte for byte, as the original (both
 * take the same partial decryption files, made once on the "offline laptop", since a card's partial
 * decryption carries fresh proof nonces). The backup and the restored folder hold no voter name, card code,
 * card hash, tracking code or ballot id in clear; a folder that is not a backup, a missing or wrong key and a
 * non-empty target are refused with nothing written.
 */
@IntegrationTest
@Tag("embedded-server")
@WithMockUser(username = "organiser", roles = "ADMIN")
class BackupRestoreIntegrationTests {

    @Autowired
    EmbeddedMariaDb server;
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
    PollsClose pollsClose;
    @Autowired
    BoxCheck boxCheck;
    @Autowired
    TotalsUnsealing totalsUnsealing;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    AuditLog audit;
    @Autowired
    DSLContext db;
    @Value("${tinnhiem.keys.dir}")
    Path keysDir;
    /** The test's anchor file is named with ${random.uuid}: only the audit log knows which one it writes. */
    Path anchorFile;

    @Test
    void a_closed_conference_restored_onto_a_fresh_folder_counts_to_the_same_results_and_record() throws Exception {
        var conf = new CountConferences(elections, accounts, ceremonies, tokens, voting)
                .cast(3, 12, 11, 10, 2, (v, c) -> (v + c) % 4 == 3 ? -1 : (v + c) % 3);
        String teller = conf.tellers().get(2);
        anchorFile = Path.of(audit.verifyChain().anchorFilePath());
        try (var board = Acting.as(teller, "TELLER")) {
            pollsClose.close(conf.id());
        }
        Path work = server.dataDir().resolveSibling("backup-test-" + System.nanoTime()).toAbsolutePath();
        Path backup = work.resolve("backup");
        Path keysCopy = work.resolve("keys-stick");
        Path anchorsCopy = work.resolve("anchors-stick");
        try {
            Run made = command("backup", "--to", backup, "--keys-to", keysCopy, "--anchors-to", anchorsCopy,
                    "--data-dir", server.dataDir(), "--keys-dir", keysDir, "--anchor-file", anchorFile);
            assertThat(made.exit()).as(made.toString()).isZero();
            assertThat(made.out()).contains("Đã sao lưu cơ sở dữ liệu vào " + backup, "Đã chép thư mục khóa vào " + keysCopy);
            assertThat(backup.resolve("database")).isDirectory();
            assertThat(backup.resolve("credentials.cnf")).isRegularFile();
            assertThat(Files.list(backup).map(p -> p.getFileName().toString()).toList())
                    .as("no key travels with the database").doesNotContain("database.key", "token-hash.key", "keys");
            assertThat(keysCopy.resolve("database.key")).hasSameBinaryContentAs(keysDir.resolve("database.key"));
            assertThat(keysCopy.resolve("token-hash.key")).hasSameBinaryContentAs(keysDir.resolve("token-hash.key"));
            assertThat(anchorsCopy.resolve(anchorFile.getFileName())).isRegularFile();

            List<Needle> needles = needles(conf);
            assertNothingReadable(backup, needles);

            // The original is counted after the backup; its record is what the restored copy must reproduce.
            List<byte[]> partials = offlinePartials(conf);
            Counted original = count(context, conf, teller, partials);
            refusals(backup, keysCopy, work);

            Path restored = work.resolve("restored");
            Path restoredAnchors = work.resolve("restored-anchors.txt");
            Run back = command("restore", "--from", backup, "--data-dir", restored, "--keys-dir", keysCopy,
                    "--anchors-from", anchorsCopy, "--anchor-file", restoredAnchors);
            assertThat(back.exit()).as(back.toString()).isZero();
            assertThat(back.out()).contains("Đã khôi phục bản sao lưu " + backup + " vào " + restored);
            assertThat(Files.readString(restoredAnchors)).isEqualTo(Files.readString(
                    anchorsCopy.resolve(anchorFile.getFileName())));
            assertNothingReadable(restored, needles);

            try (ConfigurableApplicationContext second = OtherInstance.start(new String[] {
                    "--tinnhiem.db.data-dir=" + restored, "--tinnhiem.keys.dir=" + keysCopy,
                    "--tinnhiem.audit.anchor-file=" + restoredAnchors});
                    var staffThere = OtherInstance.signInsReach(second)) {
                assertThat(second.getBean(EmbeddedMariaDb.class).dataDir()).isEqualTo(restored);
                var elections2 = ElectionServices.of(second);
                var audit2 = second.getBean(AuditLog.class);
                try (var organiser = Acting.as("organiser", "ADMIN")) {
                    assertThat(elections2.elections().find(conf.id()).orElseThrow().status()).isEqualTo(ElectionStatus.CLOSED);
                    ChainCheck check = audit2.verifyChain();
                    assertThat(check.isIntact()).as("the restored log against the anchors kept with it: " + check)
                            .isTrue();
                    // Put back next to the anchors the original wrote since (its count), the copy is found out.
                    Files.copy(anchorFile, restoredAnchors, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    ChainCheck older = audit2.verifyChain();
                    assertThat(older.findings()).extracting(AnchorFinding::kind)
                            .containsAnyOf(AnchorFinding.Kind.MISSING_ENTRIES, AnchorFinding.Kind.OLDER_COPY);
                    Files.copy(anchorsCopy.resolve(anchorFile.getFileName()), restoredAnchors,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Counted again = count(second, conf, teller, partials);
                assertThat(again.table()).isEqualTo(original.table());
                assertThat(again.recordHash()).isEqualTo(original.recordHash());
                assertThat(again.record()).isEqualTo(original.record());
            }
            assertThat(original.table().rows().getFirst().levels().stream().mapToInt(Integer::intValue).sum())
                    .isPositive();
        } finally {
            FolderCopyAttack.delete(work);
        }
    }

    record Run(int exit, String out, String err) {
    }

    record Counted(ResultTable table, String recordHash, byte[] record) {
    }

    private static Run command(Object... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        String[] text = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        int exit = BackupCommand.run(text, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Bad input is refused in the operator's language, and nothing is written anywhere. */
    private void refusals(Path backup, Path keys, Path work) throws Exception {
        Path target = work.resolve("refused");
        Run notABackup = command("restore", "--from", keys, "--data-dir", target, "--keys-dir", keys);
        assertThat(notABackup.exit()).isEqualTo(BackupCommand.REFUSED);
        assertThat(notABackup.err()).contains(keys + " không phải bản sao lưu do lệnh backup tạo ra");

        Path noKeys = Files.createDirectories(work.resolve("no-keys"));
        Run missing = command("restore", "--from", backup, "--data-dir", target, "--keys-dir", noKeys, "--lang", "en");
        assertThat(missing.exit()).isEqualTo(BackupCommand.REFUSED);
        assertThat(missing.err()).contains("The database key " + noKeys.resolve("database.key") + " was not found");

        Path otherKeys = Files.createDirectories(work.resolve("other-keys"));
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Files.writeString(otherKeys.resolve("database.key"), "1;" + HexFormat.of().formatHex(random) + "\n");
        Run wrong = command("restore", "--from", backup, "--data-dir", target, "--keys-dir", otherKeys);
        assertThat(wrong.exit()).isEqualTo(BackupCommand.REFUSED);
        assertThat(wrong.err()).contains("không phải khóa của bản sao lưu này");

        Path occupied = Files.createDirectories(work.resolve("occupied"));
        Files.writeString(occupied.resolve("keep.txt"), "giữ nguyên");
        Run notEmpty = command("restore", "--from", backup, "--data-dir", occupied, "--keys-dir", keys, "--lang", "en");
        assertThat(notEmpty.exit()).isEqualTo(BackupCommand.REFUSED);
        assertThat(notEmpty.err()).contains("The folder " + occupied + " is not empty");
        assertThat(Files.list(occupied).toList()).containsExactly(occupied.resolve("keep.txt"));
        Run backupOver = command("backup", "--to", occupied, "--data-dir", server.dataDir(), "--keys-dir", keysDir);
        assertThat(backupOver.exit()).isEqualTo(BackupCommand.REFUSED);
        assertThat(Files.readString(occupied.resolve("keep.txt"))).isEqualTo("giữ nguyên");

        Run keysInside = command("backup", "--to", work.resolve("b2"), "--keys-to", work.resolve("b2/keys"),
                "--data-dir", server.dataDir(), "--keys-dir", keysDir);
        assertThat(keysInside.exit()).isEqualTo(BackupCommand.REFUSED);
        assertThat(keysInside.err()).contains("phải được cất ở những nơi riêng biệt");
        assertThat(target).doesNotExist();
        assertThat(work.resolve("b2")).doesNotExist();
    }

    /** What the teller's offline laptop makes from the encrypted totals with seats 3 and 1: one file each. */
    private List<byte[]> offlinePartials(CountConferences.Cast conf) {
        try (var board = Acting.as(conf.tellers().get(2), "TELLER")) {
            boxCheck.checkBox(conf.id(), done -> {});
            Manifest manifest = ceremonies.manifest(conf.id()).orElseThrow();
            var totals = ((FileResult.Ok<EncryptedTotalsFile>) EncryptedTotalsFile.read(
                    totalsUnsealing.totalsFile(conf.id())))
                    .value();
            List<byte[]> files = new ArrayList<>();
            for (int seat : new int[] {3, 1}) {
                var share = ((ShareCards.Accepted) ShareCards.read(conf.cards().get(seat - 1), manifest, null)).share();
                var partial = Decryption.partial(ElectionContext.of(manifest), totals.tally(), share, new SecureRandom());
                share.destroy();
                files.add(PartialDecryptionFile.write(totals, partial));
            }
            return files;
        }
    }

    /** Counts with the count's services of {@code context}: this test's instance, or the restored copy. */
    private static Counted count(org.springframework.context.ApplicationContext context, CountConferences.Cast conf,
            String teller, List<byte[]> partials) throws Exception {
        var boxCheck = context.getBean(BoxCheck.class);
        var totalsUnsealing = context.getBean(TotalsUnsealing.class);
        var recordExport = context.getBean(ElectionRecordExport.class);
        var countResults = context.getBean(CountResults.class);
        try (var board = Acting.as(teller, "TELLER")) {
            if (boxCheck.boxVerdict(conf.id()).isEmpty()) {
                boxCheck.checkBox(conf.id(), done -> {});
            }
            for (byte[] file : partials) {
                assertThat(totalsUnsealing.importPartial(conf.id(), file)).isInstanceOf(ShareOutcome.Accepted.class);
            }
            var out = new ByteArrayOutputStream();
            recordExport.writeRecord(conf.id(), out);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
            assertThat(countResults.summary(conf.id()).orElseThrow().fingerprints().recordHash()).isEqualTo(hash);
            return new Counted(countResults.results(conf.id()).orElseThrow(), hash, out.toByteArray());
        }
    }

    /** Every voter's name, every card's code and keyed hash, every ballot's tracking code and id. */
    private List<Needle> needles(CountConferences.Cast conf) {
        List<Needle> needles = new ArrayList<>();
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            var roll = elections.voterRoll().voters(conf.id());
            for (int i = 0; i < roll.size(); i++) {
                needles.add(new Needle(Kind.VOTER, i, roll.get(i).fullName().getBytes(StandardCharsets.UTF_8)));
            }
        }
        List<String> cards = new ArrayList<>(conf.spent());
        cards.addAll(conf.unused());
        for (int i = 0; i < cards.size(); i++) {
            needles.add(new Needle(Kind.CARD, i, cards.get(i).getBytes(StandardCharsets.US_ASCII)));
        }
        List<byte[]> hashes = db.select(TOKEN.TOKEN_HASH).from(TOKEN).where(TOKEN.ELECTION_ID.eq(conf.id().value()))
                .fetch(TOKEN.TOKEN_HASH);
        for (int i = 0; i < hashes.size(); i++) {
            needles.add(new Needle(Kind.CARD, i, hashes.get(i)));
        }
        var ballots = db.select(BALLOT.ID, BALLOT.TRACKING_CODE).from(BALLOT).where(BALLOT.ELECTION_ID.eq(conf.id().value()))
                .fetch();
        for (int i = 0; i < ballots.size(); i++) {
            needles.add(new Needle(Kind.BALLOT, i, ballots.get(i).value1()));
            needles.add(new Needle(Kind.BALLOT, i, ballots.get(i).value2().getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(hashes).hasSizeGreaterThanOrEqualTo(12);
        assertThat(ballots).hasSize(10);
        return needles;
    }

    private static void assertNothingReadable(Path folder, List<Needle> needles) throws Exception {
        var result = FolderCopyAttack.attack(folder, needles);
        System.out.printf("BACKUP SECRECY %s: %.1f MB searched, %d patterns, found %s%n", folder.getFileName(),
                result.bytesSearched() / 1e6, needles.size(), result.found());
        assertThat(result.bytesSearched()).as("the folder holds the server's files").isGreaterThan(10_000_000L);
        assertThat(result.found()).as("patterns readable in " + folder + ": " + result.where()).isEmpty();
    }
}
