package vn.tinnhiem.election;

import java.time.LocalDateTime;

import vn.tinnhiem.crypto.BallotKind;

/** What the organiser types about a conference. The time is the hall's local time. */
public record ElectionDetails(String title, String body, String place, LocalDateTime startsAt, BallotKind ballotKind,
        RuleSet ruleSet) {
}
