package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.Locale;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.verify.RecordVerifier;
import vn.tinnhiem.voting.VotingService;

/**
 * How long the count takes through the real service and MariaDB, from "check the box" to the results on
 * screen: the proof check, the first card (one partial decryption), the k-th card (its partial decryption, the
 * combination, the record hash and the writes), the results and summary read for the screen; then the record's
 * size, the independent verifier's time on it, and the minutes' PDF. Ballots are sealed in parallel and
 * stored directly (untimed): the casting path has its own benchmark. Prints figures for docs/performance.md.
 */
@IntegrationTest
@Tag("benchmark")
@WithMockUser(username = "organiser", roles = "ADMIN")
class CountTimingTests {

    @Autowired
    PollsClose pollsClose;
    @Autowired
    BoxCheck boxCheck;

    @Autowired
    TotalsUnsealing totalsUnsealing;
    @Autowired
    CountResults countResults;

    @Autowired
    CountDocuments countDocuments;
    @Autowired
    ElectionRecordExport recordExport;
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

    @ParameterizedTest(name = "{0} ballots of {1} candidates")
    @CsvSource({"500, 44", "10000, 13"})
    void from_the_box_check_to_the_results_on_screen(int ballots, int candidates) throws Exception {
        var conf = new CountConferences(elections, accounts, ceremonies, tokens, voting)
                .cast(candidates, 3, 3, 0, 0, (v, c) -> 0);
        Manifest manifest;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            manifest = ceremonies.manifest(conf.id()).orElseThrow();
        }
        ElectionContext ctx = ElectionContext.of(manifest);
        FullBox.fill(db, conf.id().value(), ctx, ballots, candidates);

        long t0;
        double check;
        double first;
        double kth;
        double screen;
        try (var board = Acting.as(conf.tellers().getFirst(), "TELLER")) {
            pollsClose.close(conf.id());
            t0 = System.nanoTime();
            BoxVerdict verdict = boxCheck.checkBox(conf.id(), done -> {});
            check = seconds(t0);
            assertThat(verdict.counted()).isEqualTo(ballots);
            t0 = System.nanoTime();
            totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(0), null, null);
            first = seconds(t0);
            t0 = System.nanoTime();
            ShareOutcome last = totalsUnsealing.unsealWithCard(conf.id(), conf.cards().get(1),
                    CountConferences.PASSPHRASE.toCharArray(), vn.tinnhiem.support.Staff.PASSWORD.toCharArray());
            kth = seconds(t0);
            assertThat(last).isInstanceOf(ShareOutcome.Accepted.class);
            t0 = System.nanoTime();
            ResultTable table = countResults.results(conf.id()).orElseThrow();
            totalsUnsealing.unsealing(conf.id());
            boxCheck.boxVerdict(conf.id());
            screen = seconds(t0);
            assertThat(table.returned()).isEqualTo(ballots);
        }
        long[] size = {0};
        t0 = System.nanoTime();
        var file = java.nio.file.Files.createTempFile("record", ".json");
        try (OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            recordExport.writeRecord(conf.id(), new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws java.io.IOException {
                    size[0] += len;
                    out.write(b, off, len);
                }

                @Override
                public void write(int b) throws java.io.IOException {
                    size[0]++;
                    out.write(b);
                }
            });
        }
        double export = seconds(t0);
        t0 = System.nanoTime();
        var checks = new RecordVerifier().verify(java.nio.file.Files.readAllBytes(file));
        double verify = seconds(t0);
        java.nio.file.Files.delete(file);
        assertThat(RecordVerifier.allHold(checks)).isTrue();
        t0 = System.nanoTime();
        var minutes = new java.io.ByteArrayOutputStream();
        countDocuments.writeMinutes(conf.id(), Locale.forLanguageTag("vi"), minutes);
        double pdf = seconds(t0);

        System.out.printf(Locale.ROOT, "COUNT %d ballots x %d candidates: box check %.2f s, first card %.2f s, "
                + "k-th card (partial, combination, record hash, writes) %.2f s, results on screen %.2f s, "
                + "total %.2f s; record %.1f MB written in %.2f s, verified in %.2f s; minutes PDF %d KB in %.2f s%n",
                ballots, candidates, check, first, kth, screen, check + first + kth + screen, size[0] / 1e6, export,
                verify, minutes.size() / 1024, pdf);
    }

    private static double seconds(long from) {
        return (System.nanoTime() - from) / 1e9;
    }
}
