package vn.tinnhiem.count;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Cards;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.BallotForm;
import vn.tinnhiem.voting.CastOutcome;
import vn.tinnhiem.voting.TestTablet;
import vn.tinnhiem.voting.VotingService;

/**
 * Conferences ready for the count, made through the services the staff and the kiosks use: three tellers with
 * their own accounts, k = 2, the ceremony's cards kept (seat 2's with a passphrase), voters ticked present,
 * cards activated, and ballots cast with known marks, so a test knows what the count must find.
 */
public final class CountConferences {

    static final String PASSPHRASE = "mật khẩu ghế số hai";
    private static final Pattern CODE = Pattern.compile("TN(-[0-9A-Z]{4}){6}-[0-9A-Z]{3}");

    /**
     * @param tellers usernames by seat (index 0 is seat 1, the head)
     * @param cards each seat's share card text
     * @param expected per candidate, per level, the ballots cast with that mark
     * @param unused activated cards never used
     * @param spent the cards the ballots were cast with, ballot v with card v
     */
    public record Cast(ElectionId id, String title, List<String> tellers, List<String> cards, int[][] expected, int ballots,
            List<String> trackingCodes, List<String> unused, List<String> spent) {
    }

    private final ElectionServices elections;
    private final AccountService accounts;
    private final CeremonyService ceremonies;
    private final TokenService tokens;
    private final VotingService voting;

    public CountConferences(ElectionServices elections, AccountService accounts, CeremonyService ceremonies,
            TokenService tokens, VotingService voting) {
        this.elections = elections;
        this.accounts = accounts;
        this.ceremonies = ceremonies;
        this.tokens = tokens;
        this.voting = voting;
    }

    /**
     * @param mark voter v's mark for candidate c: a level, or {@link TestTablet#BLANK}
     */
    public Cast cast(int candidates, int summoned, int present, int ballots, int unusedCards, IntBinaryOperator mark) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String title = "Hội nghị kiểm phiếu " + suffix;
        List<String> tellers = List.of("kp1." + suffix, "kp2." + suffix, "kp3." + suffix);
        List<String> names = List.of("Trần Văn Trưởng", "Nguyễn Thị Hồng Nhung", "Phạm Minh Tuấn");
        List<String> cards = new ArrayList<>();
        ElectionId id;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            id = elections.elections().create(new ElectionDetails(title, "UBND huyện Yên Thành", "Hội trường tầng 2",
                    LocalDateTime.of(2026, 12, 1, 8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
            for (int c = 1; c <= candidates; c++) {
                elections.candidates().addCandidate(id, "Ứng viên số " + c, "Trưởng phòng " + c);
            }
            for (int v = 1; v <= summoned; v++) {
                elections.voterRoll().addVoter(id, new NewVoter("Người ghi phiếu " + v, "Thủ trưởng", "Cơ quan " + v));
            }
            for (int s = 0; s < 3; s++) {
                Staff.createNamed(accounts, tellers.get(s), names.get(s), Role.TELLER);
                elections.tallyBoard().addTeller(id, names.get(s), s == 0);
            }
            elections.tallyBoard().setThreshold(id, 2);
            var seats = elections.tallyBoard().tellers(id);
            for (int s = 0; s < 3; s++) {
                elections.tallyBoard().setSeatAccount(id, seats.get(s).id(), Optional.of(tellers.get(s)));
            }
            elections.lifecycle().moveTo(id, ElectionStatus.READY);
            ceremonies.start(id);
            for (int seat = 1; seat <= 3; seat++) {
                char[] pass = seat == 2 ? PASSPHRASE.toCharArray() : null;
                cards.add(Cards.issue(ceremonies, id, seat, pass));
            }
            for (int seat = 1; seat <= 3; seat++) {
                ceremonies.checkCard(id, seat, cards.get(seat - 1), seat == 2 ? PASSPHRASE.toCharArray() : null);
            }
        }
        List<String> codes = printed(id, ballots + unusedCards);
        List<String> trackingCodes = new ArrayList<>();
        int[][] expected = new int[candidates][3];
        try (var board = Acting.as(tellers.getFirst(), "TELLER")) {
            var roll = elections.voterRoll().voters(id);
            for (int v = 0; v < present; v++) {
                elections.deskPresence().markPresent(id, roll.get(v).id(), true);
            }
            elections.lifecycle().moveTo(id, ElectionStatus.OPEN);
            for (String code : codes) {
                tokens.activate(id, code);
            }
        }
        TestTablet tablet = new TestTablet(voting, ceremonies);
        for (int v = 0; v < ballots; v++) {
            int[] marks = TestTablet.blank(candidates);
            for (int c = 0; c < candidates; c++) {
                int level = mark.applyAsInt(v, c);
                if (level != TestTablet.BLANK) {
                    marks[c] = level;
                    expected[c][level]++;
                }
            }
            CastOutcome outcome = tablet.vote("kiosk-" + suffix, id, codes.get(v), marks);
            if (!(outcome instanceof CastOutcome.Recorded recorded)) {
                throw new AssertionError("a cast was refused: " + outcome);
            }
            trackingCodes.add(recorded.trackingCode());
        }
        return new Cast(id, title, tellers, List.copyOf(cards), expected, ballots, trackingCodes,
                List.copyOf(codes.subList(ballots, codes.size())), List.copyOf(codes.subList(0, ballots)));
    }

    /**
     * Closes the polls, checks the box and unseals with seats 3 and 1 (k = 2), as the board does on the count page:
     * the conference is then TALLIED, its results, minutes and projector there.
     */
    public void tally(Cast conf, PollsClose polls, BoxCheck box, TotalsUnsealing unsealing) {
        try (var board = Acting.as(conf.tellers().get(2), "TELLER")) {
            polls.close(conf.id());
            box.checkBox(conf.id(), done -> {});
            for (ShareOutcome outcome : List.of(unsealing.unsealWithCard(conf.id(), conf.cards().get(2), null, null),
                    unsealing.unsealWithCard(conf.id(), conf.cards().get(0), null, Staff.PASSWORD.toCharArray()))) {
                if (!(outcome instanceof ShareOutcome.Accepted)) {
                    throw new AssertionError("a card was refused: " + outcome);
                }
            }
            if (elections.elections().find(conf.id()).orElseThrow().status() != ElectionStatus.TALLIED) {
                throw new AssertionError("not tallied after k cards");
            }
        }
    }

    List<String> printed(ElectionId id, int count) {
        List<String> codes = new ArrayList<>();
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            while (codes.size() < count) {
                byte[] pdf = tokens.print(id, Math.min(TokenService.MAX_SPARES, Math.max(1, count - codes.size()))).pdf();
                try (PDDocument doc = Loader.loadPDF(pdf)) {
                    Matcher m = CODE.matcher(new PDFTextStripper().getText(doc));
                    while (m.find()) {
                        codes.add(m.group());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return codes.subList(0, count);
    }
}
