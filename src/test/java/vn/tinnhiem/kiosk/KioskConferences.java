package vn.tinnhiem.kiosk;

import java.time.LocalDateTime;
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

/** Conferences for the kiosk tests, READY or with the polls OPEN (a key recorded, a seated teller). */
public final class KioskConferences {

    private static final String MANIFEST_HASH = "d4".repeat(32);

    private KioskConferences() {
    }

    public static ElectionId ready(ElectionServices elections, AccountService accounts, String title) {
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            ElectionId id = elections.elections().create(new ElectionDetails(title, "HĐND xã Mỹ Hòa", "Hội trường",
                    LocalDateTime.of(2026, 12, 22, 8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
            elections.candidates().addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
            elections.voterRoll().addVoter(id, new NewVoter("Lê Thị B", "Chủ tịch", "UBND xã"));
            elections.tallyBoard().addTeller(id, "Ngô Văn C", true);
            String teller = "kiosk.teller." + UUID.randomUUID().toString().substring(0, 6);
            accounts.create(teller, "Ngô Văn C", Role.TELLER);
            elections.tallyBoard().setSeatAccount(id, elections.tallyBoard().tellers(id).getFirst().id(), Optional.of(teller));
            elections.lifecycle().moveTo(id, ElectionStatus.READY);
            return id;
        }
    }

    public static ElectionId open(ElectionServices elections, AccountService accounts, String title) {
        ElectionId id = ready(elections, accounts, title);
        String teller;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            teller = elections.tallyBoard().tellers(id).getFirst().account().orElseThrow();
        }
        try (var board = Acting.as(teller, "TELLER")) {
            elections.milestones().recordKeyMade(id, MANIFEST_HASH);
            elections.lifecycle().moveTo(id, ElectionStatus.OPEN);
        }
        return id;
    }

    public static void close(ElectionServices elections, ElectionId id) {
        String teller;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            teller = elections.tallyBoard().tellers(id).getFirst().account().orElseThrow();
        }
        try (var board = Acting.as(teller, "TELLER")) {
            elections.lifecycle().moveTo(id, ElectionStatus.CLOSED);
        }
    }
}
