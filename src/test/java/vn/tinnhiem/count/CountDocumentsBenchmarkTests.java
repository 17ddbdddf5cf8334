package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import vn.tinnhiem.shared.i18n.Languages;

/**
 * How long the minutes take to make (three numbered copies, as the plan asks) for the seed's 13
 * candidates and for 44. Run on its own: {@code ./mvnw verify -Dtest=CountDocumentsBenchmarkTests
 * -Dgroups=benchmark -Dsurefire.excludedGroups=none}; it prints the figures (docs/performance.md,
 * "Minutes and report").
 */
@Tag("benchmark")
class CountDocumentsBenchmarkTests {

    private static final int RUNS = 7;

    @Test
    void minutes_and_report_generation_time() {
        // One untimed run loads the fonts and warms the JIT, as a running server would be.
        MinutesPdf.write(CountFixtures.summary(13), Languages.VIETNAMESE, new ByteArrayOutputStream());
        for (int candidates : new int[] {13, 44}) {
            CountSummary summary = CountFixtures.summary(candidates);
            long[] minutes = new long[RUNS];
            long[] report = new long[RUNS];
            long[] pages = new long[RUNS];
            int size = 0;
            for (int r = 0; r < RUNS; r++) {
                var out = new ByteArrayOutputStream();
                long t0 = System.nanoTime();
                MinutesPdf.write(summary, Languages.VIETNAMESE, out);
                long t1 = System.nanoTime();
                ReportPdf.write(summary, Languages.VIETNAMESE, new ByteArrayOutputStream());
                long t2 = System.nanoTime();
                CandidateResultPdf.writeAll(summary, Languages.VIETNAMESE, new ByteArrayOutputStream());
                long t3 = System.nanoTime();
                minutes[r] = t1 - t0;
                report[r] = t2 - t1;
                pages[r] = t3 - t2;
                size = out.size();
            }
            System.out.printf("count documents, %d candidates: minutes (3 copies) median %d ms, %d KB; "
                    + "report (3 copies) median %d ms; candidates' pages median %d ms%n", candidates,
                    median(minutes), size / 1024, median(report), median(pages));
            assertThat(median(minutes)).isLessThan(10_000);
        }
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1_000_000;
    }
}
