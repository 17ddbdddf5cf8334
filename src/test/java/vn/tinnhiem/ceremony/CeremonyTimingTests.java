package vn.tinnhiem.ceremony;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.VoterRoll;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.Cards;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Pdfs;
import vn.tinnhiem.support.Staff;

/**
 * How long the console ceremony takes through the real service and database: make the key, print every card
 * (PDF with its QR code), check every card back. A benchmark, not a test: it prints figures for
 * docs/performance.md and is run by hand ({@code -Dgroups=benchmark -Dtest=CeremonyTimingTests}).
 */
@IntegrationTest
@Tag("benchmark")
@WithMockUser(username = "organiser", roles = "ADMIN")
class CeremonyTimingTests {

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
    vn.tinnhiem.account.AccountService accounts;

    @Test
    void time_of_the_console_ceremony_for_three_and_fifteen_tellers() {
        run(3, 2, false); // warm-up
        for (int[] board : new int[][] {{3, 2}, {15, 8}}) {
            for (boolean passphrases : new boolean[] {false, true}) {
                run(board[0], board[1], passphrases);
            }
        }
    }

    private void run(int n, int k, boolean passphrases) {
        ElectionId id = elections.create(new ElectionDetails("Đo thời gian lễ tạo khóa " + n, "HĐND huyện", "Hội trường",
                LocalDateTime.of(2026, 12, 23, 8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
        for (int c = 1; c <= 13; c++) {
            candidates.addCandidate(id, "Ứng viên " + c, "Chức vụ " + c);
        }
        voterRoll.addVoter(id, new NewVoter("Người ghi phiếu", "Đại biểu", "HĐND"));
        for (int t = 1; t <= n; t++) {
            tallyBoard.addTeller(id, "Thành viên " + t, t == 1);
        }
        tallyBoard.setThreshold(id, k);
        // Each card goes to its seat's teller, who confirms with their own password: part of the time measured.
        for (var seat : tallyBoard.tellers(id)) {
            String username = Staff.createNamed(accounts, "timing." + id + "." + seat.seat(), seat.fullName(),
                    vn.tinnhiem.account.Role.TELLER);
            tallyBoard.setSeatAccount(id, seat.id(), java.util.Optional.of(username));
        }
        lifecycle.moveTo(id, ElectionStatus.READY);
        char[] phrase = "một câu đủ dài để nhớ".toCharArray();

        long t0 = System.nanoTime();
        ceremonies.start(id);
        long t1 = System.nanoTime();
        List<byte[]> pdfs = new ArrayList<>();
        for (int seat = 1; seat <= n; seat++) {
            pdfs.add(Cards.issuePdf(ceremonies, id, seat, passphrases ? phrase.clone() : null));
        }
        long t2 = System.nanoTime();
        List<String> cards = pdfs.stream().map(pdf -> Pdfs.qrText(pdf, 0)).toList();
        long t3 = System.nanoTime();
        for (int seat = 1; seat <= n; seat++) {
            ceremonies.checkCard(id, seat, cards.get(seat - 1), passphrases ? phrase.clone() : null);
        }
        long t4 = System.nanoTime();
        System.out.printf("CEREMONY n=%d k=%d passphrases=%s: make key %d ms, print %d cards %d ms (%d KB each), "
                + "check back %d ms; server total %d ms (QR decoding in the test, not counted: %d ms)%n", n, k,
                passphrases, (t1 - t0) / 1_000_000, n, (t2 - t1) / 1_000_000, pdfs.get(0).length / 1024,
                (t4 - t3) / 1_000_000, (t1 - t0 + t2 - t1 + t4 - t3) / 1_000_000, (t3 - t2) / 1_000_000);
    }
}
