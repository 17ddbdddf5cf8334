package vn.tinnhiem.verify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import vn.tinnhiem.verify.RecordVerifier.Check;

/**
 * Check 6, {@code copies} (10.2): each row named by its bytes ({@code id}, {@code trackingCode}); {@code copyOf}
 * is a counted id; and either {@code id} = {@code copyOf}, or {@code sealed} has that counted ballot's
 * ciphertexts.
 */
final class CopiesStage {
    static final String NAME = "verify.check.copies";

    private CopiesStage() {}

    /** {@code ballots} are the counted ballots' bytes, present only with the manifest they were read against. */
    static Check check(Map<String, Object> root, @Nullable List<byte[]> ballots, @Nullable Manifest manifest) {
        try {
            if (ballots == null || manifest == null) {
                throw Stages.dependsOn(BallotsStage.NAME);
            }
            Map<String, byte[]> byId = new HashMap<>();
            for (byte[] b : ballots) {
                byId.put(Rows.id(b), b);
            }
            List<Object> list = Fields.array(root, "copies", "");
            for (int i = 0; i < list.size(); i++) {
                String cp = "copies[" + i + "]";
                Map<String, Object> c = Fields.object(list.get(i), cp);
                String id = Group.hex(Fields.hex(c, "id", cp, 16));
                byte[] sealed = Rows.sealed(c, cp);
                String copyOf = Group.hex(Fields.hex(c, "copyOf", cp, 16));
                byte[] original = byId.get(copyOf);
                Rows.namedByItsBytes(c, cp, sealed);
                // The same id (its bytes carry it), or the same ciphertexts under another id (10.2): what
                // repeats a vote is its ciphertexts, whatever proofs come with them.
                boolean repeats = original != null && (id.equals(copyOf)
                        || Ballots.sameCiphertexts(sealed, original, manifest.m(), manifest.levels()));
                if (!repeats) {
                    throw new Bad("verify.why.notACopy", id, copyOf);
                }
            }
            return Stages.holds(NAME, "verify.ok.copies", list.size());
        } catch (Bad | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Stages.failed(NAME, e);
        }
    }
}
