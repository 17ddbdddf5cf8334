package vn.tinnhiem.count;

import static vn.tinnhiem.db.Tables.BALLOT;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import org.jooq.DSLContext;

import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.SealedBallot;

/**
 * A box of many ballots for the benchmarks (the count's and the backup's): sealed in parallel with the election key,
 * choices spread over every level and blank, and written straight into the table in batches, as thousands of
 * tablets would have left it (no card is spent: the benchmarks time what comes after the casting).
 */
public final class FullBox {

    private FullBox() {
    }

    public static void fill(DSLContext db, long electionId, ElectionContext ctx, int ballots, int candidates) {
        List<SealedBallot> sealed = IntStream.range(0, ballots).parallel().mapToObj(v -> {
            int[] choices = new int[candidates];
            for (int c = 0; c < candidates; c++) {
                choices[c] = (v + c) % 4 == 3 ? -1 : (v + c) % 4;
            }
            return new BallotSealer(ctx, new SecureRandom()).seal(choices);
        }).toList();
        for (int from = 0; from < ballots; from += 500) {
            var insert = db.insertInto(BALLOT, BALLOT.ELECTION_ID, BALLOT.ID, BALLOT.TRACKING_CODE, BALLOT.SEALED);
            for (SealedBallot b : sealed.subList(from, Math.min(ballots, from + 500))) {
                insert = insert.values(electionId, HexFormat.of().parseHex(b.id()), b.trackingCode(), b.encode());
            }
            insert.execute();
        }
    }
}
