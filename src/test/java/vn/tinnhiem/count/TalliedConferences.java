package vn.tinnhiem.count;

import java.util.List;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.VotingService;

/**
 * For tests outside this package: a conference cast through the services ({@link CountConferences}) and then
 * closed, or closed and counted by the board (box check, seats 1 and 3 unseal), ready for the screens of the
 * count, the minutes and the projector.
 */
public record TalliedConferences(ElectionServices elections, AccountService accounts, CeremonyService ceremonies,
        TokenService tokens, VotingService voting, PollsClose polls, BoxCheck box,
        TotalsUnsealing unsealing) {

    /** @param tellers the board's usernames by seat; the head (seat 1) first */
    public record Counted(long id, String title, List<String> tellers, int ballots, List<String> trackingCodes) {
    }

    /** Cast and closed: the board's next step is the count. Voter v marks candidate c at (v + c) mod 3. */
    public Counted closed(int candidates, int summoned, int present, int ballots) {
        var cast = new CountConferences(elections, accounts, ceremonies, tokens, voting)
                .cast(candidates, summoned, present, ballots, 1, (v, c) -> (v + c) % 3);
        try (var board = Acting.as(cast.tellers().getFirst(), "TELLER")) {
            polls.close(cast.id());
        }
        return new Counted(cast.id().value(), cast.title(), cast.tellers(), cast.ballots(), cast.trackingCodes());
    }

    /** Cast, closed, box checked and unsealed with seats 3 and 1 ({@link CountConferences#tally}): TALLIED. */
    public Counted tallied(int candidates, int summoned, int present, int ballots) {
        var conferences = new CountConferences(elections, accounts, ceremonies, tokens, voting);
        var cast = conferences.cast(candidates, summoned, present, ballots, 1, (v, c) -> (v + c) % 3);
        conferences.tally(cast, polls, box, unsealing);
        return new Counted(cast.id().value(), cast.title(), cast.tellers(), cast.ballots(), cast.trackingCodes());
    }
}
