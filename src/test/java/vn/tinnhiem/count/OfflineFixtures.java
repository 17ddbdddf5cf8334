package vn.tinnhiem.count;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.Ceremony;
import vn.tinnhiem.crypto.Counts;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.Point;
import vn.tinnhiem.crypto.SealedBallot;

/** A conference as the count sees it: its manifest, the dealing that made its key, ballots cast and their totals. */
final class OfflineFixtures {

    private OfflineFixtures() {
    }

    /** Conference {@code id}'s lists (three candidates, three levels), with this key. */
    static Manifest manifest(String id, Point key, List<Point> commitments, int k, int n) {
        List<Manifest.Candidate> candidates = List.of(
                new Manifest.Candidate("7", 1, "Nguyễn Văn An", "Chủ tịch Ủy ban nhân dân huyện"),
                new Manifest.Candidate("8", 2, "Đỗ Thị Bích Hằng", "Phó Chủ tịch Hội đồng nhân dân huyện"),
                new Manifest.Candidate("9", 3, "Hoàng Minh Đức", "Trưởng phòng Nội vụ"));
        return new Manifest(id, "Hội nghị lấy phiếu tín nhiệm giữa nhiệm kỳ 2026", candidates, BallotKind.THREE_LEVEL,
                "QD_96_2023", key, commitments, k, n);
    }

    /**
     * A conference after the polls closed: the key made k of n, {@code ballots} ballots cast (a level or
     * blank for each candidate), their totals, and the counts they must decrypt to. Close the dealing when done.
     */
    record Conference(Manifest manifest, Ceremony.Dealing dealing, List<SealedBallot> ballots, EncryptedTally tally,
            int[][] expected) {

        ElectionContext ctx() {
            return ElectionContext.of(manifest);
        }

        EncryptedTotalsFile totals() {
            return new EncryptedTotalsFile(manifest, tally);
        }

        /** Whether decrypted counts are those cast. */
        boolean matches(Counts counts) {
            if (counts.ballots() != ballots.size()) {
                return false;
            }
            for (int c = 0; c < expected.length; c++) {
                for (int l = 0; l < 3; l++) {
                    if (counts.candidates().get(c).levels().get(l) != expected[c][l]) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    static Conference conference(String id, int k, int n, int ballotCount, SecureRandom rng) {
        Ceremony.Dealing dealing = Ceremony.deal(k, n, rng);
        Manifest manifest = manifest(id, dealing.electionKey(), dealing.commitments(), k, n);
        BallotSealer sealer = new BallotSealer(ElectionContext.of(manifest), rng);
        int[][] expected = new int[3][3];
        List<SealedBallot> ballots = new ArrayList<>();
        for (int b = 0; b < ballotCount; b++) {
            int[] choices = new int[3];
            for (int c = 0; c < 3; c++) {
                // A quarter of the marks left blank, so invalid counts appear too.
                choices[c] = (b + c) % 4 == 3 ? -1 : rng.nextInt(3);
                if (choices[c] >= 0) {
                    expected[c][choices[c]]++;
                }
            }
            ballots.add(sealer.seal(choices));
        }
        EncryptedTally tally = EncryptedTally.aggregate(ElectionContext.of(manifest), ballots, false);
        return new Conference(manifest, dealing, ballots, tally, expected);
    }
}
