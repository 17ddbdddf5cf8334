package vn.tinnhiem.verify;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.MessageFormat;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;
import vn.tinnhiem.shared.files.Sha256;

/**
 * Checks an election record (format {@code tinnhiem-election-record/1}, docs/protocol.md 10.2) from its bytes
 * alone, check by check, in the fixed order of {@link #CHECKS}. It never throws on bad input: an unreadable
 * file is a failed first check with its reason, and a check that cannot run because an earlier part is
 * unusable fails naming that part. It re-implements the protocol from the document and shares no code with
 * the count: only Bouncy Castle's P-256 and the JDK's SHA-256.
 */
public final class RecordVerifier {

    public static final String FORMAT = "tinnhiem-election-record/1";

    /** The checks, in the order they run and are reported; each is also the message key of its name. */
    public static final List<String> CHECKS = List.of("verify.check.readable", "verify.check.manifest",
            "verify.check.commitments", "verify.check.ballots", "verify.check.distinct", "verify.check.copies",
            "verify.check.setAside", "verify.check.box", "verify.check.tally", "verify.check.partials",
            "verify.check.counts", "verify.check.results", "verify.check.checked");

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
        List<Check> out = new ArrayList<>();
        Run run = new Run(record.slice(), progress);
        for (String name : CHECKS) {
            Check c;
            try {
                String[] ok = run.check(name);
                c = new Check(name, true, ok[0], Arrays.asList(ok).subList(1, ok.length));
            } catch (Bad b) {
                c = new Check(name, false, b.key, b.args);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                c = new Check(name, false, "verify.why.internal", List.of(String.valueOf(e.getClass().getSimpleName())));
            }
            out.add(c);
            if (!c.holds() && name.equals("verify.check.readable")) {
                break; // nothing else can be read from a file that is not a record
            }
        }
        return out;
    }

    /** One verification: what each check found, for the checks after it. */
    private final class Run {
        final ByteBuffer bytes;
        final Progress progress;
        Map<String, Object> root = Map.of();
        // manifest
        int m;
        int levels;
        String kind = "";
        String ruleSet = "";
        int k;
        int n;
        List<String> candidateIds = List.of();
        byte @Nullable [] qbar;
        // commitments
        @Nullable ECPoint key;
        @Nullable List<ECPoint> commitments;
        // ballots
        @Nullable List<byte[]> ballots;
        int counted = -1;
        // closing
        long summoned = -1;
        long activated = -1;
        // tally
        @Nullable List<ECPoint[]> tally;
        // partials
        @Nullable List<Partial> goodPartials;

        Run(ByteBuffer bytes, Progress progress) {
            this.bytes = bytes;
            this.progress = progress;
        }

        String[] check(String name) throws Bad {
            return switch (name) {
                case "verify.check.readable" -> readable();
                case "verify.check.manifest" -> manifest();
                case "verify.check.commitments" -> commitments();
                case "verify.check.ballots" -> ballots();
                case "verify.check.distinct" -> distinct();
                case "verify.check.copies" -> copies();
                case "verify.check.setAside" -> setAside();
                case "verify.check.box" -> box();
                case "verify.check.tally" -> tally();
                case "verify.check.partials" -> partials();
                case "verify.check.counts" -> counts();
                case "verify.check.results" -> results();
                case "verify.check.checked" -> checked();
                default -> throw new IllegalArgumentException(name);
            };
        }

        private String[] readable() throws Bad {
            Object parsed;
            try {
                int[] index = {0};
                parsed = JsonReader.parse(bytes, "ballots", v -> Ballots.Read.of(v, "ballots[" + index[0]++ + "]"));
            } catch (JsonReader.NotJson e) {
                throw new Bad(e.offset >= bytes.limit() ? "verify.why.truncated" : "verify.why.notJson",
                        String.valueOf(e.offset), String.valueOf(bytes.limit()));
            }
            if (!(parsed instanceof Map<?, ?>)) {
                throw new Bad("verify.why.format", "");
            }
            root = Fields.object(parsed, "");
            Object format = root.get("format");
            if (!FORMAT.equals(format)) {
                throw new Bad("verify.why.format", format instanceof String s ? s : "");
            }
            for (String f : List.of("manifest", "conference", "closing", "box", "tally", "results")) {
                Fields.object(root, f, "");
            }
            for (String f : List.of("ballots", "copies", "setAside", "partials")) {
                Fields.array(root, f, "");
            }
            // One spelling per record (10.2, "Layout"): members exactly, in order, before any figure is read.
            Layout.check(root);
            for (Object b : Fields.array(root, "ballots", "")) {
                if (b instanceof Ballots.Read read && read.error() != null && read.error().key.equals("verify.why.members")) {
                    throw read.error();
                }
            }
            return new String[] {"verify.ok.readable", String.valueOf(bytes.limit()), FORMAT};
        }

        private String[] manifest() throws Bad {
            Map<String, Object> mf = Fields.object(root, "manifest", "");
            String p = "manifest";
            String electionId = Fields.string(mf, "electionId", p);
            String title = Fields.string(mf, "title", p);
            kind = Fields.string(mf, "kind", p);
            List<String> levelNames = switch (kind) {
                case "THREE_LEVEL" -> List.of("HIGH", "MEDIUM", "LOW");
                case "TWO_LEVEL" -> List.of("CONFIDENCE", "NO_CONFIDENCE");
                default -> throw Bad.field(p + ".kind");
            };
            ruleSet = Fields.string(mf, "ruleSet", p);
            List<Object> cands = Fields.array(mf, "candidates", p);
            if (cands.isEmpty() || cands.size() > 65535) {
                throw Bad.field(p + ".candidates");
            }
            long kk = Fields.integer(mf, "k", p);
            long nn = Fields.integer(mf, "n", p);
            if (nn < 1 || nn > 255 || kk < 1 || kk > nn) {
                throw Bad.field(p + ".k");
            }
            byte[] keyBytes = Fields.hex(mf, "electionKey", p, 33);
            List<Object> cs = Fields.array(mf, "commitments", p);
            byte[] stated = Fields.hex(mf, "hash", p, 32);

            Enc enc = new Enc();
            enc.raw(new byte[] {'T', 'N', '1', 'M', 1}).str(electionId).str(title)
                    .raw(new byte[] {(byte) (kind.equals("THREE_LEVEL") ? 1 : 2), (byte) levelNames.size()});
            levelNames.forEach(enc::str);
            enc.str(ruleSet).raw(Group.u32(cands.size()));
            List<String> ids = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < cands.size(); i++) {
                String cp = p + ".candidates[" + i + "]";
                Map<String, Object> c = Fields.object(cands.get(i), cp);
                String id = Fields.string(c, "id", cp);
                long order = Fields.integer(c, "order", cp);
                if (order != i + 1) {
                    throw Bad.field(cp + ".order");
                }
                if (!seen.add(nfc(id))) {
                    throw Bad.field(cp + ".id");
                }
                ids.add(id);
                enc.str(id).raw(Group.u32(i + 1)).str(Fields.string(c, "name", cp)).str(Fields.string(c, "position", cp));
            }
            enc.raw(new byte[] {(byte) kk, (byte) nn}).raw(keyBytes);
            for (int j = 0; j < cs.size(); j++) {
                enc.raw(Fields.hex(cs.get(j), p + ".commitments[" + j + "]", 33));
            }
            byte[] computed = new Group.Hash("TN1/manifest").part(enc.bytes()).digest();
            m = cands.size();
            levels = levelNames.size();
            k = (int) kk;
            n = (int) nn;
            candidateIds = ids;
            // Later checks use the hash as written, so that a changed field is reported here alone; a changed
            // hash breaks every proof as well.
            qbar = stated;
            if (!Arrays.equals(computed, stated)) {
                throw new Bad("verify.why.manifestHash", Group.hex(computed), Group.hex(stated));
            }
            return new String[] {"verify.ok.manifest", Group.hex(computed), String.valueOf(m)};
        }

        private String[] commitments() throws Bad {
            needManifest();
            Map<String, Object> mf = Fields.object(root, "manifest", "");
            byte[] keyBytes = Fields.hex(mf, "electionKey", "manifest", 33);
            ECPoint kp = Group.point(keyBytes);
            if (kp == null) {
                throw Bad.field("manifest.electionKey");
            }
            List<Object> cs = Fields.array(mf, "commitments", "manifest");
            List<ECPoint> pts = new ArrayList<>();
            for (int j = 0; j < cs.size(); j++) {
                ECPoint c = Group.point(Fields.hex(cs.get(j), "manifest.commitments[" + j + "]", 33));
                if (c == null) {
                    throw Bad.field("manifest.commitments[" + j + "]");
                }
                pts.add(c);
            }
            key = kp;
            if (pts.size() != k) {
                throw new Bad("verify.why.commitmentCount", String.valueOf(k), String.valueOf(pts.size()));
            }
            if (!pts.get(0).equals(kp)) {
                throw new Bad("verify.why.firstCommitment");
            }
            commitments = pts;
            return new String[] {"verify.ok.commitments", String.valueOf(k), String.valueOf(n)};
        }

        private String[] ballots() throws Bad {
            needManifest();
            if (key == null) {
                throw new Bad("verify.why.dependsOn", "verify.check.commitments");
            }
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
            int total = bins.size();
            AtomicInteger done = new AtomicInteger();
            ECPoint kk = key;
            byte[] q = qbar;
            progress.update("verify.check.ballots", 0, total);
            int[] failing = IntStream.range(0, total).parallel().filter(i -> {
                boolean ok = Ballots.verify(bins.get(i), q, kk, m, levels, rng);
                int d = done.incrementAndGet();
                if (d % PROGRESS_STEP == 0) {
                    synchronized (progress) {
                        progress.update("verify.check.ballots", d, total);
                    }
                }
                return !ok;
            }).sorted().toArray();
            progress.update("verify.check.ballots", total, total);
            if (failing.length > 0) {
                throw new Bad("verify.why.ballotProofs", String.valueOf(failing.length),
                        Group.hex(Arrays.copyOfRange(bins.get(failing[0]), 5, 21)),
                        Ballots.trackingCode(bins.get(failing[0])));
            }
            if (wrongCode != null) {
                throw wrongCode;
            }
            return new String[] {"verify.ok.ballots", String.valueOf(total)};
        }

        private String[] distinct() throws Bad {
            List<byte[]> bins = needBallots();
            Map<String, String> byCiphertexts = new HashMap<>();
            String previous = null;
            for (byte[] b : bins) {
                String id = Group.hex(Arrays.copyOfRange(b, 5, 21));
                if (previous != null && id.compareTo(previous) <= 0) {
                    throw new Bad(id.equals(previous) ? "verify.why.sameId" : "verify.why.notSorted", id);
                }
                previous = id;
                // The ciphertexts alone (10.2): a ballot re-proved under a new id carries other proofs but the
                // same votes, and counting it would count them twice.
                String other = byCiphertexts.put(Group.hex(Ballots.ciphertexts(b, m, levels)), id);
                if (other != null) {
                    throw new Bad("verify.why.sameContent", id, other);
                }
            }
            // A nonce used twice (5.5) shows whether two choices differ (beta - beta' = (b - b')G): no alpha may
            // appear twice among the counted ballots, in one ballot or in two.
            int[] twice = Ballots.repeatedAlpha(bins, m, levels);
            if (twice != null) {
                int per = m * levels;
                throw new Bad("verify.why.sameNonce", Group.hex(Arrays.copyOfRange(bins.get(twice[0] / per), 5, 21)),
                        String.valueOf(twice[0] % per / levels + 1), String.valueOf(twice[0] % levels + 1),
                        Group.hex(Arrays.copyOfRange(bins.get(twice[1] / per), 5, 21)),
                        String.valueOf(twice[1] % per / levels + 1), String.valueOf(twice[1] % levels + 1));
            }
            return new String[] {"verify.ok.distinct", String.valueOf(bins.size())};
        }

        private String[] copies() throws Bad {
            List<byte[]> bins = needBallots();
            Map<String, byte[]> byId = new HashMap<>();
            for (byte[] b : bins) {
                byId.put(Group.hex(Arrays.copyOfRange(b, 5, 21)), b);
            }
            List<Object> list = Fields.array(root, "copies", "");
            for (int i = 0; i < list.size(); i++) {
                String cp = "copies[" + i + "]";
                Map<String, Object> c = Fields.object(list.get(i), cp);
                String id = Group.hex(Fields.hex(c, "id", cp, 16));
                byte[] sealed = sealed(c, cp);
                String copyOf = Group.hex(Fields.hex(c, "copyOf", cp, 16));
                byte[] original = byId.get(copyOf);
                rowNamedByItsBytes(c, cp, sealed);
                // The same id (its bytes carry it), or the same ciphertexts under another id (10.2): what
                // repeats a vote is its ciphertexts, whatever proofs come with them.
                boolean repeats = original != null
                        && (id.equals(copyOf) || Ballots.sameCiphertexts(sealed, original, m, levels));
                if (!repeats) {
                    throw new Bad("verify.why.notACopy", id, copyOf);
                }
            }
            return new String[] {"verify.ok.copies", String.valueOf(list.size())};
        }

        private String[] setAside() throws Bad {
            needManifest();
            if (key == null) {
                throw new Bad("verify.why.dependsOn", "verify.check.commitments");
            }
            List<Object> list = Fields.array(root, "setAside", "");
            for (int i = 0; i < list.size(); i++) {
                String sp = "setAside[" + i + "]";
                Map<String, Object> s = Fields.object(list.get(i), sp);
                byte[] sealed = sealed(s, sp);
                rowNamedByItsBytes(s, sp, sealed);
                // Reasons are for people (free text), but there is at least one and each is a non-empty string.
                List<Object> reasons = Fields.array(s, "reasons", sp);
                if (reasons.isEmpty()) {
                    throw Bad.field(sp + ".reasons");
                }
                for (int j = 0; j < reasons.size(); j++) {
                    if (!(reasons.get(j) instanceof String r) || r.isEmpty()) {
                        throw Bad.field(sp + ".reasons[" + j + "]");
                    }
                }
                if (Ballots.verify(sealed, qbar, key, m, levels, rng)) {
                    throw new Bad("verify.why.setAsideVerifies", Fields.string(s, "id", sp));
                }
            }
            return new String[] {"verify.ok.setAside", String.valueOf(list.size())};
        }

        /**
         * A copy or set-aside row is named by its bytes (10.2): its id is bytes [5, 21) ("" if there are fewer
         * than 21) and its tracking code the one of its bytes (5.3), whatever the row was stored under.
         */
        private void rowNamedByItsBytes(Map<String, Object> row, String path, byte[] sealed) throws Bad {
            String id = Fields.string(row, "id", path);
            String bytesId = sealed.length >= 21 ? Group.hex(Arrays.copyOfRange(sealed, 5, 21)) : "";
            if (!id.equals(bytesId)) {
                throw new Bad("verify.why.rowId", path, bytesId);
            }
            String code = Ballots.trackingCode(sealed);
            if (!code.equals(Fields.string(row, "trackingCode", path))) {
                throw new Bad("verify.why.trackingCode", path, code);
            }
        }

        private byte[] sealed(Map<String, Object> o, String path) throws Bad {
            if (o.get("sealed") instanceof String s && Group.hex(s) != null) {
                return Group.hex(s);
            }
            throw Bad.field(path + ".sealed");
        }

        private String[] box() throws Bad {
            Map<String, Object> cl = Fields.object(root, "closing", "");
            summoned = Fields.integer(cl, "summoned", "closing");
            long present = Fields.integer(cl, "present", "closing");
            boolean quorum = Fields.bool(cl, "quorumMet", "closing");
            activated = Fields.integer(cl, "cardsActivated", "closing");
            long spent = Fields.integer(cl, "cardsSpent", "closing");
            long unspent = Fields.integer(cl, "cardsUnspent", "closing");
            Fields.integer(cl, "cardsVoided", "closing");
            if (quorum != (3 * present >= 2 * summoned)) {
                throw new Bad("verify.why.figure", "closing.quorumMet", String.valueOf(quorum),
                        String.valueOf(!quorum));
            }
            // Who is present was summoned; a spent card was activated (10.2, "closing").
            if (present > summoned) {
                throw new Bad("verify.why.atMost", "closing.present", String.valueOf(present), "closing.summoned",
                        String.valueOf(summoned));
            }
            if (spent > activated) {
                throw new Bad("verify.why.atMost", "closing.cardsSpent", String.valueOf(spent),
                        "closing.cardsActivated", String.valueOf(activated));
            }
            same("closing.cardsUnspent", unspent, activated - spent);
            conference();
            Map<String, Object> box = Fields.object(root, "box", "");
            long n = Fields.array(root, "ballots", "").size();
            long stored = n + Fields.array(root, "copies", "").size() + Fields.array(root, "setAside", "").size();
            same("box.stored", Fields.integer(box, "stored", "box"), stored);
            same("box.counted", Fields.integer(box, "counted", "box"), n);
            same("box.spentCards", Fields.integer(box, "spentCards", "box"), spent);
            Object d = box.get("difference");
            if (!(d instanceof BigInteger diff) || diff.longValue() != n - spent || diff.bitLength() > 62) {
                throw new Bad("verify.why.figure", "box.difference", String.valueOf(d), String.valueOf(n - spent));
            }
            // What binds the rows and the figures to the close is the close's audit entry (10.2, "closing"):
            // the verifier states the digest of every row's tracking code, and the entry, for an auditor to
            // compare with the anchored audit chain.
            String codes = codesDigest();
            if (cl.containsKey("auditSeq")) {
                long seq = Fields.integer(cl, "auditSeq", "closing");
                String hash = Group.hex(Fields.hex(cl, "auditHash", "closing", 32));
                return new String[] {"verify.ok.boxAudited", String.valueOf(stored), String.valueOf(n),
                        String.valueOf(spent), String.valueOf(n - spent), codes, String.valueOf(seq), hash};
            }
            return new String[] {"verify.ok.box", String.valueOf(stored), String.valueOf(n), String.valueOf(spent),
                    String.valueOf(n - spent), codes};
        }

        /** Body and place are non-empty; startsAt is a local date and time, yyyy-MM-ddTHH:mm (9). */
        private void conference() throws Bad {
            Map<String, Object> c = Fields.object(root, "conference", "");
            for (String f : List.of("body", "place")) {
                if (Fields.string(c, f, "conference").isBlank()) {
                    throw Bad.field("conference." + f);
                }
            }
            String at = Fields.string(c, "startsAt", "conference");
            try {
                java.time.LocalDateTime t = java.time.LocalDateTime.parse(at);
                if (at.length() != 16 || !t.toString().equals(at)) {
                    throw Bad.field("conference.startsAt");
                }
            } catch (java.time.format.DateTimeParseException e) {
                throw Bad.field("conference.startsAt");
            }
        }

        /**
         * SHA-256 of the tracking codes of every stored row (counted ballots, copies, set-aside rows), sorted,
         * joined by line feeds (10.2, "closing"): the figure the close's audit entry fixes.
         */
        private String codesDigest() throws Bad {
            List<String> codes = new ArrayList<>();
            for (Object b : Fields.array(root, "ballots", "")) {
                if (b instanceof Ballots.Read r && r.trackingCode() instanceof String code) {
                    codes.add(code);
                }
            }
            for (String list : List.of("copies", "setAside")) {
                List<Object> rows = Fields.array(root, list, "");
                for (int i = 0; i < rows.size(); i++) {
                    codes.add(Fields.string(Fields.object(rows.get(i), list + "[" + i + "]"), "trackingCode",
                            list + "[" + i + "]"));
                }
            }
            codes.sort(null);
            return Group.hex(Sha256.of(String.join("\n", codes)));
        }

        private String[] tally() throws Bad {
            needManifest();
            Map<String, Object> t = Fields.object(root, "tally", "");
            long stated = Fields.integer(t, "ballots", "tally");
            List<Object> entries = Fields.array(t, "entries", "tally");
            if (entries.size() != m * levels) {
                throw Bad.field("tally.entries");
            }
            List<ECPoint[]> read = new ArrayList<>();
            String zero = "0".repeat(66);
            for (int e = 0; e < entries.size(); e++) {
                String ep = "tally.entries[" + e + "]";
                Map<String, Object> en = Fields.object(entries.get(e), ep);
                if (stated == 0) {
                    if (!zero.equals(en.get("alpha")) || !zero.equals(en.get("beta"))) {
                        throw Bad.field(ep);
                    }
                    read.add(new ECPoint[] {Group.INFINITY, Group.INFINITY});
                    continue;
                }
                ECPoint a = Group.point(Fields.hex(en, "alpha", ep, 33));
                ECPoint b = Group.point(Fields.hex(en, "beta", ep, 33));
                if (a == null || b == null) {
                    throw Bad.field(ep);
                }
                read.add(new ECPoint[] {a, b});
            }
            tally = read;
            List<byte[]> bins = needBallots();
            same("tally.ballots", stated, bins.size());
            int s = Ballots.ITEM * levels + Ballots.SUM;
            List<Integer> wrong = IntStream.range(0, m * levels).parallel().filter(e -> {
                int c = e / levels;
                int o = 24 + c * s + Ballots.ITEM * (e % levels);
                ECPoint a = Group.INFINITY;
                ECPoint b = Group.INFINITY;
                for (byte[] bin : bins) {
                    ECPoint pa = Group.point(bin, o, 65);
                    ECPoint pb = Group.point(bin, o + 65, 65);
                    if (pa == null || pb == null) {
                        return true;
                    }
                    a = a.add(pa);
                    b = b.add(pb);
                }
                return !a.normalize().equals(read.get(e)[0].normalize()) || !b.normalize().equals(read.get(e)[1].normalize());
            }).boxed().sorted().toList();
            if (!wrong.isEmpty()) {
                int e = wrong.get(0);
                throw new Bad("verify.why.tallyEntry", String.valueOf(wrong.size()), String.valueOf(e / levels + 1),
                        String.valueOf(e % levels + 1));
            }
            return new String[] {"verify.ok.tally", String.valueOf(bins.size()), String.valueOf(m * levels)};
        }

        private String[] partials() throws Bad {
            needManifest();
            List<Object> list = Fields.array(root, "partials", "");
            if (tally == null) {
                throw new Bad("verify.why.dependsOn", "verify.check.tally");
            }
            if (commitments == null) {
                throw new Bad("verify.why.dependsOn", "verify.check.commitments");
            }
            if (tally.size() == m * levels && counted == 0 && list.isEmpty()) {
                goodPartials = List.of();
                return new String[] {"verify.ok.partialsNone"};
            }
            List<Partial> good = new ArrayList<>();
            Set<Integer> tellers = new HashSet<>();
            List<String> used = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String pp = "partials[" + i + "]";
                Map<String, Object> p = Fields.object(list.get(i), pp);
                String path = Fields.string(p, "path", pp);
                if (!path.equals("HALL") && !path.equals("OFFLINE")) {
                    throw Bad.field(pp + ".path");
                }
                long teller = Fields.integer(p, "teller", pp);
                if (teller < 1 || teller > n) {
                    throw new Bad("verify.why.unknownTeller", String.valueOf(teller));
                }
                if (!tellers.add((int) teller)) {
                    throw new Bad("verify.why.duplicateTeller", String.valueOf(teller));
                }
                List<Object> entries = Fields.array(p, "entries", pp);
                if (entries.size() != tally.size()) {
                    throw Bad.field(pp + ".entries");
                }
                Partial part = Partial.read((int) teller, entries, pp);
                List<Integer> bad = part.failingProofs(qbar, commitments, tally);
                if (!bad.isEmpty()) {
                    throw new Bad("verify.why.partialProof", String.valueOf(teller), String.valueOf(bad.size()),
                            String.valueOf(bad.get(0) / levels + 1), String.valueOf(bad.get(0) % levels + 1));
                }
                good.add(part);
                used.add(String.valueOf(teller));
            }
            if (good.size() < k) {
                throw new Bad("verify.why.tooFew", String.valueOf(good.size()), String.valueOf(k));
            }
            goodPartials = good;
            return new String[] {"verify.ok.partials", String.valueOf(good.size()), String.join(", ", used),
                    String.valueOf(k)};
        }

        private String[] counts() throws Bad {
            needManifest();
            if (goodPartials == null || tally == null) {
                throw new Bad("verify.why.dependsOn", "verify.check.partials");
            }
            long nb = Fields.integer(Fields.object(root, "tally", ""), "ballots", "tally");
            if (nb != counted) {
                // The discrete logarithm's range is the number of counted ballots: the totals must say it.
                throw new Bad("verify.why.dependsOn", "verify.check.tally");
            }
            int[] t = new int[m * levels];
            if (nb > 0) {
                List<Partial> used = goodPartials.subList(0, k);
                BigInteger[] lambda = lagrange(used);
                DiscreteLog dlog = new DiscreteLog((int) nb);
                for (int e = 0; e < t.length; e++) {
                    ECPoint[] ps = new ECPoint[k];
                    for (int j = 0; j < k; j++) {
                        ps[j] = used.get(j).shares[e];
                    }
                    ECPoint mPoint = tally.get(e)[1].subtract(ECAlgorithms.sumOfMultiplies(ps, lambda));
                    int v = dlog.solve(mPoint);
                    if (v < 0) {
                        throw new Bad("verify.why.countRange", String.valueOf(e / levels + 1), String.valueOf(e % levels + 1));
                    }
                    t[e] = v;
                }
            }
            List<Object> cands = Fields.array(Fields.object(root, "results", ""), "candidates", "results");
            if (cands.size() != m) {
                throw Bad.field("results.candidates");
            }
            for (int c = 0; c < m; c++) {
                String cp = "results.candidates[" + c + "]";
                Map<String, Object> cand = Fields.object(cands.get(c), cp);
                List<Object> lv = Fields.array(cand, "levels", cp);
                if (lv.size() != levels) {
                    throw Bad.field(cp + ".levels");
                }
                long valid = 0;
                for (int l = 0; l < levels; l++) {
                    valid += t[c * levels + l];
                    same(cp + ".levels[" + l + "]", Fields.integer(lv.get(l), cp + ".levels[" + l + "]"), t[c * levels + l]);
                }
                if (valid > nb) {
                    throw new Bad("verify.why.countRange", String.valueOf(c + 1), "");
                }
                same(cp + ".valid", Fields.integer(cand, "valid", cp), valid);
                same(cp + ".invalid", Fields.integer(cand, "invalid", cp), nb - valid);
            }
            return new String[] {"verify.ok.counts", String.valueOf(m), String.valueOf(nb)};
        }

        private String[] results() throws Bad {
            needManifest();
            String rp = "results";
            Map<String, Object> r = Fields.object(root, "results", "");
            String rs = Fields.string(r, "ruleSet", rp);
            if (!rs.equals(ruleSet)) {
                throw new Bad("verify.why.figure", "results.ruleSet", rs, ruleSet);
            }
            if (!Fields.string(r, "kind", rp).equals(kind)) {
                throw new Bad("verify.why.figure", "results.kind", Fields.string(r, "kind", rp), kind);
            }
            if (summoned < 0 || counted < 0) {
                throw new Bad("verify.why.dependsOn", summoned < 0 ? "verify.check.box" : "verify.check.ballots");
            }
            long nb = counted;
            long denominator = switch (rs) {
                case "QD_96_2023", "NQ_96_2023" -> nb;
                case "NQ_85_2014" -> summoned;
                default -> throw Bad.field("results.ruleSet");
            };
            same("results.denominator", Fields.integer(r, "denominator", rp), denominator);
            same("results.members", Fields.integer(r, "members", rp), summoned);
            same("results.issued", Fields.integer(r, "issued", rp), activated);
            same("results.returned", Fields.integer(r, "returned", rp), nb);
            List<Object> cands = Fields.array(r, "candidates", rp);
            if (cands.size() != m) {
                throw Bad.field("results.candidates");
            }
            for (int c = 0; c < m; c++) {
                String cp = "results.candidates[" + c + "]";
                Map<String, Object> cand = Fields.object(cands.get(c), cp);
                if (!candidateIds.get(c).equals(cand.get("id"))) {
                    throw Bad.field(cp + ".id");
                }
                same(cp + ".order", Fields.integer(cand, "order", cp), c + 1);
                List<Object> lv = Fields.array(cand, "levels", cp);
                List<Object> pct = Fields.array(cand, "percentages", cp);
                if (lv.size() != levels) {
                    throw Bad.field(cp + ".levels");
                }
                if (pct.size() != levels) {
                    throw Bad.field(cp + ".percentages");
                }
                long valid = 0;
                long last = 0;
                for (int l = 0; l < levels; l++) {
                    long count = Fields.integer(lv.get(l), cp + ".levels[" + l + "]");
                    valid += count;
                    last = count;
                    String want = percentage(count, denominator);
                    if (!want.equals(pct.get(l))) {
                        throw new Bad("verify.why.figure", cp + ".percentages[" + l + "]", String.valueOf(pct.get(l)), want);
                    }
                }
                same(cp + ".valid", Fields.integer(cand, "valid", cp), valid);
                same(cp + ".invalid", Fields.integer(cand, "invalid", cp), nb - valid);
                String band = band(kind, last, denominator);
                String stated = Fields.string(cand, "band", cp);
                if (!band.equals(stated)) {
                    throw new Bad("verify.why.figure", cp + ".band", stated, band);
                }
            }
            // The rule set by its name in words ("Quy định 96-QĐ/TW (2023)"), not its code.
            return new String[] {"verify.ok.results", "ruleSet." + rs, String.valueOf(denominator)};
        }

        /**
         * The checked ballots (10.2 "checked", 5.6): each named by its bytes, a valid ballot of the manifest (its
         * proofs hold), opened by its opening (every ciphertext computed again from the revealed choice and
         * nonces), its listed choices those of the opening; sorted by id, none with a counted ballot's id and none
         * sharing an alpha (a nonce) with a counted ballot, so no checked ballot is also a counted vote. A record
         * written before checked ballots were recorded has no such member: nothing to check, and said so.
         */
        private String[] checked() throws Bad {
            if (!root.containsKey("checked")) {
                return new String[] {"verify.ok.checkedAbsent"};
            }
            needManifest();
            if (key == null) {
                throw new Bad("verify.why.dependsOn", "verify.check.commitments");
            }
            List<byte[]> counted = needBallots();
            Set<String> countedIds = new HashSet<>();
            Map<String, String> countedAlphas = new HashMap<>();
            int s = Ballots.ITEM * levels + Ballots.SUM;
            for (byte[] b : counted) {
                String id = Group.hex(Arrays.copyOfRange(b, 5, 21));
                countedIds.add(id);
                for (int c = 0; c < m; c++) {
                    for (int l = 0; l < levels; l++) {
                        int o = 24 + c * s + Ballots.ITEM * l;
                        countedAlphas.putIfAbsent(Group.hex(Arrays.copyOfRange(b, o, o + 65)), id);
                    }
                }
            }
            List<String> names = switch (kind) {
                case "THREE_LEVEL" -> List.of("HIGH", "MEDIUM", "LOW");
                default -> List.of("CONFIDENCE", "NO_CONFIDENCE");
            };
            List<Object> list = Fields.array(root, "checked", "");
            String previous = null;
            for (int i = 0; i < list.size(); i++) {
                String cp = "checked[" + i + "]";
                Map<String, Object> row = Fields.object(list.get(i), cp);
                byte[] sealed = sealed(row, cp);
                rowNamedByItsBytes(row, cp, sealed);
                String code = Ballots.trackingCode(sealed);
                if (!Ballots.verify(sealed, qbar, key, m, levels, rng)) {
                    throw new Bad("verify.why.checkedProofs", code);
                }
                String id = Group.hex(Arrays.copyOfRange(sealed, 5, 21));
                if (previous != null && id.compareTo(previous) <= 0) {
                    throw new Bad(id.equals(previous) ? "verify.why.checkedSameId" : "verify.why.checkedNotSorted", code);
                }
                previous = id;
                if (countedIds.contains(id)) {
                    throw new Bad("verify.why.checkedCounted", code, id);
                }
                for (int c = 0; c < m; c++) {
                    for (int l = 0; l < levels; l++) {
                        int o = 24 + c * s + Ballots.ITEM * l;
                        String other = countedAlphas.get(Group.hex(Arrays.copyOfRange(sealed, o, o + 65)));
                        if (other != null) {
                            throw new Bad("verify.why.checkedNonce", code, String.valueOf(c + 1), String.valueOf(l + 1),
                                    other);
                        }
                    }
                }
                if (!(row.get("opening") instanceof String hex) || Group.hex(hex) == null) {
                    throw Bad.field(cp + ".opening");
                }
                int[] opened = Openings.open(sealed, Group.hex(hex), m, levels, key, code);
                List<Object> stated = Fields.array(row, "choices", cp);
                if (stated.size() != m) {
                    throw Bad.field(cp + ".choices");
                }
                for (int c = 0; c < m; c++) {
                    Object want = opened[c] == Openings.BLANK ? JsonReader.NULL : names.get(opened[c]);
                    if (!want.equals(stated.get(c))) {
                        throw new Bad("verify.why.checkedChoices", code, String.valueOf(c + 1),
                                stated.get(c) instanceof String x ? x : "null",
                                want instanceof String x ? x : "null");
                    }
                }
            }
            return new String[] {"verify.ok.checked", String.valueOf(list.size())};
        }

        private void needManifest() throws Bad {
            if (qbar == null) {
                throw new Bad("verify.why.dependsOn", "verify.check.manifest");
            }
        }

        private List<byte[]> needBallots() throws Bad {
            if (ballots == null) {
                throw new Bad("verify.why.dependsOn", "verify.check.ballots");
            }
            return ballots;
        }
    }

    private static void same(String path, long stated, long computed) throws Bad {
        if (stated != computed) {
            throw new Bad("verify.why.figure", path, String.valueOf(stated), String.valueOf(computed));
        }
    }

    /** 100·count/denominator rounded half up to two decimals, decimal comma; "0,00" for a zero denominator. */
    static String percentage(long count, long denominator) {
        if (denominator == 0) {
            return "0,00";
        }
        BigInteger hundredths = BigInteger.valueOf(count).multiply(BigInteger.valueOf(20000))
                .add(BigInteger.valueOf(denominator)).divide(BigInteger.valueOf(2 * denominator));
        BigInteger[] qr = hundredths.divideAndRemainder(BigInteger.valueOf(100));
        return qr[0] + "," + (qr[1].intValue() < 10 ? "0" : "") + qr[1];
    }

    /** The band from the last level's count against the denominator, in exact integers (10.2). */
    static String band(String kind, long last, long denominator) {
        if (kind.equals("THREE_LEVEL") && 3 * last >= 2 * denominator && denominator > 0) {
            return "TWO_THIRDS";
        }
        return 2 * last > denominator ? "OVER_HALF" : "NONE";
    }

    /** lambda_i = prod_{j != i} j / (j - i) mod q, for the tellers in the order used. */
    private static BigInteger[] lagrange(List<Partial> used) {
        BigInteger[] out = new BigInteger[used.size()];
        for (int a = 0; a < out.length; a++) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (int b = 0; b < out.length; b++) {
                if (a != b) {
                    num = num.multiply(BigInteger.valueOf(used.get(b).teller));
                    den = den.multiply(BigInteger.valueOf(used.get(b).teller - used.get(a).teller));
                }
            }
            out[a] = num.mod(Group.Q).multiply(den.mod(Group.Q).modInverse(Group.Q)).mod(Group.Q);
        }
        return out;
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** The manifest's canonical bytes (4.1). */
    private static final class Enc {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        Enc raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Enc str(String s) {
            byte[] b = nfc(s).getBytes(StandardCharsets.UTF_8);
            return raw(Group.u32(b.length)).raw(b);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
