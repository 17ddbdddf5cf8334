package vn.tinnhiem.count;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.tinnhiem.count.internal.CountRepository;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.voting.VotingService;

/**
 * The published tracking codes and a voter's own check of theirs, with no staff session. Reads only.
 */
@Service
public class BallotTracking {

    private final VotingService voting;
    private final CountRepository repository;

    BallotTracking(VotingService voting, CountRepository repository) {
        this.voting = voting;
        this.repository = repository;
    }

    /** Every tracking code in the box, sorted; public once the polls are closed. */
    public List<String> publishedCodes(ElectionId electionId) {
        return voting.publishedTrackingCodes(electionId);
    }

    /**
     * A voter's own check, with no staff session: is the code typed or scanned in this closed box, and was it
     * counted. Typing slips are forgiven as Crockford base32 forgives them (O for 0, I and L for 1, any case,
     * spaces or no dashes).
     */
    @Transactional(readOnly = true)
    public TrackedBallot track(ElectionId electionId, String typed) {
        String code = trackingCode(typed);
        if (code == null || !voting.publishedTrackingCodes(electionId).contains(code)) {
            return TrackedBallot.NOT_FOUND;
        }
        Optional<CountRepository.BoxRow> box = repository.box(electionId.value());
        if (box.isEmpty()) {
            return TrackedBallot.IN_BOX;
        }
        BoxVerdict v = StoredCount.verdict(box.get(), 0);
        if (v.setAside().stream().anyMatch(a -> a.trackingCode().equals(code))) {
            return TrackedBallot.SET_ASIDE;
        }
        if (v.copies().stream().anyMatch(c -> c.trackingCode().equals(code))) {
            return TrackedBallot.COPY;
        }
        return TrackedBallot.COUNTED;
    }

    /** "7qx2 m0kd rt4b 9hze" or "7QX2M0KDRT4B9HZE" to "7QX2-M0KD-RT4B-9HZE"; null if it cannot be a code. */
    static @Nullable String trackingCode(String typed) {
        String t = typed.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "").replace('O', '0')
                .replace('I', '1').replace('L', '1');
        if (!t.matches("[0-9A-HJKMNP-TV-Z]{16}")) {
            return null;
        }
        return t.substring(0, 4) + "-" + t.substring(4, 8) + "-" + t.substring(8, 12) + "-" + t.substring(12);
    }
}
