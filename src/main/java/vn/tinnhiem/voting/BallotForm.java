package vn.tinnhiem.voting;

import java.util.List;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.shared.ElectionId;

/**
 * What a kiosk shows: the conference's title, the kind (levels), the candidates in order, and the manifest the
 * tablet seals for ({@code manifestJson}, docs/protocol.md 9; {@code manifestHash}, its hash Q̄ in lower-case hex,
 * which the tablet sends back with each sealed ballot).
 */
public record BallotForm(ElectionId electionId, String title, BallotKind kind, List<Entry> candidates, String manifestJson,
        String manifestHash) {

    public BallotForm {
        candidates = List.copyOf(candidates);
    }

    /** One candidate: {@code order} is 1-based, the candidate's place on the ballot and in the sealed ballot. */
    public record Entry(int order, String name, String position) {}
}
