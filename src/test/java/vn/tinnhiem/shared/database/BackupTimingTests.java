package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.BALLOT;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.count.CountConferences;
import vn.tinnhiem.count.PollsClose;
import vn.tinnhiem.count.FullBox;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.OtherInstance;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.FolderCopyAttack;
import vn.tinnhiem.voting.VotingService;

/**
 * How long the backup and the restore of a 10,000-ballot conference take (13 candidates, closed), through the
 * commands an operator runs, on the embedded server: the backup while the application runs, the restore onto a
 * fresh folder, and a second application's start on the restored folder until it answers with the 10,000
 * ballots. Ballots are sealed in parallel and stored directly (untimed). Prints figures for docs/performance.md;
 * not a timed test (tagged benchmark: run it with -Dsurefire.excludedGroups= and -Dtest=BackupTimingTests).
 */
@IntegrationTest
@Tag("benchmark")
@Tag("embedded-server")
@WithMockUser(username = "organiser", roles = "ADMIN")
class BackupTimingTests {

    private static final int BALLOTS = 10_000;
    private static final int CANDIDATES = 13;

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
    AuditLog audit;
    @Autowired
    DSLContext db;
    @Value("${tinnhiem.keys.dir}")
    Path keysDir;

    @Test
    void backup_and_restore_of_a_closed_conference_of_ten_thousand_ballots() throws Exception {
        var conf = new CountConferences(elections, accounts, ceremonies, tokens, voting)
                .cast(CANDIDATES, 3, 3, 0, 0, (v, c) -> 0);
        ElectionContext ctx;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            ctx = ElectionContext.of(ceremonies.manifest(conf.id()).orElseThrow());
        }
        FullBox.fill(db, conf.id().value(), ctx, BALLOTS, CANDIDATES);
        try (var board = Acting.as(conf.tellers().getFirst(), "TELLER")) {
            pollsClose.close(conf.id());
        }
        Path anchorFile = Path.of(audit.verifyChain().anchorFilePath());
        Path work = server.dataDir().resolveSibling("backup-timing-" + System.nanoTime()).toAbsolutePath();
        try {
            long t0 = System.nanoTime();
            run("backup", "--to", work.resolve("backup"), "--keys-to", work.resolve("keys"), "--anchors-to",
                    work.resolve("anchors"), "--data-dir", server.dataDir(), "--keys-dir", keysDir, "--anchor-file",
                    anchorFile);
            double backup = seconds(t0);
            long size = BackupFolders.size(work.resolve("backup"));
            t0 = System.nanoTime();
            run("restore", "--from", work.resolve("backup"), "--data-dir", work.resolve("restored"), "--keys-dir",
                    work.resolve("keys"), "--anchors-from", work.resolve("anchors"), "--anchor-file",
                    work.resolve("restored-anchors.txt"));
            double restore = seconds(t0);
            t0 = System.nanoTime();
            int stored;
            try (var second = OtherInstance.start(new String[] {
                    "--tinnhiem.db.data-dir=" + work.resolve("restored"), "--tinnhiem.keys.dir=" + work.resolve("keys"),
                    "--tinnhiem.audit.anchor-file=" + work.resolve("restored-anchors.txt")})) {
                stored = second.getBean(DSLContext.class).fetchCount(BALLOT, BALLOT.ELECTION_ID.eq(conf.id().value()));
            }
            double start = seconds(t0);
            assertThat(stored).isEqualTo(BALLOTS);
            System.out.printf(Locale.ROOT, "BACKUP %d ballots x %d candidates: backup %.1f s (%.0f MB), restore %.1f s, "
                    + "restored application started and read the box in %.1f s; backup + restore %.1f s%n", BALLOTS,
                    CANDIDATES, backup, size / 1e6, restore, start, backup + restore);
        } finally {
            FolderCopyAttack.delete(work);
        }
    }

    private static void run(Object... args) {
        var out = new ByteArrayOutputStream();
        String[] text = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        int exit = BackupCommand.run(text, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        System.out.print(out.toString(StandardCharsets.UTF_8));
    }

    private static double seconds(long from) {
        return (System.nanoTime() - from) / 1e9;
    }
}
