package vn.tinnhiem.voting;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.shared.ElectionId;

/**
 * A tablet for tests: seals with the Java {@link BallotSealer} (test code may; the kiosk's server code may not,
 * see KioskHoldsNoChoicesTests) for the OPEN conference's manifest, then commits and casts through the real
 * {@link VotingService}, as the tablet's page does with its TypeScript sealer.
 */
public final class TestTablet {

    /** A blank choice. */
    public static final int BLANK = -1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final VotingService voting;
    private final CeremonyService ceremonies;

    public TestTablet(VotingService voting, CeremonyService ceremonies) {
        this.voting = voting;
        this.ceremonies = ceremonies;
    }

    /** Per conference, the manifest as this tablet first read it: a tablet keeps its form past the close. */
    private final Map<ElectionId, Manifest> manifests = new ConcurrentHashMap<>();

    /**
     * The OPEN conference's manifest (as the form's JSON gives it to a tablet), read once and kept, so a tablet
     * that read it before the close still seals and commits after it (and is refused then).
     */
    public Manifest manifest(ElectionId electionId) {
        return manifests.computeIfAbsent(electionId, id -> ceremonies.openManifest(id)
                .orElseThrow(() -> new AssertionError("the polls are not open")));
    }

    /** Seals {@code choices} (level per candidate, {@link #BLANK} for none; not changed) with its opening. */
    public BallotSealer.Openable seal(ElectionId electionId, int[] choices) {
        return seal(manifest(electionId), choices);
    }

    public static BallotSealer.Openable seal(Manifest manifest, int[] choices) {
        return new BallotSealer(ElectionContext.of(manifest), RANDOM).sealOpenable(choices.clone());
    }

    /** Commits a sealed ballot as a well-behaved tablet does: the manifest's hash and the bytes' tracking code. */
    public Commitment commit(String kiosk, ElectionId electionId, String card, SealedBallot sealed) {
        return voting.commit(kiosk, electionId, card, manifest(electionId).hashHex(), sealed.encode(),
                sealed.trackingCode());
    }

    /** Commits and casts a sealed ballot; a refused commitment reads as a refused cast with its reason. */
    public CastOutcome cast(String kiosk, ElectionId electionId, String card, SealedBallot sealed) {
        return castCommitted(kiosk, electionId, card, commit(kiosk, electionId, card, sealed));
    }

    /** Seals, commits and casts, as a voter at a tablet. */
    public CastOutcome vote(String kiosk, ElectionId electionId, String card, int[] choices) {
        return cast(kiosk, electionId, card, seal(electionId, choices).ballot());
    }

    /** Casts what a commitment accepted; a refusal or a tablet fault reads as a refused cast with its key. */
    public CastOutcome castCommitted(String kiosk, ElectionId electionId, String card, Commitment commitment) {
        return switch (commitment) {
            case Commitment.Accepted accepted -> voting.cast(kiosk, electionId, card, accepted.ballot());
            case Commitment.Refused refused -> new CastOutcome.Refused(refused.reasonKey(), refused.seconds());
            case Commitment.Faulty faulty -> new CastOutcome.Refused(faulty.reasonKey());
        };
    }

    /** All blank, for {@code candidates} candidates. */
    public static int[] blank(int candidates) {
        int[] choices = new int[candidates];
        Arrays.fill(choices, BLANK);
        return choices;
    }
}
