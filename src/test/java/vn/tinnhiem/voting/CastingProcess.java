package vn.tinnhiem.voting;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jooq.DSLContext;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import vn.tinnhiem.TinNhiemApplication;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.BallotVerifier;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.db.Tables;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.token.TokenService;

/**
 * Test-only: the real application (TinNhiemApplication's context, its web server, and, unless a
 * spring.datasource.url is given, its own embedded MariaDB on its own data folder) in a process of its own, for
 * the crash tests. Every line it says for the test starts with {@code TN> }; the rest of its output is the
 * application's own. Modes:
 * <ul>
 * <li>{@code prepare <cards file> <cards> <candidates> [spring args...]}: opens a conference as the staff would
 * (ceremony, polls opened, cards printed and activated), writes the activated cards' codes to the file, says
 * {@code PREPARED <election id>} and stops cleanly (the server too);</li>
 * <li>{@code cast <election id> <cards file> <threads> [spring args...]}: says {@code READY}, then casts every
 * card through the real VotingService the way kiosks do, saying {@code RECORDED <card> <tracking code>} the
 * moment a cast returns as recorded (what a kiosk would show), {@code REFUSED <card> <reason>} otherwise, and
 * {@code DONE} at the end;</li>
 * <li>{@code serve <election id> [spring args...]}: says {@code READY <web port>}, then answers one command a line
 * on its input: {@code enroll} (a tablet's one-time enrollment path, {@code ENROLL <path>}), {@code check <card>}
 * (what a tablet answers at the scan: {@code ADMITTED} or {@code REFUSED <reason>}), {@code cast <card>},
 * {@code box} ({@code BOX <ballots> <spent> <activated> valid|invalid}, the last from the verifier's check of
 * every sealed ballot, then {@code CODE <tracking code>} a ballot, then
 * {@code END}) and {@code quit} (stops cleanly, the server too).</li>
 * </ul>
 */
public final class CastingProcess {

    static final String SAYS = "TN> ";

    private CastingProcess() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        switch (args[0]) {
            case "prepare" -> prepare(out, Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Arrays.copyOfRange(args, 4, args.length));
            case "cast" -> cast(out, ElectionId.of(Long.parseLong(args[1])), Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8),
                    Integer.parseInt(args[3]), Arrays.copyOfRange(args, 4, args.length));
            case "serve" -> serve(out, ElectionId.of(Long.parseLong(args[1])), Arrays.copyOfRange(args, 2, args.length));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    private static ConfigurableApplicationContext start(String[] springArgs) {
        return new SpringApplication(TinNhiemApplication.class).run(springArgs);
    }

    private static void prepare(PrintStream out, Path cardsFile, int cards, int candidates, String[] springArgs)
            throws Exception {
        ConfigurableApplicationContext context = start(springArgs);
        VotingConferences.Open conf = new VotingConferences(ElectionServices.of(context),
                context.getBean(AccountService.class), context.getBean(CeremonyService.class),
                context.getBean(TokenService.class)).open(candidates, BallotKind.THREE_LEVEL, cards, 0);
        Files.write(cardsFile, conf.activated(), StandardCharsets.UTF_8);
        context.close();
        say(out, "PREPARED " + conf.id());
    }

    private static void cast(PrintStream out, ElectionId electionId, List<String> cards, int threads, String[] springArgs)
            throws Exception {
        ConfigurableApplicationContext context = start(springArgs);
        VotingService voting = context.getBean(VotingService.class);
        BallotForm form = voting.form(electionId).orElseThrow();
        TestTablet tablet = new TestTablet(voting, context.getBean(CeremonyService.class));
        tablet.manifest(electionId);
        say(out, "READY");
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(cards);
        List<Thread> kiosks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String kiosk = "kiosk-" + UUID.randomUUID();
            int pattern = t;
            kiosks.add(Thread.ofPlatform().start(() -> {
                String card;
                while ((card = queue.poll()) != null) {
                    say(out, castOne(tablet, form, kiosk, electionId, card, pattern));
                }
            }));
        }
        for (Thread k : kiosks) {
            k.join();
        }
        say(out, "DONE");
        context.close();
    }

    private static String castOne(TestTablet tablet, BallotForm form, String kiosk, ElectionId electionId, String card,
            int pattern) {
        int[] marks = new int[form.candidates().size()];
        for (int c = 0; c < marks.length; c++) {
            marks[c] = (c + pattern) % form.kind().levelCount();
        }
        CastOutcome outcome = tablet.vote(kiosk, electionId, card, marks);
        return switch (outcome) {
            case CastOutcome.Recorded r -> "RECORDED " + card + " " + r.trackingCode();
            case CastOutcome.Refused r -> "REFUSED " + card + " " + r.reasonKey();
        };
    }

    private static void serve(PrintStream out, ElectionId electionId, String[] springArgs) throws Exception {
        ConfigurableApplicationContext context = start(springArgs);
        VotingService voting = context.getBean(VotingService.class);
        TokenService tokens = context.getBean(TokenService.class);
        DSLContext db = context.getBean(DSLContext.class);
        say(out, "READY " + context.getEnvironment().getProperty("local.server.port"));
        String kiosk = "kiosk-" + UUID.randomUUID();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            String[] command = line.split(" ");
            switch (command[0]) {
                case "enroll" -> {
                    try (var organiser = Acting.as("organiser", "ADMIN")) {
                        say(out, "ENROLL " + context.getBean(KioskService.class)
                                .add("Bàn " + UUID.randomUUID().toString().substring(0, 6), electionId).path());
                    }
                }
                case "check" -> say(out, switch (voting.admit(kiosk, electionId, command[1])) {
                    case Admission.Admitted a -> "ADMITTED";
                    case Admission.Refused r -> "REFUSED " + r.reasonKey();
                });
                case "cast" -> say(out, castOne(new TestTablet(voting, context.getBean(CeremonyService.class)),
                        voting.form(electionId).orElseThrow(), kiosk, electionId, command[1], 0));
                case "box" -> {
                    // Read as the count reads the table; the box of open polls is no screen's business.
                    List<SealedBallot> box = db.select(Tables.BALLOT.SEALED).from(Tables.BALLOT)
                            .where(Tables.BALLOT.ELECTION_ID.eq(electionId.value())).fetch(r -> SealedBallot.of(r.value1()));
                    BallotVerifier.BatchResult check = new BallotVerifier(ElectionContext.of(context
                            .getBean(CeremonyService.class).openManifest(electionId).orElseThrow()), new SecureRandom())
                            .verifyAll(box, false);
                    try (var organiser = Acting.as("organiser", "ADMIN")) {
                        var counts = tokens.counts(electionId);
                        say(out, "BOX " + box.size() + " " + counts.spent() + " " + counts.activated() + " "
                                + (check.allOk() && check.copies().isEmpty() ? "valid" : "invalid"));
                    }
                    for (SealedBallot ballot : box) {
                        say(out, "CODE " + ballot.trackingCode());
                    }
                    say(out, "END");
                }
                default -> say(out, "UNKNOWN " + command[0]);
            }
        }
        context.close();
    }

    private static void say(PrintStream out, String line) {
        synchronized (out) {
            out.println(SAYS + line);
            out.flush();
        }
    }
}
