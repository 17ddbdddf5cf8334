package vn.tinnhiem.voting;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotVerifier;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.voting.internal.ProofChecks;

/**
 * Per conference, what its OPEN manifest gives: the context, the proof checks and the form. A manifest is fixed
 * once the polls open (OPEN only moves on to CLOSED), and an entry is made only from the manifest of an OPEN
 * conference, keyed by its hash; each cast's own transaction still checks that the polls are open.
 */
final class OpenManifests {

    /** One conference's open manifest, ready for checking what tablets seal under it. */
    record Prepared(String manifestHash, ElectionContext context, ProofChecks proofs, BallotForm form,
            int candidates, int levels) {}

    private final CeremonyService ceremony;
    private final SecureRandom random = new SecureRandom();
    /** One permit per core, shared by every check of proofs and openings ({@link ProofChecks}). */
    private final Semaphore verifying;
    private final Map<ElectionId, Prepared> prepared = new ConcurrentHashMap<>();

    OpenManifests(CeremonyService ceremony, Semaphore verifying) {
        this.ceremony = ceremony;
        this.verifying = verifying;
    }

    /** The entry made already, or one read now if there is none. */
    Optional<Prepared> cached(ElectionId electionId) {
        Prepared p = prepared.get(electionId);
        return p != null ? Optional.of(p) : refresh(electionId);
    }

    /** Reads the OPEN conference's manifest and (re)builds its entry if the manifest hash changed. */
    Optional<Prepared> refresh(ElectionId electionId) {
        Optional<Manifest> manifest = ceremony.openManifest(electionId);
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        Manifest m = manifest.get();
        String hash = m.hashHex();
        return Optional.of(prepared.compute(electionId, (id, old) -> {
            if (old != null && old.manifestHash().equals(hash)) {
                return old;
            }
            ElectionContext context = ElectionContext.of(m);
            return new Prepared(hash, context, new ProofChecks(new BallotVerifier(context, random), verifying),
                    formOf(electionId, m, hash),
                    m.candidateCount(), m.levelCount());
        }));
    }

    private static BallotForm formOf(ElectionId electionId, Manifest m, String hash) {
        return new BallotForm(electionId, m.title(), m.kind(), m.candidates().stream()
                .map(c -> new BallotForm.Entry(c.order(), c.name(), c.position())).toList(), m.toJson(), hash);
    }
}
