package vn.tinnhiem.verify;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Checks an election record (format {@code tinnhiem-election-record/1}, docs/protocol.md 10.2) from its bytes
 * alone, check by check, in the fixed order of {@link #CHECKS}. It never throws on bad input: an unreadable
 * file is a failed first check with its reason, and a check that cannot run because an earlier part is
 * unusable fails naming that part. It re-implements the protocol from the document and shares no code with
 * the count: only Bouncy Castle's P-256 and the JDK's SHA-256.
 *
 * <p>Each check is a stage of its own ({@code ReadableStage} … {@code CheckedBallotsStage}, one class per check
 * of 10.2), which returns its {@link Check} and, typed, what it read for the stages after it; this class runs
 * them in order and hands each the findings it needs.
 */
public final class RecordVerifier {

    public static final String FORMAT = "tinnhiem-election-record/1";

    /** The checks, in the order they run and are reported; each is also the message key of its name. */
    public static final List<String> CHECKS = List.of(ReadableStage.NAME, ManifestStage.NAME, CommitmentsStage.NAME,
            BallotsStage.NAME, DistinctStage.NAME, CopiesStage.NAME, SetAsideStage.NAME, BoxStage.NAME,
            TallyStage.NAME, PartialsStage.NAME, CountsStage.NAME, ResultsStage.NAME, CheckedBallotsStage.NAME);

    /**
     * One check's outcome: its name (a message key), whether it holds, and why (a message key with its
     * arguments; an argument that is itself a message key, such as a check's name, is translated too).
     */
    public record Check(String name, boolean holds, String detailKey, List<String> args) {
        public Check {
            args = List.copyOf(args);
        }

        /** The detail in one language. */
        public String detail(ResourceBundle bundle) {
            Object[] a = args.stream().map(s -> translated(bundle, s)).toArray();
            return new MessageFormat(bundle.getString(detailKey), bundle.getLocale()).format(a);
        }

        public String title(ResourceBundle bundle) {
            return bundle.getString(name);
        }

        private static String translated(ResourceBundle bundle, String s) {
            if (s.startsWith("verify.") || s.startsWith("ruleSet.")) {
                try {
                    return bundle.getString(s);
                } catch (MissingResourceException e) {
                    return s;
                }
            }
            return s;
        }
    }

    /** Progress of the long checks (the ballots), called every {@link #PROGRESS_STEP} ballots and at the end. */
    @FunctionalInterface
    public interface Progress {
        void update(String checkName, int done, int total);
    }

    public static final int PROGRESS_STEP = 1000;

    /** The app's message bundles, readable without Spring (the command runs without it). */
    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("i18n/messages", locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private final SecureRandom rng;

    public RecordVerifier() {
        this(new SecureRandom());
    }

    RecordVerifier(SecureRandom rng) {
        this.rng = rng;
    }

    public static boolean allHold(List<Check> checks) {
        return !checks.isEmpty() && checks.stream().allMatch(Check::holds);
    }

    public List<Check> verify(byte[] record) {
        return verify(ByteBuffer.wrap(record), (name, done, total) -> {});
    }

    public List<Check> verify(byte[] record, Progress progress) {
        return verify(ByteBuffer.wrap(record), progress);
    }

    /**
     * The same over any bytes read by absolute index, from position 0 to the limit: a file mapped into memory
     * (the {@code /verify} page, the command) is read in place, never copied onto the heap whole.
     */
    public List<Check> verify(ByteBuffer record) {
        return verify(record, (name, done, total) -> {});
    }

    public List<Check> verify(ByteBuffer record, Progress progress) {
        ByteBuffer bytes = record.slice();
        List<Check> out = new ArrayList<>();
        ReadableStage.Result readable = ReadableStage.check(bytes);
        out.add(readable.check());
        if (!readable.check().holds()) {
            return out; // nothing else can be read from a file that is not a record
        }
        Map<String, Object> root = readable.root();
        // Each stage returns its check and what it found for the stages after it; a part that a stage could not
        // read is null (or -1), and a stage that needs it fails naming the check it depends on.
        ManifestStage.Result manifest = ManifestStage.check(root);
        out.add(manifest.check());
        Manifest mf = manifest.manifest();
        CommitmentsStage.Result commitments = CommitmentsStage.check(root, mf);
        out.add(commitments.check());
        BallotsStage.Result ballots = BallotsStage.check(root, mf, commitments.key(), rng, progress);
        out.add(ballots.check());
        out.add(DistinctStage.check(ballots.ballots(), mf));
        out.add(CopiesStage.check(root, ballots.ballots(), mf));
        out.add(SetAsideStage.check(root, mf, commitments.key(), rng));
        BoxStage.Result box = BoxStage.check(root);
        out.add(box.check());
        TallyStage.Result tally = TallyStage.check(root, mf, ballots.ballots());
        out.add(tally.check());
        PartialsStage.Result partials = PartialsStage.check(root, mf, tally.tally(), commitments.commitments(),
                ballots.counted());
        out.add(partials.check());
        out.add(CountsStage.check(root, mf, partials.good(), tally.tally(), ballots.counted()));
        out.add(ResultsStage.check(root, mf, box.summoned(), box.activated(), ballots.counted()));
        out.add(CheckedBallotsStage.check(root, mf, commitments.key(), ballots.ballots(), rng));
        return out;
    }
}
