package vn.tinnhiem.token;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.support.Acting;

/** Conferences with a tally board of real TELLER accounts, READY or OPEN, for the card and desk tests. */
final class DeskConferences {

    static final String MANIFEST_HASH = "c3".repeat(32);

    /** A conference and the user name of the teller on its board. */
    record Made(ElectionId id, String teller, String title) {
    }

    private DeskConferences() {
    }

    static Made ready(ElectionServices elections, AccountService accounts, List<String> voters) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String teller = "kiemphieu." + suffix;
        String title = "Hội nghị thẻ " + suffix;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            accounts.create(teller, "Ngô Văn Kiểm", Role.TELLER);
            ElectionId id = elections.elections().create(new ElectionDetails(title, "HĐND xã Mỹ Hòa", "Hội trường",
                    LocalDateTime.of(2026, 12, 22, 8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
            elections.candidates().addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
            for (String v : voters) {
                elections.voterRoll().addVoter(id, new NewVoter(v, "Đại biểu", "HĐND xã"));
            }
            elections.tallyBoard().addTeller(id, "Ngô Văn Kiểm", true);
            elections.tallyBoard().setSeatAccount(id, elections.tallyBoard().tellers(id).getFirst().id(), Optional.of(teller));
            elections.lifecycle().moveTo(id, ElectionStatus.READY);
            return new Made(id, teller, title);
        }
    }

    static Made open(ElectionServices elections, AccountService accounts, List<String> voters) {
        Made made = ready(elections, accounts, voters);
        try (var teller = Acting.as(made.teller(), "TELLER")) {
            elections.milestones().recordKeyMade(made.id(), MANIFEST_HASH);
            elections.lifecycle().moveTo(made.id(), ElectionStatus.OPEN);
        }
        return made;
    }
}
