package vn.tinnhiem.verify;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import vn.tinnhiem.shared.files.Sha256;
import vn.tinnhiem.verify.RecordVerifier.Check;

/**
 * Check 8, {@code box} (10.2): the closing figures ({@code quorumMet} iff 3P ≥ 2S; P ≤ S; X ≤ A;
 * {@code cardsUnspent} = A − X), the conference block's form, and the box ({@code stored} = N + |copies| +
 * |setAside|, {@code counted} = N, {@code spentCards} = X, {@code difference} = N − X). It states the
 * tracking-code digest and, when present, the close's audit entry, for the auditor's comparison with the audit
 * chain.
 */
final class BoxStage {
    static final String NAME = "verify.check.box";

    private BoxStage() {}

    /**
     * The check, and S (summoned) and A (cards activated) for the results, each as soon as it is read
     * (-1 before): a later figure of the closing block that is wrong leaves them usable.
     */
    record Result(Check check, long summoned, long activated) {}

    static Result check(Map<String, Object> root) {
        long summoned = -1;
        long activated = -1;
        try {
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
            Stages.same("closing.cardsUnspent", unspent, activated - spent);
            conference(root);
            Map<String, Object> box = Fields.object(root, "box", "");
            long n = Fields.array(root, "ballots", "").size();
            long stored = n + Fields.array(root, "copies", "").size() + Fields.array(root, "setAside", "").size();
            Stages.same("box.stored", Fields.integer(box, "stored", "box"), stored);
            Stages.same("box.counted", Fields.integer(box, "counted", "box"), n);
            Stages.same("box.spentCards", Fields.integer(box, "spentCards", "box"), spent);
            Object d = box.get("difference");
            if (!(d instanceof BigInteger diff) || diff.longValue() != n - spent || diff.bitLength() > 62) {
                throw new Bad("verify.why.figure", "box.difference", String.valueOf(d), String.valueOf(n - spent));
            }
            // What binds the rows and the figures to the close is the close's audit entry (10.2, "closing"):
            // the verifier states the digest of every row's tracking code, and the entry, for an auditor to
            // compare with the anchored audit chain.
            String codes = codesDigest(root);
            Check holds;
            if (cl.containsKey("auditSeq")) {
                long seq = Fields.integer(cl, "auditSeq", "closing");
                String hash = Group.hex(Fields.hex(cl, "auditHash", "closing", 32));
                holds = Stages.holds(NAME, "verify.ok.boxAudited", stored, n, spent, n - spent, codes, seq, hash);
            } else {
                holds = Stages.holds(NAME, "verify.ok.box", stored, n, spent, n - spent, codes);
            }
            return new Result(holds, summoned, activated);
        } catch (Bad | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new Result(Stages.failed(NAME, e), summoned, activated);
        }
    }

    /** Body and place are non-empty; startsAt is a local date and time, yyyy-MM-ddTHH:mm (9). */
    private static void conference(Map<String, Object> root) throws Bad {
        Map<String, Object> c = Fields.object(root, "conference", "");
        for (String f : List.of("body", "place")) {
            if (Fields.string(c, f, "conference").isBlank()) {
                throw Bad.field("conference." + f);
            }
        }
        String at = Fields.string(c, "startsAt", "conference");
        try {
            LocalDateTime t = LocalDateTime.parse(at);
            if (at.length() != 16 || !t.toString().equals(at)) {
                throw Bad.field("conference.startsAt");
            }
        } catch (DateTimeParseException e) {
            throw Bad.field("conference.startsAt");
        }
    }

    /**
     * SHA-256 of the tracking codes of every stored row (counted ballots, copies, set-aside rows), sorted,
     * joined by line feeds (10.2, "closing"): the figure the close's audit entry fixes.
     */
    private static String codesDigest(Map<String, Object> root) throws Bad {
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
}
