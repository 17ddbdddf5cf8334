package vn.tinnhiem.verify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import vn.tinnhiem.verify.RecordVerifier.Check;

/**
 * Check 2, {@code manifest} (10.2): Q̄ recomputed from the fields (4.1; the level names come from {@code kind})
 * equals {@code hash}; orders 1..m, ids distinct after NFC, 1 ≤ k ≤ n ≤ 255; the key and commitments are 66 hex
 * characters.
 */
final class ManifestStage {
    static final String NAME = "verify.check.manifest";

    private ManifestStage() {}

    /**
     * The check, and what it read for the later checks: present whenever the fields are readable, even if the
     * hash is wrong, since they use the hash as written (so a changed field fails here alone, and a changed hash
     * fails here and in every proof).
     */
    record Result(Check check, @Nullable Manifest manifest) {}

    static Result check(Map<String, Object> root) {
        Manifest read = null;
        try {
            Map<String, Object> mf = Fields.object(root, "manifest", "");
            String p = "manifest";
            String electionId = Fields.string(mf, "electionId", p);
            String title = Fields.string(mf, "title", p);
            String kind = Fields.string(mf, "kind", p);
            List<String> levelNames = switch (kind) {
                case "THREE_LEVEL" -> List.of("HIGH", "MEDIUM", "LOW");
                case "TWO_LEVEL" -> List.of("CONFIDENCE", "NO_CONFIDENCE");
                default -> throw Bad.field(p + ".kind");
            };
            String ruleSet = Fields.string(mf, "ruleSet", p);
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
            // Later checks use the hash as written, so that a changed field is reported here alone; a changed
            // hash breaks every proof as well.
            read = new Manifest(cands.size(), levelNames.size(), kind, ruleSet, (int) kk, (int) nn, ids, stated);
            if (!Arrays.equals(computed, stated)) {
                throw new Bad("verify.why.manifestHash", Group.hex(computed), Group.hex(stated));
            }
            return new Result(Stages.holds(NAME, "verify.ok.manifest", Group.hex(computed), read.m()), read);
        } catch (Bad | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new Result(Stages.failed(NAME, e), read);
        }
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** The manifest's canonical bytes (4.1). */
    private static final class Enc {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

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
