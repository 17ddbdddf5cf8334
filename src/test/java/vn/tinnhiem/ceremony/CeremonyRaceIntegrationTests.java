package vn.tinnhiem.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.VoterRoll;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.Milestone;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Pdfs;
import vn.tinnhiem.support.Staff;

/**
 * The last two share cards checked back at the same instant, at two consoles: one of the two checks must see the
 * other and record the election key, exactly once. When each check read the seats in its own snapshot before it
 * locked, both saw the other seat unchecked and the ceremony never completed.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class CeremonyRaceIntegrationTests {

    private static final int ROUNDS = 20;

    @Autowired
    CeremonyService ceremonies;
    @Autowired
    Elections elections;
    @Autowired
    Candidates candidates;
    @Autowired
    VoterRoll voterRoll;
    @Autowired
    TallyBoard tallyBoard;
    @Autowired
    Lifecycle lifecycle;
    @Autowired
    Milestones milestones;
    @Autowired
    AccountService accounts;
    @Autowired
    AuditLog audit;

    @Test
    void the_last_two_cards_checked_at_once_complete_the_ceremony_exactly_once() throws Exception {
        List<String> failures = new ArrayList<>();
        ExecutorService consoles = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                ElectionId id = readyConference("Lễ lập khóa đồng thời " + round + " " + System.nanoTime());
                ceremonies.start(id);
                List<String> cards = new ArrayList<>();
                for (int seat = 1; seat <= 3; seat++) {
                    cards.add(Pdfs.qrText(ceremonies.issueCard(id, seat, null, Staff.PASSWORD.toCharArray()), 0));
                }
                ceremonies.checkCard(id, 1, cards.get(0), null);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<CardCheck>> checks = new ArrayList<>();
                for (int seat = 2; seat <= 3; seat++) {
                    int s = seat;
                    checks.add(consoles.submit(() -> {
                        start.await();
                        try (var organiser = Acting.as("organiser", "ADMIN")) {
                            return ceremonies.checkCard(id, s, cards.get(s - 1), null);
                        }
                    }));
                }
                start.countDown();
                long completedChecks = 0;
                for (Future<CardCheck> check : checks) {
                    CardCheck result = check.get(1, TimeUnit.MINUTES);
                    assertThat(result.refusal()).isEmpty();
                    completedChecks += result.ceremonyComplete() ? 1 : 0;
                }
                long completedEntries = audit.newest(200).stream()
                        .filter(e -> e.subject().equals("election:" + id) && e.action().equals("ceremony.completed"))
                        .count();
                boolean keyMade = milestones.reported(id).containsKey(Milestone.KEY_MADE);
                if (!keyMade || completedChecks != 1 || completedEntries != 1) {
                    failures.add("round " + round + ": key made " + keyMade + ", checks that completed it "
                            + completedChecks + ", completion entries " + completedEntries);
                }
            }
        } finally {
            consoles.shutdownNow();
        }
        assertThat(failures).as("rounds where the ceremony did not complete exactly once, of " + ROUNDS).isEmpty();
    }

    private ElectionId readyConference(String title) {
        ElectionId id = elections.create(new ElectionDetails(title, "HĐND xã Mỹ Hòa", "Hội trường UBND xã",
                LocalDateTime.of(2026, 12, 23, 8, 0), BallotKind.THREE_LEVEL, RuleSet.NQ_96_2023));
        candidates.addCandidate(id, "Trần Văn Ánh", "Chủ tịch HĐND xã");
        voterRoll.addVoter(id, new NewVoter("Phạm Văn Cường", "Đại biểu", "HĐND xã"));
        for (String name : List.of("Ngô Văn Dũng", "Đỗ Thị Hà", "Vũ Văn Khoa")) {
            tallyBoard.addTeller(id, name, name.startsWith("Ngô"));
        }
        tallyBoard.setThreshold(id, 2);
        for (var t : tallyBoard.tellers(id)) {
            String username = "race" + id + "." + t.seat();
            Staff.createNamed(accounts, username, t.fullName(), Role.TELLER);
            tallyBoard.setSeatAccount(id, t.id(), Optional.of(username));
        }
        lifecycle.moveTo(id, ElectionStatus.READY);
        return id;
    }
}
