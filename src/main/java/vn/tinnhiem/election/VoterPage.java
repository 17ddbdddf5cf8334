package vn.tinnhiem.election;

import java.util.List;

/** One page of the voter roll (or of a search in it), and how many voters match in all. */
public record VoterPage(List<Voter> voters, int total) {

    public VoterPage {
        voters = List.copyOf(voters);
    }
}
