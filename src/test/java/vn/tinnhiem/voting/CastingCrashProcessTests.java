package vn.tinnhiem.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.BALLOT;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.util.AopTestUtils;

import com.zaxxer.hikari.HikariDataSource;


import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.BallotVerifier;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.shared.database.EmbeddedMariaDb;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.CardCheck;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.token.internal.TokenKey;

/**
 * Part 8 of issue 8, against a real server process: the application runs in a process of its own
 * ({@link CastingProcess}, the real context on this test's MariaDB), casting a burst of ballots; it is killed
 * with SIGKILL in the middle and started again. Every ballot it had shown as recorded is stored, no card is
 * spent without its ballot nor a ballot stored without a spent card, and the cards in flight that did not make
 * it are still usable and are cast by the restarted process.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class CastingCrashProcessTests {

    private static final int CARDS = 160;

    @Autowired
    ElectionService elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    TokenKey tokenKey;
    @Autowired
    DataSource dataSource;
    @Autowired
    DSLContext db;
    @Autowired
    VotingService voting;
    @Autowired
    EmbeddedMariaDb embedded;

    @TempDir
    Path dir;

    /** What one run of the process showed: card to tracking code for each cast shown as recorded. */
    record Shown(Map<String, String> recorded, List<String> refused, boolean done) {
    }

    @Test
    void killing_the_server_in_a_burst_loses_no_recorded_ballot_and_leaves_no_card_spent_without_its_ballot()
            throws Exception {
        VotingConferences.Open conf = new VotingConferences(elections, accounts, ceremonies, tokens)
                .open(13, BallotKind.THREE_LEVEL, CARDS, 0);
        Path cardsFile = dir.resolve("cards.txt");
        Files.write(cardsFile, conf.activated(), StandardCharsets.UTF_8);

        Shown first = castInProcess(conf.id(), cardsFile, 30);
        assertThat(first.done()).as("killed in the middle of the burst").isFalse();
        assertThat(first.recorded()).hasSizeGreaterThanOrEqualTo(30).hasSizeLessThan(CARDS);
        assertThat(first.refused()).isEmpty();

        Set<String> stored = new HashSet<>(db.select(BALLOT.TRACKING_CODE).from(BALLOT)
                .where(BALLOT.ELECTION_ID.eq(conf.id())).fetch(BALLOT.TRACKING_CODE));
        assertThat(stored).as("every ballot shown as recorded is stored").containsAll(first.recorded().values());
        assertThat(tokens.counts(conf.id()).spent()).as("spent cards == stored ballots").isEqualTo(stored.size());
        List<String> again = new ArrayList<>();
        int spentUnshown = 0;
        for (String card : conf.activated()) {
            CardCheck state = tokens.check(conf.id(), card);
            if (first.recorded().containsKey(card)) {
                assertThat(state).isEqualTo(CardCheck.SPENT);
            } else if (state == CardCheck.ACTIVATED) {
                again.add(card);
            } else {
                // Committed in the instant before the kill, its answer never shown: stored, and counted.
                assertThat(state).isEqualTo(CardCheck.SPENT);
                spentUnshown++;
            }
        }
        assertThat(stored).hasSize(first.recorded().size() + spentUnshown);
        assertThat(again).as("the cards in flight are still usable").isNotEmpty();

        Path rest = dir.resolve("again.txt");
        Files.write(rest, again, StandardCharsets.UTF_8);
        Shown second = castInProcess(conf.id(), rest, -1);
        assertThat(second.done()).isTrue();
        assertThat(second.refused()).isEmpty();
        assertThat(second.recorded().keySet()).containsExactlyInAnyOrderElementsOf(again);

        List<SealedBallot> all = db.select(BALLOT.SEALED).from(BALLOT).where(BALLOT.ELECTION_ID.eq(conf.id()))
                .fetch(r -> SealedBallot.of(r.value1()));
        assertThat(all).hasSize(CARDS);
        assertThat(tokens.counts(conf.id()).spent()).isEqualTo(CARDS);
        assertThat(tokens.counts(conf.id()).activated()).isZero();
        BallotVerifier.BatchResult check = new BallotVerifier(
                ElectionContext.of(ceremonies.openManifest(conf.id()).orElseThrow()), new SecureRandom())
                .verifyAll(all, false);
        assertThat(check.allOk()).isTrue();
        assertThat(check.copies()).isEmpty();
        assertThat(all).extracting(SealedBallot::trackingCode)
                .containsAll(first.recorded().values()).containsAll(second.recorded().values());
        System.out.printf("CRASH shown before the kill=%d, committed but not shown=%d, cast again after restart=%d%n",
                first.recorded().size(), spentUnshown, again.size());
    }

    /**
     * The database stopped and started again while 8 kiosks cast: each cast is recorded or answers "try
     * again", and after the voters whose cast said "try again" cast again, every card is spent exactly once,
     * with exactly one ballot each.
     */
    @Test
    void restarting_the_database_under_load_gives_recorded_or_try_again_and_loses_or_doubles_nothing()
            throws Exception {
        int cards = 120;
        VotingConferences.Open conf = new VotingConferences(elections, accounts, ceremonies, tokens)
                .open(13, BallotKind.THREE_LEVEL, cards, 0);
        BallotForm form = voting.form(conf.id()).orElseThrow();
        java.util.concurrent.ConcurrentLinkedQueue<String> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(
                conf.activated());
        Map<String, CastOutcome> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.CountDownLatch someIn = new java.util.concurrent.CountDownLatch(20);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> kiosks = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            String kiosk = "kiosk-restart-" + k;
            int pattern = k;
            kiosks.add(pool.submit(() -> {
                String card;
                while ((card = queue.poll()) != null) {
                    CastOutcome outcome = voting.cast(kiosk, conf.id(), card, VotingIntegrationTests.marks(form, pattern % 3));
                    outcomes.put(card, outcome);
                    someIn.countDown();
                    Thread.sleep(20);
                }
                return null;
            }));
        }
        assertThat(someIn.await(60, TimeUnit.SECONDS)).isTrue();
        restartDatabase();
        for (var k : kiosks) {
            k.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(outcomes).hasSize(cards);
        List<String> tryAgain = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        outcomes.forEach((card, outcome) -> {
            if (outcome instanceof CastOutcome.Recorded r) {
                shown.add(r.trackingCode());
            } else {
                assertThat(outcome).isEqualTo(new CastOutcome.Refused("voting.refuse.tryAgain"));
                tryAgain.add(card);
            }
        });
        int recordedFirst = shown.size();
        int alreadyUsed = 0;
        for (String card : tryAgain) {
            CastOutcome outcome = voting.cast("kiosk-restart-again", conf.id(), card, VotingIntegrationTests.marks(form, 0));
            if (outcome instanceof CastOutcome.Recorded r) {
                shown.add(r.trackingCode());
            } else {
                // Only where the commit went through and its answer was lost with the connection.
                assertThat(outcome).isEqualTo(new CastOutcome.Refused("voting.refuse.alreadyUsed"));
                alreadyUsed++;
            }
        }
        List<String> stored = db.select(BALLOT.TRACKING_CODE).from(BALLOT).where(BALLOT.ELECTION_ID.eq(conf.id()))
                .fetch(BALLOT.TRACKING_CODE);
        assertThat(stored).as("one ballot per card, none lost, none doubled").hasSize(cards).doesNotHaveDuplicates()
                .containsAll(shown);
        assertThat(tokens.counts(conf.id()).spent()).isEqualTo(cards);
        assertThat(shown.size() + alreadyUsed).isEqualTo(cards);
        System.out.printf("DB RESTART recorded=%d tryAgain=%d (then recorded=%d, alreadyUsed=%d)%n", recordedFirst,
                tryAgain.size(), tryAgain.size() - alreadyUsed, alreadyUsed);
    }

    /** Stops the embedded MariaDB (as its owner would) and starts it again on the same folder and port. */
    private void restartDatabase() {
        embedded.restart();
    }

    /**
     * Runs the application's process casting the cards; with {@code killAfter} >= 0, sends it SIGKILL once it
     * has shown that many ballots as recorded, then reads what it had already written.
     */
    private Shown castInProcess(long electionId, Path cards, int killAfter) throws Exception {
        HikariDataSource hikari = AopTestUtils.getUltimateTargetObject(dataSource);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dstdout.encoding=UTF-8");
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(childClassPath());
        command.add(CastingProcess.class.getName());
        command.add(Long.toString(electionId));
        command.add(cards.toString());
        command.add("8");
        command.add("--spring.datasource.url=" + hikari.getJdbcUrl());
        command.add("--spring.datasource.username=" + hikari.getUsername());
        command.add("--spring.datasource.password=" + hikari.getPassword());
        command.add("--tinnhiem.tokens.key-file=" + tokenKey.path());
        command.add("--tinnhiem.audit.anchor-file=" + dir.resolve("anchors.txt"));
        command.add("--tinnhiem.audit.anchor-cron=-");
        command.add("--tinnhiem.desk.counts-cron=-");
        command.add("--logging.level.root=WARN");
        command.add("--server.port=0");
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("process-" + System.nanoTime() + ".err").toFile())
                .start();
        Map<String, String> recorded = new HashMap<>();
        List<String> refused = new ArrayList<>();
        boolean done = false;
        List<String> other = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts[0].equals("RECORDED")) {
                    recorded.put(parts[1], parts[2]);
                    if (recorded.size() == killAfter) {
                        // kill -9: no shutdown hook, no pool closed, transactions cut wherever they are.
                        new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
                    }
                } else if (parts[0].equals("REFUSED")) {
                    refused.add(line);
                } else if (parts[0].equals("DONE")) {
                    done = true;
                } else if (other.size() < 200) {
                    other.add(line);
                }
            }
        } finally {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (killAfter < 0) {
            assertThat(p.exitValue()).as("%s%n%s", errors(), String.join("\n", other)).isZero();
        } else {
            assertThat(p.exitValue()).as("killed by SIGKILL; its errors: %s%n%s", errors(), String.join("\n", other)).isEqualTo(128 + 9);
        }
        return new Shown(recorded, refused, done);
    }

    private String errors() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder sb = new StringBuilder();
            for (Path f : files.filter(f -> f.toString().endsWith(".err")).toList()) {
                sb.append(Files.readString(f));
            }
            return sb.toString();
        }
    }

    /**
     * The application's classes and libraries, and of the test classes only {@link CastingProcess}: the other
     * test classes hold configurations (the test database's cleaning) that must not run in the process.
     */
    private Path processClasses;

    private String childClassPath() throws IOException {
        if (processClasses == null) {
            processClasses = dir.resolve("process-classes");
            String pkg = CastingProcess.class.getPackageName().replace('.', '/');
            Path target = Files.createDirectories(processClasses.resolve(pkg));
            Path source = Path.of(CastingProcess.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                    .resolve(pkg);
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("CastingProcess")).toList()) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
        }
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith("test-classes") && !entry.endsWith("test-classes/")) {
                entries.add(entry);
            }
        }
        entries.add(processClasses.toString());
        return String.join(File.pathSeparator, entries);
    }
}
