package vn.tinnhiem.election;

/**
 * What later stages report back to the lifecycle: the key ceremony module says whether a conference
 * has its election key, the tally module whether it has been counted. Until a module provides an
 * implementation, the answer is no, so a conference can never open without a key.
 */
public interface ElectionProgress {

    boolean keyCeremonyDone(long electionId);

    boolean counted(long electionId);
}
