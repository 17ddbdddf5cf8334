package vn.tinnhiem.verify;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

import vn.tinnhiem.verify.RecordVerifier.Check;
import vn.tinnhiem.verify.RecordVerifier.Progress;

/**
 * Check 4, {@code ballots} (10.2): each counted ballot rebuilt from its JSON (section 9) has the manifest's m and
 * L, its {@code trackingCode} is the one of its bytes (5.3), and every proof holds (5.4). The proofs are checked
 * in parallel, with progress every {@link RecordVerifier#PROGRESS_STEP} ballots: this is the long check.
 */
final class BallotsStage {
    static final String NAME = "verify.check.ballots";

    private BallotsStage() {}

    /**
     * The check; N, the number of counted ballots, once the manifest and the key are readable (-1 before); and
     * the ballots' bytes once every one is readable, even if a proof or a tracking code is wrong: the later
     * checks use them.
     */
    record Result(Check check, int counted, @Nullable List<byte[]> ballots) {}

    static Result check(Map<String, Object> root, @Nullable Manifest manifest, @Nullable ECPoint key,
            SecureRandom rng, Progress progress) {
        int counted = -1;
        List<byte[]> ballots = null;
        try {
            if (manifest == null) {
                throw Stages.dependsOn(ManifestStage.NAME);
            }
            if (key == null) {
                throw Stages.dependsOn(CommitmentsStage.NAME);
            }
            int m = manifest.m();
            int levels = manifest.levels();
            List<Object> list = Fields.array(root, "ballots", "");
            counted = list.size();
            List<byte[]> bins = new ArrayList<>(list.size());
            @Nullable Bad wrongCode = null;
            for (int i = 0; i < list.size(); i++) {
                String bp = "ballots[" + i + "]";
                if (!(list.get(i) instanceof Ballots.Read read)) {
                    throw Bad.field(bp);
                }
                if (read.error() != null) {
                    throw read.error();
                }
                byte[] bin = read.bytes();
                if (((bin[21] & 0xff) << 8 | (bin[22] & 0xff)) != m) {
                    throw Bad.field(bp + ".m");
                }
                if ((bin[23] & 0xff) != levels) {
                    throw Bad.field(bp + ".levels");
                }
                if (wrongCode == null && !Ballots.trackingCode(bin).equals(read.trackingCode())) {
                    wrongCode = new Bad("verify.why.trackingCode", bp, Ballots.trackingCode(bin));
                }
                bins.add(bin);
            }
            // The bytes are usable by the later checks even if a proof or a tracking code is wrong.
            ballots = bins;
            int[] failing = failingProofs(bins, manifest, key, rng, progress);
            if (failing.length > 0) {
                throw new Bad("verify.why.ballotProofs", String.valueOf(failing.length), Rows.id(bins.get(failing[0])),
                        Ballots.trackingCode(bins.get(failing[0])));
            }
            if (wrongCode != null) {
                throw wrongCode;
            }
            return new Result(Stages.holds(NAME, "verify.ok.ballots", bins.size()), counted, ballots);
        } catch (Bad | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new Result(Stages.failed(NAME, e), counted, ballots);
        }
    }

    /** The indexes of the ballots whose proofs fail, ascending; every ballot is checked, on every core. */
    private static int[] failingProofs(List<byte[]> bins, Manifest manifest, ECPoint key, SecureRandom rng,
            Progress progress) {
        int total = bins.size();
        AtomicInteger done = new AtomicInteger();
        progress.update(NAME, 0, total);
        int[] failing = IntStream.range(0, total).parallel().filter(i -> {
            boolean ok = Ballots.verify(bins.get(i), manifest.qbar(), key, manifest.m(), manifest.levels(), rng);
            int d = done.incrementAndGet();
            if (d % RecordVerifier.PROGRESS_STEP == 0) {
                synchronized (progress) {
                    progress.update(NAME, d, total);
                }
            }
            return !ok;
        }).sorted().toArray();
        progress.update(NAME, total, total);
        return failing;
    }
}
