package vn.tinnhiem.crypto;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Shared test data: an election with m candidates, and random ballots. */
public final class Fixtures {
    private Fixtures() {}

    /** An election and the dealing that made its key (caller destroys the dealing when done). */
    public record Election(Manifest manifest, ElectionContext ctx, Ceremony.Dealing dealing) {}

    public static Election election(String id, int m, BallotKind kind, int k, int n, SecureRandom rng) {
        Ceremony.Dealing d = Ceremony.deal(k, n, rng);
        Manifest mf = manifest(id, m, kind, d.electionKey(), d.commitments(), k, n);
        return new Election(mf, ElectionContext.of(mf), d);
    }

    public static Manifest manifest(String id, int m, BallotKind kind, Point key, List<Point> commitments, int k, int n) {
        List<Manifest.Candidate> cands = new ArrayList<>();
        for (int i = 1; i <= m; i++) {
            cands.add(new Manifest.Candidate("cand-" + i, i, "Nguyễn Văn " + i, "Trưởng phòng " + i));
        }
        return new Manifest(id, "Hội nghị lấy phiếu tín nhiệm " + id, cands, kind, "96-QD/TW", key, commitments, k, n);
    }

    /** Random choices: each candidate a level or (with probability 1/8) blank. */
    public static int[] randomChoices(int m, int levels, SecureRandom rng) {
        int[] out = new int[m];
        for (int c = 0; c < m; c++) {
            out[c] = rng.nextInt(8) == 0 ? -1 : rng.nextInt(levels);
        }
        return out;
    }
}
