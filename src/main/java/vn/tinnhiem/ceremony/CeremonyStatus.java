package vn.tinnhiem.ceremony;

import java.util.List;
import java.util.Optional;

import vn.tinnhiem.shared.ElectionId;

/**
 * A conference's ceremony as the console shows it.
 *
 * @param manifestHash the frozen manifest's hash (64 hex), once the key is made
 * @param fingerprint the election key's fingerprint, read aloud at the ceremony
 * @param offline whether the key was made on the offline laptop (the server saw no secret at all)
 */
public record CeremonyStatus(ElectionId electionId, CeremonyStage stage, int k, int n, Optional<String> manifestHash,
        Optional<String> fingerprint, boolean offline, List<SeatCard> seats) {

    public boolean allIssued() {
        return !seats.isEmpty() && seats.stream().allMatch(SeatCard::issued);
    }
}
