package vn.tinnhiem.election.internal;

import org.springframework.stereotype.Component;

import vn.tinnhiem.election.Election;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;

/**
 * The conference row as each of the election services reads or locks it before its work: found (or "missing"),
 * locked for update, or locked and still editable. One place for the guards, so that every service takes the
 * row lock the same way and refuses a missing or fixed conference with the same message.
 */
@Component
public class ConferenceRows {

    private final ElectionRepository repository;

    ConferenceRows(ElectionRepository repository) {
        this.repository = repository;
    }

    /** The conference as it stands, without a lock. */
    public Election existing(ElectionId electionId) {
        return repository.find(electionId.value()).orElseThrow(ConferenceRows::missing);
    }

    /** The conference's row locked for update (after any cast or tick in flight, which hold it in share mode). */
    public Election locked(ElectionId electionId) {
        return repository.lock(electionId.value()).orElseThrow(ConferenceRows::missing);
    }

    /** The conference's row locked in share mode (a cast, a tick: they go on side by side; a close waits). */
    public Election lockedShared(ElectionId electionId) {
        return repository.lockShared(electionId.value()).orElseThrow(ConferenceRows::missing);
    }

    /** Locked for update, and refused unless its lists may still change (DRAFT). */
    public Election editable(ElectionId electionId) {
        Election election = locked(electionId);
        if (!election.status().isEditable()) {
            throw new UserFacingException("election.error.locked", "status." + election.status().name());
        }
        return election;
    }

    /** The audit log's subject for a conference. */
    public static String subject(ElectionId electionId) {
        return "election:" + electionId;
    }

    private static UserFacingException missing() {
        return new UserFacingException("election.error.missing");
    }
}
