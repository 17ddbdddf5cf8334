package vn.tinnhiem.kiosk.ui;

import java.security.SecureRandom;
import java.util.Arrays;

import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.voting.CastOutcome;
import vn.tinnhiem.voting.Commitment;
import vn.tinnhiem.voting.VotingService;

/**
 * TEMPORARY BRIDGE (issue 18), to be deleted when the ballot becomes the tn-ballot web component (helper H2):
 * the server-rendered kiosk still keeps the marks on the server and seals them here, in the kiosk's own code,
 * then commits and casts through {@link VotingService#commit} and {@link VotingService#cast} like a tablet would.
 * Exempted by name from KioskHoldsNoChoicesTests until then; nothing else may use it.
 *
 * @deprecated the tablet seals in its page (frontend/tn-sealer.ts); this goes with the server-side ballot.
 */
@Deprecated(forRemoval = true)
final class LegacyTabletSealing implements AutoCloseable {

    static final int BLANK = -1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int[] levelOf;
    private final int levels;
    private boolean closed;

    LegacyTabletSealing(int candidates, int levels) {
        this.levelOf = new int[candidates];
        this.levels = levels;
        Arrays.fill(levelOf, BLANK);
    }

    int candidates() {
        return levelOf.length;
    }

    void set(int candidate, int level) {
        open();
        if (level < 0 || level >= levels) {
            throw new IllegalArgumentException("level out of range");
        }
        levelOf[candidate] = level;
    }

    void clear(int candidate) {
        open();
        levelOf[candidate] = BLANK;
    }

    int get(int candidate) {
        open();
        return levelOf[candidate];
    }

    boolean isBlank(int candidate) {
        return get(candidate) == BLANK;
    }

    int markedCount() {
        open();
        int n = 0;
        for (int level : levelOf) {
            n += level >= 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * Seals a copy of the marks for the open manifest, commits the sealed ballot and casts it. The marks stay
     * (for a "try again"); a refused commitment or a tablet fault reads as a refused cast.
     */
    CastOutcome sealCommitAndCast(CeremonyService ceremony, VotingService voting, String kioskId, long electionId,
            String card) {
        open();
        Manifest manifest = ceremony.openManifest(electionId).orElse(null);
        if (manifest == null) {
            return new CastOutcome.Refused(VotingService.POLLS_NOT_OPEN);
        }
        SealedBallot sealed = new BallotSealer(ElectionContext.of(manifest), RANDOM).seal(levelOf.clone());
        Commitment commitment = voting.commit(kioskId, electionId, card, manifest.hashHex(), sealed.encode(),
                sealed.trackingCode());
        return switch (commitment) {
            case Commitment.Accepted accepted -> voting.cast(kioskId, electionId, card, accepted.ballot());
            case Commitment.Refused refused -> new CastOutcome.Refused(refused.reasonKey(), refused.seconds());
            case Commitment.Faulty faulty -> new CastOutcome.Refused(faulty.reasonKey());
        };
    }

    @Override
    public void close() {
        Arrays.fill(levelOf, 0);
        closed = true;
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("marks already cast or discarded");
        }
    }

    @Override
    public String toString() {
        return "LegacyTabletSealing[" + levelOf.length + " candidates]";
    }
}
