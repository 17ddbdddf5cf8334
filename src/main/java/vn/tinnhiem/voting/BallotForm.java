package vn.tinnhiem.voting;

import java.util.List;

import vn.tinnhiem.crypto.BallotKind;

/** What a kiosk shows: the conference's title, the kind (levels), the candidates in order. */
public record BallotForm(long electionId, String title, BallotKind kind, List<Entry> candidates) {

    public BallotForm {
        candidates = List.copyOf(candidates);
    }

    /** One candidate: {@code order} is 1-based; the mark for it goes to index {@code order - 1} of {@link Marks}. */
    public record Entry(int order, String name, String position) {}

    /** A fresh, all-blank set of marks for this form. */
    public Marks newMarks() {
        return new Marks(candidates.size(), kind.levelCount());
    }
}
