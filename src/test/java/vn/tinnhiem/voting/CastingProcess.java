package vn.tinnhiem.voting;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import vn.tinnhiem.TinNhiemApplication;

/**
 * Test-only: the real application (TinNhiemApplication's context, its web server on a free port) in a process of its own,
 * casting a burst through the real VotingService the way kiosks do, for the crash test. It prints
 * {@code READY} once the context is up, then {@code RECORDED <card> <tracking code>} for each cast the moment
 * it returns as recorded (what a kiosk would show), {@code REFUSED <card> <reason>} otherwise, and
 * {@code DONE} at the end. Usage: {@code CastingProcess <electionId> <cards file> <threads> [spring args...]}.
 */
public final class CastingProcess {

    private CastingProcess() {
    }

    public static void main(String[] args) throws Exception {
        long electionId = Long.parseLong(args[0]);
        List<String> cards = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        int threads = Integer.parseInt(args[2]);
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        SpringApplication app = new SpringApplication(TinNhiemApplication.class);
        ConfigurableApplicationContext context = app.run(Arrays.copyOfRange(args, 3, args.length));
        VotingService voting = context.getBean(VotingService.class);
        BallotForm form = voting.form(electionId).orElseThrow();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        say(out, "READY");
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(cards);
        List<Thread> kiosks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String kiosk = "kiosk-" + UUID.randomUUID();
            int pattern = t;
            kiosks.add(Thread.ofPlatform().start(() -> {
                String card;
                while ((card = queue.poll()) != null) {
                    Marks marks = form.newMarks();
                    for (int c = 0; c < marks.candidates(); c++) {
                        marks.set(c, (c + pattern) % marks.levels());
                    }
                    CastOutcome outcome = voting.cast(kiosk, electionId, card, marks);
                    if (outcome instanceof CastOutcome.Recorded r) {
                        say(out, "RECORDED " + card + " " + r.trackingCode());
                    } else if (outcome instanceof CastOutcome.Refused r) {
                        say(out, "REFUSED " + card + " " + r.reasonKey());
                    }
                }
            }));
        }
        for (Thread k : kiosks) {
            k.join();
        }
        say(out, "DONE");
        context.close();
        System.exit(0);
    }

    private static void say(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
