package vn.tinnhiem.verify;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

import vn.tinnhiem.verify.RecordVerifier.Check;

/**
 * Check 13, {@code checked} (10.2 "checked", 5.6), last so that checks 1-12 keep their numbers: each checked
 * ballot named by its bytes, a valid ballot of the manifest (its proofs hold), opened by its opening (every
 * ciphertext computed again from the revealed choice and nonces), its listed choices those of the opening; sorted
 * by id, none with a counted ballot's id and none sharing an α (a nonce) with a counted ballot, so no checked
 * ballot is also a counted vote. A record written before checked ballots were recorded has no such member:
 * nothing to check, and said so.
 */
final class CheckedBallotsStage {
    static final String NAME = "verify.check.checked";

    private CheckedBallotsStage() {}

    static Check check(Map<String, Object> root, @Nullable Manifest manifest, @Nullable ECPoint key,
            @Nullable List<byte[]> ballots, SecureRandom rng) {
        try {
            if (!root.containsKey("checked")) {
                return Stages.holds(NAME, "verify.ok.checkedAbsent");
            }
            if (manifest == null) {
                throw Stages.dependsOn(ManifestStage.NAME);
            }
            if (key == null) {
                throw Stages.dependsOn(CommitmentsStage.NAME);
            }
            if (ballots == null) {
                throw Stages.dependsOn(BallotsStage.NAME);
            }
            int m = manifest.m();
            int levels = manifest.levels();
            Set<String> countedIds = new HashSet<>();
            Map<String, String> countedAlphas = new HashMap<>();
            int s = Ballots.ITEM * levels + Ballots.SUM;
            for (byte[] b : ballots) {
                String id = Rows.id(b);
                countedIds.add(id);
                for (int c = 0; c < m; c++) {
                    for (int l = 0; l < levels; l++) {
                        countedAlphas.putIfAbsent(alpha(b, 24 + c * s + Ballots.ITEM * l), id);
                    }
                }
            }
            List<String> names = manifest.levelNames();
            List<Object> list = Fields.array(root, "checked", "");
            String previous = null;
            for (int i = 0; i < list.size(); i++) {
                String cp = "checked[" + i + "]";
                Map<String, Object> row = Fields.object(list.get(i), cp);
                byte[] sealed = Rows.sealed(row, cp);
                Rows.namedByItsBytes(row, cp, sealed);
                String code = Ballots.trackingCode(sealed);
                if (!Ballots.verify(sealed, manifest.qbar(), key, m, levels, rng)) {
                    throw new Bad("verify.why.checkedProofs", code);
                }
                String id = Rows.id(sealed);
                if (previous != null && id.compareTo(previous) <= 0) {
                    throw new Bad(id.equals(previous) ? "verify.why.checkedSameId" : "verify.why.checkedNotSorted", code);
                }
                previous = id;
                if (countedIds.contains(id)) {
                    throw new Bad("verify.why.checkedCounted", code, id);
                }
                for (int c = 0; c < m; c++) {
                    for (int l = 0; l < levels; l++) {
                        String other = countedAlphas.get(alpha(sealed, 24 + c * s + Ballots.ITEM * l));
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
            return Stages.holds(NAME, "verify.ok.checked", list.size());
        } catch (Bad | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Stages.failed(NAME, e);
        }
    }

    /** The α at offset {@code o} of a ballot's bytes (65 bytes, uncompressed), in hex. */
    private static String alpha(byte[] ballot, int o) {
        return Group.hex(Arrays.copyOfRange(ballot, o, o + 65));
    }
}
