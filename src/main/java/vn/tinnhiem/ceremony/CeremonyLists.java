package vn.tinnhiem.ceremony;

import java.util.List;

import org.springframework.stereotype.Component;

import vn.tinnhiem.ceremony.internal.KeyRepository;
import vn.tinnhiem.ceremony.internal.KeyRepository.StoredKey;
import vn.tinnhiem.ceremony.internal.RunningDealings;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.election.OpenPolls;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.Milestone;
import vn.tinnhiem.election.Teller;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;

/**
 * The conference as every step of the ceremony sees it: found, or locked first and READY; the request its lists
 * give (the frozen candidates, k, n and the board); and whether a stored key is still its current one. The key
 * counts only for the lists it was made for, and only until the lifecycle voids it.
 */
@Component
class CeremonyLists {

    private final Elections elections;
    private final Candidates candidates;
    private final TallyBoard tallyBoard;
    private final Milestones milestones;
    private final OpenPolls openPolls;
    private final KeyRepository keys;
    private final RunningDealings dealings;

    CeremonyLists(Elections elections, Candidates candidates, TallyBoard tallyBoard, Milestones milestones, OpenPolls openPolls, KeyRepository keys, RunningDealings dealings) {
        this.elections = elections;
        this.candidates = candidates;
        this.tallyBoard = tallyBoard;
        this.milestones = milestones;
        this.openPolls = openPolls;
        this.keys = keys;
        this.dealings = dealings;
    }

    /**
     * Whether the stored key still belongs to this conference as it is: made for exactly these lists (the
     * manifest hash), and, once every card was checked, still the one the lifecycle recorded (going back to
     * DRAFT voids it).
     */
    boolean current(Election election, List<Teller> board, StoredKey key) {
        if (election.status() == ElectionStatus.DRAFT || board.size() != key.n()) {
            return false;
        }
        Manifest manifest = request(election, board).manifest(key.electionKey(), key.commitments());
        if (!manifest.hashHex().equals(key.manifestHash())) {
            return false;
        }
        String recorded = milestones.reported(election.id()).get(Milestone.KEY_MADE);
        boolean allChecked = keys.allChecked(election.id().value());
        return allChecked ? key.manifestHash().equals(recorded) : recorded == null;
    }

    StoredKey currentKey(Election election, CeremonyRequest request) {
        StoredKey key = keys.find(election.id().value()).orElseThrow(() -> new UserFacingException("ceremony.error.notStarted"));
        if (!current(election, tallyBoard.tellers(election.id()), key)) {
            throw new UserFacingException("ceremony.error.voided");
        }
        return key;
    }

    /** Voids the key the lifecycle recorded (its cards with it) and drops any dealing; whether there was one. */
    boolean voidEarlierKey(ElectionId electionId) {
        boolean had = keys.find(electionId.value()).isPresent();
        if (milestones.reported(electionId).containsKey(Milestone.KEY_MADE)) {
            milestones.voidKey(electionId);
            had = true;
        }
        dealings.destroy(electionId);
        keys.delete(electionId.value());
        return had;
    }

    Election existing(ElectionId electionId) {
        return elections.find(electionId).orElseThrow(() -> new UserFacingException("election.error.missing"));
    }

    /**
     * The conference locked for update as this transaction's first statement, and READY: two cards checked back at
     * once are taken one after the other, so the last one sees every other and the key is recorded exactly once.
     */
    Election lockedReady(ElectionId electionId) {
        Election election = openPolls.lockFirst(electionId);
        if (election.status() != ElectionStatus.READY) {
            throw new UserFacingException("ceremony.error.notReady", "status." + election.status().name());
        }
        return election;
    }

    Election ready(ElectionId electionId) {
        Election election = existing(electionId);
        if (election.status() != ElectionStatus.READY) {
            throw new UserFacingException("ceremony.error.notReady", "status." + election.status().name());
        }
        return election;
    }

    CeremonyRequest request(Election election) {
        return request(election, tallyBoard.tellers(election.id()));
    }

    CeremonyRequest request(Election election, List<Teller> board) {
        if (board.isEmpty()) {
            throw new UserFacingException("lifecycle.refuse.noTellers");
        }
        List<Manifest.Candidate> candidates = onBallot(this.candidates.list(election.id()));
        List<CeremonyRequest.Seat> seats = board.stream()
                .map(t -> new CeremonyRequest.Seat(t.seat(), t.fullName(), t.head())).toList();
        var d = election.details();
        return new CeremonyRequest(election.id().toString(), d.title(), d.body(), d.place(), d.startsAt(),
                d.ballotKind(), d.ruleSet().name(), candidates, election.thresholdK(), board.size(), seats);
    }

    /** The candidates as the manifest names them: the stored id, the ballot order, name and position. */
    static List<Manifest.Candidate> onBallot(List<vn.tinnhiem.election.Candidate> candidates) {
        return candidates.stream()
                .map(c -> new Manifest.Candidate(Long.toString(c.id()), c.ordinal(), c.fullName(), c.jobTitle()))
                .toList();
    }

    /** The audit subject of a conference's ceremony. */
    static String subject(ElectionId electionId) {
        return "election:" + electionId;
    }
}
