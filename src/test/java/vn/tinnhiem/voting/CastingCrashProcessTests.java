package vn.tinnhiem.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static vn.tinnhiem.db.Tables.BALLOT;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.shared.database.EmbeddedMariaDb;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.TokenService;

/**
 * Crashes of a hall server, against real processes: the application runs in a process of its own
 * ({@link CastingProcess}) with its own embedded MariaDB on its own data folder, as in the hall, and is killed
 * while kiosks cast; then it is started again on the same folder and a real tablet (Chromium) is used on it.
 * <ul>
 * <li>the application and its mariadbd killed together (kill -9 both, a power cut): every ballot shown as
 * recorded is in the box, the box and the spent cards agree, a card whose cast was shown as recorded says so
 * at the tablet, a card whose cast never committed votes again;</li>
 * <li>a cast committed but never shown (the application halted right after the commit by a test-only fault
 * point, see {@link VotingService}): the same card scanned after the restart says its ballot is recorded, and
 * the box holds exactly that one ballot;</li>
 * <li>the application alone killed (its mariadbd left running on the folder): the next start must start, with
 * every ballot there; this needs the embedded server to stop or adopt the one it left.</li>
 * </ul>
 * Plus, in this JVM's own context, the database restarted under load.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
// Needs the embedded server itself (its bean, folder or root account): runs on it, never on the cluster.
@Tag("embedded-server")
class CastingCrashProcessTests {

    private static final int CARDS = 120;
    private static final int CANDIDATES = 3;
    private static final Duration START = Duration.ofMinutes(3);
    private static final String RECORDED_TITLE = "Phiếu của bạn đã được ghi nhận";

    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    DSLContext db;
    @Autowired
    VotingService voting;
    @Autowired
    EmbeddedMariaDb embedded;

    /** The prepared hall every process test starts from a copy of, and the classes the processes run. */
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    /** An OPEN conference in a stopped hall's folder: its id and its activated cards' codes. */
    record Prepared(long electionId, List<String> cards) {
    }

    private static Prepared prepared;

    /**
     * The folder of one hall server: the database's data folder, the keys folder (apart from it, as on the
     * board's key media) and the audit anchors.
     */
    record Hall(Path root) {
        Path data() {
            return root.resolve("db");
        }

        List<String> springArgs(int webPort) {
            return List.of("--tinnhiem.db.data-dir=" + data(), "--tinnhiem.db.port=0", "--tinnhiem.db.name=tinnhiem",
                    "--tinnhiem.keys.dir=" + root.resolve("keys"),
                    "--tinnhiem.audit.anchor-file=" + root.resolve("anchors.txt"), "--tinnhiem.audit.anchor-cron=-",
                    "--tinnhiem.desk.counts-cron=-", "--logging.level.root=WARN", "--server.port=" + webPort);
        }
    }

    /**
     * (a) The application and its mariadbd killed together in the middle of a burst of 8 kiosks, as a power cut
     * would; then the application started again on the same folder (the server's crash recovery runs).
     */
    @Test
    @Tag("browser")
    void killing_the_application_and_its_database_together_loses_no_recorded_ballot_and_unshown_casts_vote_again()
            throws Exception {
        Hall hall = hall();
        Burst burst;
        try (Child app = Child.start(hall, List.of(), "cast", Long.toString(prepared.electionId()), cardsFile().toString(), "8")) {
            app.awaitReady();
            long mariadbd = mariadbdPid(hall.data()).orElseThrow(() -> new AssertionError("no mariadbd runs on " + hall.data()));
            burst = app.castUntil(30, () -> kill(app.pid(), mariadbd));
            assertThat(app.exit()).as("the application killed by SIGKILL; %s", app.errors()).isEqualTo(128 + 9);
            awaitGone(mariadbd);
        }
        assertThat(burst.done()).as("killed in the middle of the burst").isFalse();
        assertThat(burst.recorded()).hasSizeGreaterThanOrEqualTo(30).hasSizeLessThan(CARDS);
        assertThat(burst.refused()).as("no cast was refused before the kill").isEmpty();

        long restart = System.nanoTime();
        try (Child app = Child.start(hall, List.of(), "serve", Long.toString(prepared.electionId()))) {
            int port = app.awaitReady();
            restart = (System.nanoTime() - restart) / 1_000_000;
            Box box = app.box();
            assertThat(box.codes()).as("every ballot shown as recorded is in the box")
                    .containsAll(burst.recorded().values()).doesNotHaveDuplicates();
            assertThat(box.spent()).as("spent cards == ballots in the box").isEqualTo(box.codes().size());
            assertThat(box.spent() + box.activated()).as("every card spent or still usable").isEqualTo(CARDS);
            assertThat(box.valid()).isTrue();

            // What each voter's card says at a tablet now.
            List<String> again = new ArrayList<>();
            int spentUnshown = 0;
            for (String card : prepared.cards()) {
                String answer = app.ask("check " + card);
                if (burst.recorded().containsKey(card)) {
                    assertThat(answer).as("a card shown as recorded").isEqualTo("REFUSED " + VotingService.ALREADY_USED);
                } else if (answer.equals("ADMITTED")) {
                    again.add(card);
                } else {
                    // Committed in the instant before the kill, its answer never shown: in the box, and the card spent.
                    assertThat(answer).isEqualTo("REFUSED " + VotingService.ALREADY_USED);
                    spentUnshown++;
                }
            }
            assertThat(box.codes()).hasSize(burst.recorded().size() + spentUnshown);
            assertThat(again).as("the cards in flight, never committed, are still usable").hasSize(box.activated())
                    .isNotEmpty();

            String shownCard = burst.recorded().keySet().iterator().next();
            String tabletOnShown;
            String trackingCode;
            try (var tablet = new Browser("http://localhost:" + port, 800, 1280)) {
                enroll(tablet, app);
                // A voter whose ballot was shown as recorded scans the card again: told so, no ballot opens.
                scan(tablet, shownCard);
                tabletOnShown = awaitFieldError(tablet);
                assertThat(tabletOnShown).isEqualTo(message(VotingService.ALREADY_USED));
                // A voter whose cast never committed votes with the same card, on the tablet.
                trackingCode = vote(tablet, again.getFirst());
            }
            assertThat(trackingCode).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
            Set<String> recordedAgain = new HashSet<>(Set.of(trackingCode));
            for (String card : again.subList(1, again.size())) {
                String answer = app.ask("cast " + card);
                assertThat(answer).startsWith("RECORDED " + card + " ");
                recordedAgain.add(answer.split(" ")[2]);
            }
            Box end = app.box();
            assertThat(end.codes()).hasSize(CARDS).doesNotHaveDuplicates().containsAll(burst.recorded().values())
                    .containsAll(recordedAgain);
            assertThat(end.spent()).isEqualTo(CARDS);
            assertThat(end.activated()).isZero();
            assertThat(end.valid()).isTrue();
            app.quit();
            System.out.printf("CRASH BOTH shown before the kill=%d, committed but not shown=%d, cast again after restart=%d;"
                    + " restart on the folder %d ms; the tablet on a shown card: “%s”; on an unshown one: the ballot,"
                    + " then “%s” %s%n", burst.recorded().size(), spentUnshown, again.size(), restart, tabletOnShown,
                    RECORDED_TITLE, trackingCode);
        }
    }

    /**
     * (b) A cast committed but never shown: the application halts right after the cast's transaction commits
     * (-Dtinnhiem.fault.halt-after-cast-commit, a test-only fault point), while the voter waits at the tablet; its
     * mariadbd is killed too. The voter scans the same card after the restart.
     */
    @Test
    @Tag("browser")
    void a_cast_committed_but_never_shown_is_in_the_box_and_its_card_says_at_the_tablet_that_its_ballot_is_recorded()
            throws Exception {
        Hall hall = hall();
        int port = freePort();
        String card = prepared.cards().getFirst();
        try (var tablet = new Browser("http://localhost:" + port, 800, 1280)) {
            String tabletAfterHalt;
            try (Child app = Child.start(hall, List.of("-D" + VotingService.HALT_AFTER_CAST_COMMIT_PROPERTY + "=true"),
                    port, "serve", Long.toString(prepared.electionId()))) {
                app.awaitReady();
                long mariadbd = mariadbdPid(hall.data()).orElseThrow();
                enroll(tablet, app);
                scan(tablet, card);
                tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
                markAll(tablet);
                tablet.click("#kiosk-review");
                tablet.waitForText("#kiosk-content", "Xem lại phiếu");
                // The voter confirms (the page seals, the server commits) and casts; the application commits the
                // cast and dies before it can answer.
                tablet.click("#kiosk-confirm");
                tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
                tablet.script("arguments[0].click()", tablet.find("#kiosk-cast"));
                assertThat(app.exit()).as("halted by the fault point, right after the commit; %s", app.errors())
                        .isEqualTo(VotingService.HALT_AFTER_CAST_COMMIT_STATUS);
                assertThat(app.said()).as("nothing said after the halt").isEmpty();
                tabletAfterHalt = tablet.find("#kiosk-content").getText();
                assertThat(tabletAfterHalt).as("the tablet never showed the ballot as recorded")
                        .doesNotContain(RECORDED_TITLE).contains("Phiếu đã được niêm phong");
                assertThat(alive(mariadbd)).as("the halted application left its mariadbd running").isTrue();
                kill(mariadbd);
                awaitGone(mariadbd);
            }

            try (Child app = Child.start(hall, List.of(), port, "serve", Long.toString(prepared.electionId()))) {
                app.awaitReady();
                Box box = app.box();
                assertThat(box.codes()).as("the committed ballot, exactly once").hasSize(1);
                assertThat(box.spent()).isEqualTo(1);
                assertThat(box.activated()).isEqualTo(CARDS - 1);
                assertThat(box.valid()).isTrue();
                // The same tablet (its enrollment survives), the same voter, the same card.
                tablet.open("/kiosk");
                tablet.waitForText("#kiosk-content", "Quét mã phiếu");
                scan(tablet, card);
                String said = awaitFieldError(tablet);
                assertThat(said).isEqualTo(message(VotingService.ALREADY_USED))
                        .contains("lá phiếu đã được ghi nhận");
                assertThat(tablet.findAll("#kiosk-ballot")).as("no ballot opens").isEmpty();
                assertThat(app.box().codes()).isEqualTo(box.codes());
                app.quit();
                System.out.printf("CRASH COMMITTED NOT SHOWN: the tablet after the halt: “%s”; after the restart the same"
                        + " card: “%s”; box=%d, spent=%d%n", tabletAfterHalt.replace('\n', ' '), said,
                        box.codes().size(), box.spent());
            }
        }
    }

    /**
     * The application alone killed with kill -9 in a burst: its mariadbd keeps running on the folder. The next
     * start on the same folder must start (stopping or adopting the server left behind) and keep every ballot.
     */
    @Test
    void after_the_application_alone_is_killed_the_next_start_on_the_same_folder_starts_and_keeps_every_ballot()
            throws Exception {
        Hall hall = hall();
        Burst burst;
        long left;
        try (Child app = Child.start(hall, List.of(), "cast", Long.toString(prepared.electionId()), cardsFile().toString(), "8")) {
            app.awaitReady();
            left = mariadbdPid(hall.data()).orElseThrow();
            burst = app.castUntil(20, () -> kill(app.pid()));
            assertThat(app.exit()).isEqualTo(128 + 9);
        }
        assertThat(alive(left)).as("the killed application's mariadbd still runs on the folder").isTrue();

        try (Child app = Child.start(hall, List.of(), "serve", Long.toString(prepared.electionId()))) {
            app.awaitReady();
            Box box = app.box();
            assertThat(box.codes()).containsAll(burst.recorded().values()).doesNotHaveDuplicates();
            assertThat(box.spent()).isEqualTo(box.codes().size());
            assertThat(box.spent() + box.activated()).isEqualTo(CARDS);
            assertThat(box.valid()).isTrue();
            String card = prepared.cards().stream().filter(c -> !burst.recorded().containsKey(c)).findFirst().orElseThrow();
            String answer = app.ask("check " + card);
            if (answer.equals("ADMITTED")) {
                assertThat(app.ask("cast " + card)).startsWith("RECORDED ");
            }
            assertThat(app.box().codes()).hasSize(box.codes().size() + (answer.equals("ADMITTED") ? 1 : 0));
            app.quit();
        }
        assertThat(alive(left)).as("the server left behind is no longer running").isFalse();
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
        TestTablet tablet = new TestTablet(voting, ceremonies);
        tablet.manifest(conf.id());
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
                    CastOutcome outcome = tablet.vote(kiosk, conf.id(), card, VotingIntegrationTests.marks(form, pattern % 3));
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
                // "Try again", "busy" or, while the server is down, "database down": nothing stored, the card usable.
                assertThat(outcome).isInstanceOfSatisfying(CastOutcome.Refused.class,
                        r -> assertThat(VotingService.mayTryAgain(r.reasonKey())).as(r.reasonKey()).isTrue());
                tryAgain.add(card);
            }
        });
        int recordedFirst = shown.size();
        int alreadyUsed = 0;
        for (String card : tryAgain) {
            CastOutcome outcome = tablet.vote("kiosk-restart-again", conf.id(), card, VotingIntegrationTests.marks(form, 0));
            if (outcome instanceof CastOutcome.Recorded r) {
                shown.add(r.trackingCode());
            } else {
                // Only where the commit went through and its answer was lost with the connection.
                assertThat(outcome).isEqualTo(new CastOutcome.Refused("voting.refuse.alreadyUsed"));
                alreadyUsed++;
            }
        }
        List<String> stored = db.select(BALLOT.TRACKING_CODE).from(BALLOT).where(BALLOT.ELECTION_ID.eq(conf.id().value()))
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

    // ---- the hall server's folder

    /**
     * A hall with an OPEN conference of {@value #CARDS} activated cards, stopped cleanly: a copy of the folder
     * one process prepared for the whole class (the set-up, a minute of migrations and printing, is made once).
     */
    private Hall hall() throws Exception {
        synchronized (CastingCrashProcessTests.class) {
            if (prepared == null) {
                Hall template = new Hall(shared.resolve("hall"));
                Path cards = cardsFile();
                try (Child app = Child.start(template, List.of(), 0, "prepare", cards.toString(), Integer.toString(CARDS),
                        Integer.toString(CANDIDATES))) {
                    String said = app.next(Duration.ofMinutes(5));
                    assertThat(said).startsWith("PREPARED ");
                    assertThat(app.exit()).as("%s", app.errors()).isZero();
                    prepared = new Prepared(Long.parseLong(said.substring(9)),
                            Files.readAllLines(cards, StandardCharsets.UTF_8));
                }
                assertThat(prepared.cards()).hasSize(CARDS);
            }
        }
        Path from = shared.resolve("hall");
        Path to = dir.resolve("hall");
        // Server binaries unpacked into the folder (server/, 350 MB, by an embedded server that brought its own)
        // are shared, not copied: they are only read.
        Path binaries = from.resolve("db").resolve("server");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(f -> !f.startsWith(binaries)).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(f));
                } else if (!Files.isSymbolicLink(f) && Files.isRegularFile(f)) {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        if (Files.isDirectory(binaries)) {
            Files.createSymbolicLink(to.resolve("db").resolve("server"), binaries);
        }
        return new Hall(to);
    }

    private static Path cardsFile() {
        return shared.resolve("cards.txt");
    }

    /** No server started by these tests outlives them, whatever failed. */
    @AfterEach
    void stopServersLeftInThisTest() throws IOException {
        stopServersUnder(dir);
    }

    @AfterAll
    static void stopServersLeftInTheTemplate() throws IOException {
        stopServersUnder(shared);
    }

    private static void stopServersUnder(Path folder) throws IOException {
        for (long pid : mariadbdPids(folder)) {
            kill(pid);
            awaitGone(pid);
        }
    }

    // ---- processes

    /**
     * The mariadbd serving this data folder: the pid the embedded server writes in {@code mariadbd.pid}, or,
     * where it writes none, the mariadbd process whose command line names the folder.
     */
    private static OptionalLong mariadbdPid(Path dataDir) throws IOException {
        Path file = dataDir.resolve("mariadbd.pid");
        if (Files.exists(file)) {
            String text = Files.readString(file).trim();
            if (text.matches("[0-9]+") && runsOn(Long.parseLong(text), dataDir)) {
                return OptionalLong.of(Long.parseLong(text));
            }
        }
        List<Long> found = mariadbdPids(dataDir);
        assertThat(found).as("mariadbd processes on %s", dataDir).hasSizeLessThanOrEqualTo(1);
        return found.isEmpty() ? OptionalLong.empty() : OptionalLong.of(found.getFirst());
    }

    private static List<Long> mariadbdPids(Path folder) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]+")).map(Long::parseLong)
                    .filter(pid -> runsOn(pid, folder)).toList();
        }
    }

    /** Whether the process is a live mariadbd with the folder (or a folder inside it) on its command line. */
    private static boolean runsOn(long pid, Path folder) {
        try {
            String[] argv = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0");
            if (argv.length == 0 || !(argv[0].endsWith("mariadbd") || argv[0].endsWith("mysqld")) || !alive(pid)) {
                return false;
            }
            // The embedded server may spell a folder under /tmp as /./tmp/...: look for the folder, not the argument.
            String name = folder.toAbsolutePath().normalize() + "/";
            return Stream.of(argv).anyMatch(a -> a.contains(name));
        } catch (IOException e) {
            return false;
        }
    }

    /** Alive: not gone, and not a zombie (a killed process not yet reaped holds no file and no lock). */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitGone(long pid) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (alive(pid)) {
            assertThat(System.nanoTime()).as("process %d still alive 30 s after SIGKILL", pid).isLessThan(until);
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** kill -9, to every pid in one command: as near to the same instant as a power cut. */
    private static void kill(long... pids) {
        List<String> command = new ArrayList<>(List.of("kill", "-9"));
        for (long pid : pids) {
            command.add(Long.toString(pid));
        }
        try {
            assertThat(new ProcessBuilder(command).start().waitFor()).as("%s", command).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** What one casting run showed before it died: card to tracking code for each cast shown as recorded. */
    record Burst(Map<String, String> recorded, List<String> refused, boolean done) {
    }

    /** The box of the conference as the restarted process reads it. */
    record Box(List<String> codes, int spent, int activated, boolean valid) {
    }

    /** A {@link CastingProcess} running, its lines for the test in a queue. */
    static final class Child implements AutoCloseable {

        private static final String EOF = "\0EOF";

        private final Process process;
        private final PrintStream in;
        private final Path err;
        private final BlockingQueue<String> said = new LinkedBlockingQueue<>();
        private final List<String> other = java.util.Collections.synchronizedList(new ArrayList<>());

        private Child(Process process, Path err) {
            this.process = process;
            this.err = err;
            this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith(CastingProcess.SAYS)) {
                            said.add(line.substring(CastingProcess.SAYS.length()));
                        } else if (other.size() < 200) {
                            other.add(line);
                        }
                    }
                } catch (IOException e) {
                    other.add("(reading its output: " + e + ")");
                } finally {
                    said.add(EOF);
                }
            });
        }

        static Child start(Hall hall, List<String> jvmArgs, String mode, String... modeArgs) throws IOException {
            return start(hall, jvmArgs, 0, mode, modeArgs);
        }

        static Child start(Hall hall, List<String> jvmArgs, int webPort, String mode, String... modeArgs)
                throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add("-Dstdout.encoding=UTF-8");
            command.add("-Xmx512m");
            command.addAll(jvmArgs);
            command.add("-cp");
            command.add(childClassPath());
            command.add(CastingProcess.class.getName());
            command.add(mode);
            command.addAll(List.of(modeArgs));
            command.addAll(hall.springArgs(webPort));
            Files.createDirectories(hall.root());
            Path err = hall.root().resolve("process-" + mode + "-" + System.nanoTime() + ".err");
            return new Child(new ProcessBuilder(command).redirectError(err.toFile()).start(), err);
        }

        long pid() {
            return process.pid();
        }

        /** Waits for the application to be up; answers its web port (serve mode) or 0. */
        int awaitReady() {
            String line = next(START);
            assertThat(line).as("%s", errors()).startsWith("READY");
            return line.length() > 6 ? Integer.parseInt(line.substring(6)) : 0;
        }

        String next(Duration timeout) {
            String line;
            try {
                line = said.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (line == null) {
                return fail("the process said nothing for %s; %s", timeout, errors());
            }
            if (line.equals(EOF)) {
                said.add(EOF);
                return fail("the process ended; %s", errors());
            }
            return line;
        }

        String ask(String command) {
            in.println(command);
            return next(Duration.ofSeconds(60));
        }

        Box box() {
            String[] head = ask("box").split(" ");
            assertThat(head[0]).isEqualTo("BOX");
            List<String> codes = new ArrayList<>();
            String line;
            while (!(line = next(Duration.ofSeconds(60))).equals("END")) {
                codes.add(line.substring("CODE ".length()));
            }
            return new Box(codes, Integer.parseInt(head[2]), Integer.parseInt(head[3]), head[4].equals("valid"));
        }

        /**
         * Reads the casts as they are shown; at the {@code killAt}-th cast shown as recorded runs {@code kill},
         * then reads what the process had written before it died.
         */
        Burst castUntil(int killAt, Runnable kill) {
            Map<String, String> recorded = new LinkedHashMap<>();
            List<String> refused = new ArrayList<>();
            boolean done = false;
            String line;
            while (!(line = nextOrEof()).equals(EOF)) {
                String[] parts = line.split(" ");
                switch (parts[0]) {
                    case "RECORDED" -> {
                        recorded.put(parts[1], parts[2]);
                        if (recorded.size() == killAt) {
                            kill.run();
                        }
                    }
                    case "REFUSED" -> refused.add(line);
                    case "DONE" -> done = true;
                    default -> fail("unexpected: %s", line);
                }
            }
            return new Burst(recorded, refused, done);
        }

        private String nextOrEof() {
            try {
                String line = said.poll(START.toMillis(), TimeUnit.MILLISECONDS);
                return line == null ? fail("the process said nothing for %s; %s", START, errors()) : line;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** What it said that was not read yet. */
        List<String> said() {
            List<String> rest = new ArrayList<>();
            said.drainTo(rest);
            rest.remove(EOF);
            return rest;
        }

        int exit() throws InterruptedException {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                fail("the process did not end; %s", errors());
            }
            return process.exitValue();
        }

        void quit() throws InterruptedException {
            in.println("quit");
            assertThat(exit()).as("stopped cleanly; %s", errors()).isZero();
        }

        String errors() {
            try {
                String text = Files.exists(err) ? Files.readString(err) : "";
                return "its errors: " + text.substring(Math.max(0, text.length() - 6000)) + "\nits output: "
                        + String.join("\n", other);
            } catch (IOException e) {
                return e.toString();
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The application's classes and libraries, and of the test classes only {@link CastingProcess}, the
     * conferences it opens and the support they use: the other test classes hold configurations (the test
     * database's cleaning) that must not run in the process. Made once, for every process of the class.
     */
    private static Path processClasses;

    private static synchronized String childClassPath() throws IOException {
        if (processClasses == null) {
            Path classes = shared.resolve("process-classes");
            Path root = Path.of(CastingProcess.class.getProtectionDomain().getCodeSource().getLocation().getPath());
            copyClasses(root, classes, CastingProcess.class.getPackageName(),
                    n -> n.startsWith("CastingProcess") || n.startsWith("VotingConferences") || n.startsWith("TestTablet"));
            copyClasses(root, classes, Browser.class.getPackageName(), n -> !n.startsWith("FreshDatabase"));
            processClasses = classes;
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

    private static void copyClasses(Path root, Path into, String pkg, java.util.function.Predicate<String> which)
            throws IOException {
        String folder = pkg.replace('.', '/');
        Path target = Files.createDirectories(into.resolve(folder));
        try (Stream<Path> files = Files.list(root.resolve(folder))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class") && which.test(f.getFileName().toString()))
                    .toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
    }

    // ---- the tablet

    /** Enrolls the browser as a tablet of the conference, as the organiser's enrollment link does. */
    private static void enroll(Browser tablet, Child app) {
        String said = app.ask("enroll");
        assertThat(said).startsWith("ENROLL ");
        tablet.open(said.substring(7));
        tablet.waitForPath("/kiosk");
        tablet.waitForText("#kiosk-content", "Quét mã phiếu");
    }

    private static void scan(Browser tablet, String card) {
        tablet.type("#kiosk-scanner-field", card);
        tablet.click("#kiosk-scanner-submit");
    }

    /** The message under the scanner's field, once the tablet shows one. */
    private static String awaitFieldError(Browser tablet) {
        new WebDriverWait((WebDriver) tablet.driver(), Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> !fieldError(tablet).isEmpty());
        return fieldError(tablet);
    }

    private static String fieldError(Browser tablet) {
        var field = tablet.find("#kiosk-scanner-field");
        return field.getAttribute("invalid") == null ? "" : Optional.ofNullable(field.getDomProperty("errorMessage"))
                .orElse("");
    }

    private static void markAll(Browser tablet) {
        for (int c = 1; c <= CANDIDATES; c++) {
            tablet.click("#kiosk-candidate-" + c + " .kiosk-choice[data-level='" + List.of("HIGH", "MEDIUM", "LOW")
                    .get(c % 3) + "']");
        }
    }

    /** A whole turn at the tablet with the card: scan, mark, review, confirm; answers the tracking code shown. */
    private static String vote(Browser tablet, String card) {
        scan(tablet, card);
        tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
        markAll(tablet);
        tablet.click("#kiosk-review");
        tablet.waitForText("#kiosk-content", "Xem lại phiếu");
        tablet.click("#kiosk-confirm");
        // Sealed in the page and committed: the voter casts it.
        tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
        tablet.click("#kiosk-cast");
        tablet.waitForText("#kiosk-content", RECORDED_TITLE);
        String code = tablet.find("#kiosk-tracking-code").getAttribute("aria-label");
        tablet.click("#kiosk-finish");
        tablet.waitForText("#kiosk-content", "Quét mã phiếu");
        return code;
    }

    /** The Vietnamese text of a message key, as the voter reads it. */
    private static String message(String key) {
        var bundle = new java.util.Properties();
        try (var in = CastingCrashProcessTests.class.getResourceAsStream("/i18n/messages.properties")) {
            bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bundle.getProperty(key);
    }
}
