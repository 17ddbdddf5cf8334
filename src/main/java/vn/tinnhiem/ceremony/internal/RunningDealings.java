package vn.tinnhiem.ceremony.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import vn.tinnhiem.crypto.Ceremony;
import vn.tinnhiem.shared.ElectionId;

/**
 * The one place a dealing lives while its cards are printed: in memory only, never in a session, a file or
 * the database. A dealing is destroyed (its numbers zeroed) as soon as its last card is out, when the
 * ceremony starts again, or when it is abandoned; a restart of the server loses it, and the ceremony is
 * then started again.
 */
@Component
public class RunningDealings {

    /** A dealing for the manifest with this hash. */
    public record Running(Ceremony.Dealing dealing, String manifestHash) {
    }

    private final Map<ElectionId, Running> byElection = new ConcurrentHashMap<>();

    public void put(ElectionId electionId, Ceremony.Dealing dealing, String manifestHash) {
        Running old = byElection.put(electionId, new Running(dealing, manifestHash));
        if (old != null) {
            old.dealing().destroy();
        }
    }

    /** The dealing for exactly this manifest, if it is still here. */
    public Optional<Running> get(ElectionId electionId, String manifestHash) {
        Running r = byElection.get(electionId);
        return r != null && r.manifestHash().equals(manifestHash) && !r.dealing().isDestroyed() ? Optional.of(r)
                : Optional.empty();
    }

    public void destroy(ElectionId electionId) {
        Running old = byElection.remove(electionId);
        if (old != null) {
            old.dealing().destroy();
        }
    }

    /** Destroys one seat's share (its card was taken); the others stay. */
    public void destroyShare(ElectionId electionId, int seat) {
        Running r = byElection.get(electionId);
        if (r != null && seat >= 1 && seat <= r.dealing().shares().size()) {
            r.dealing().shares().get(seat - 1).destroy();
        }
    }

    /** Whether every share of the election's dealing is destroyed (true when there is none). */
    public boolean allDestroyed(ElectionId electionId) {
        Running r = byElection.get(electionId);
        return r == null || r.dealing().isDestroyed() || r.dealing().shares().stream().allMatch(s -> s.isDestroyed());
    }

    /** How many dealings are held: 0 whenever no ceremony is printing cards. */
    public int held() {
        return byElection.size();
    }
}
