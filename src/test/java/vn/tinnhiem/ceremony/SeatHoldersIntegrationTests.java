package vn.tinnhiem.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.internal.RunningDealings;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.ShareCards;
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
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.support.Cards;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Pdfs;
import vn.tinnhiem.support.Staff;

/**
 * A seat's card goes to the person in that seat, checked by the service whatever the screen does: the teller of
 * the seat's account types their own password at the organiser's console, a wrong one is refused, counted like a
 * failed sign-in and on the record, the organiser alone takes nothing, and a card never taken is withdrawn so
 * that its seat alone is printed again.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class SeatHoldersIntegrationTests {

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
    AccountService accounts;
    @Autowired
    AuditLog audit;
    @Autowired
    RunningDealings dealings;
    @Autowired
    AuthenticationConfiguration signIn;

    /** A READY conference with three seats (k = 2), each tied to a teller account whose password is set. */
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
            String username = "holder" + id + "." + t.seat();
            Staff.createNamed(accounts, username, t.fullName(), Role.TELLER);
            tallyBoard.setSeatAccount(id, t.id(), Optional.of(username));
        }
        lifecycle.moveTo(id, ElectionStatus.READY);
        return id;
    }

    private List<AuditEntry> entriesOf(ElectionId id, String action) {
        return audit.newest(300).stream().filter(e -> e.subject().equals("election:" + id))
                .filter(e -> e.action().equals(action)).toList();
    }

    private static String keyOf(Runnable action) {
        try {
            action.run();
        } catch (UserFacingException e) {
            return e.key();
        }
        return "done";
    }

    @Test
    void the_organiser_alone_cannot_take_a_seats_card_and_the_seat_stays_as_it_was() {
        ElectionId id = readyConference("Người tổ chức không nhận thẻ thay");
        ceremonies.start(id);
        assertThat(keyOf(() -> ceremonies.issueCard(id, 1, null, null))).isEqualTo("holder.error.passwordNeeded");
        assertThat(keyOf(() -> ceremonies.issueCard(id, 1, null, new char[0]))).isEqualTo("holder.error.passwordNeeded");
        char[] wrong = "mật khẩu của người tổ chức".toCharArray();
        assertThat(keyOf(() -> ceremonies.issueCard(id, 1, null, wrong))).isEqualTo("holder.error.WRONG");
        assertThat(new String(wrong)).as("the typed password is cleared").isEqualTo("\0".repeat(wrong.length));

        CeremonyStatus status = ceremonies.status(id);
        assertThat(status.seats().getFirst().issued()).as("nothing was handed over").isFalse();
        assertThat(status.stage()).isEqualTo(CeremonyStage.PRINTING);
        // The refusals outlive the rolled-back transactions that refused.
        assertThat(entriesOf(id, "ceremony.holderRefused")).extracting(AuditEntry::details).containsExactly(
                "~1 seat=1 holder=holder" + id + ".1 reason=holder.error.WRONG",
                "~1 seat=1 holder=holder" + id + ".1 reason=holder.error.passwordNeeded",
                "~1 seat=1 holder=holder" + id + ".1 reason=holder.error.passwordNeeded");
        assertThat(entriesOf(id, "ceremony.holderRefused")).extracting(AuditEntry::actor).containsOnly("organiser");
        assertThat(entriesOf(id, "ceremony.cardIssued")).isEmpty();

        // The teller of the seat, typing their own password, takes it; the record names them.
        byte[] pdf = ceremonies.issueCard(id, 1, null, Staff.PASSWORD.toCharArray());
        assertThat(Pdfs.qrText(pdf, 0)).startsWith(ShareCards.PREFIX);
        assertThat(entriesOf(id, "ceremony.cardIssued")).extracting(AuditEntry::details)
                .containsExactly("~1 seat=1 passphrase=no holder=holder" + id + ".1");
    }

    @Test
    void wrong_passwords_at_the_console_lock_the_teller_account_like_failed_sign_ins() throws Exception {
        ElectionId id = readyConference("Đoán mật khẩu tại bàn lễ");
        ceremonies.start(id);
        String teller = "holder" + id + ".2";
        for (int i = 0; i < 5; i++) {
            char[] guess = ("đoán lần " + i).toCharArray();
            assertThat(keyOf(() -> ceremonies.issueCard(id, 2, null, guess)))
                    .isEqualTo("holder.error.WRONG");
        }
        assertThat(accounts.find(teller).orElseThrow().lockedUntil()).as("locked after five wrong passwords").isPresent();
        assertThat(keyOf(() -> ceremonies.issueCard(id, 2, null, Staff.PASSWORD.toCharArray())))
                .as("while locked, even the right password is refused unchecked").isEqualTo("holder.error.LOCKED");
        assertThat(audit.newest(300)).filteredOn(e -> e.action().equals("account.locked"))
                .anyMatch(e -> e.subject().equals("account:" + teller));
        // Paused at this console only, as five failed sign-ins from it would: the teller still signs in at
        // their own device, and that does not lift the console's pause.
        var atTheirDevice = UsernamePasswordAuthenticationToken.unauthenticated(teller, Staff.PASSWORD);
        atTheirDevice.setDetails(new WebAuthenticationDetails("10.70.0.2", null));
        assertThat(signIn.getAuthenticationManager().authenticate(atTheirDevice).isAuthenticated()).isTrue();
        assertThat(keyOf(() -> ceremonies.issueCard(id, 2, null, Staff.PASSWORD.toCharArray())))
                .isEqualTo("holder.error.LOCKED");
        accounts.unlock(accounts.find(teller).orElseThrow().id());
        assertThat(keyOf(() -> ceremonies.issueCard(id, 2, null, Staff.PASSWORD.toCharArray()))).isEqualTo("done");
    }

    @Test
    void a_one_time_password_proves_nothing_the_organiser_saw_it() {
        ElectionId id = readyConference("Mật khẩu dùng một lần");
        String fresh = "holder" + id + ".fresh";
        String oneTime = accounts.create(fresh, "Vũ Văn Khoa", Role.TELLER).oneTimePassword();
        tallyBoard.setSeatAccount(id, tallyBoard.tellers(id).get(2).id(), Optional.of(fresh));
        ceremonies.start(id);
        assertThat(keyOf(() -> ceremonies.issueCard(id, 3, null, oneTime.toCharArray())))
                .isEqualTo("holder.error.MUST_CHANGE_PASSWORD");
        tallyBoard.setSeatAccount(id, tallyBoard.tellers(id).get(2).id(), Optional.empty());
        assertThat(keyOf(() -> ceremonies.issueCard(id, 3, null, oneTime.toCharArray())))
                .as("the lists changed: the seat's account is part of them").isIn("holder.error.noAccount",
                        "ceremony.error.voided");
    }

    @Test
    void a_card_never_taken_is_withdrawn_and_its_seat_alone_printed_again() {
        ElectionId id = readyConference("In lại thẻ chưa giao");
        CeremonyStatus started = ceremonies.start(id);
        String seat2 = Cards.issue(ceremonies, id, 2, null);
        byte[] notTaken = ceremonies.issueCard(id, 1, null, Staff.PASSWORD.toCharArray());
        assertThat(notTaken).isNotEmpty();
        assertThat(keyOf(() -> ceremonies.issueCard(id, 1, null, Staff.PASSWORD.toCharArray())))
                .as("one card a seat at a time").isEqualTo("ceremony.error.alreadyIssued");

        assertThat(ceremonies.withdrawCard(id, 1)).isTrue();
        assertThat(ceremonies.status(id).seats().getFirst().issued()).isFalse();
        assertThat(ceremonies.withdrawCard(id, 2)).as("a card taken stands").isFalse();
        assertThat(ceremonies.status(id).seats().get(1).issued()).isTrue();
        assertThat(entriesOf(id, "ceremony.cardWithdrawn")).extracting(AuditEntry::details).containsExactly("~1 seat=1");

        String seat1 = Cards.issue(ceremonies, id, 1, null);
        String seat3 = Cards.issue(ceremonies, id, 3, null);
        assertThat(ceremonies.withdrawCard(id, 1)).as("taken: no longer withdrawn").isFalse();
        assertThat(dealings.get(id, started.manifestHash().orElseThrow()))
                .as("the dealing goes once every card is out and taken").isEmpty();
        assertThat(ceremonies.checkCard(id, 1, seat1, null).accepted()).isTrue();
        assertThat(ceremonies.checkCard(id, 2, seat2, null).accepted()).isTrue();
        assertThat(ceremonies.checkCard(id, 3, seat3, null).ceremonyComplete()).isTrue();
    }

    @Test
    void a_typo_names_the_group_to_look_at() {
        ElectionId id = readyConference("Gõ nhầm mã thẻ");
        ceremonies.start(id);
        String card = Cards.issue(ceremonies, id, 1, null);
        String body = card.substring(ShareCards.PREFIX.length());
        String typed = ShareCardText.grouped(card);

        // One character changed in group 5.
        int at = 4 * 4 + 2;
        String changed = ShareCards.PREFIX + body.substring(0, at) + (body.charAt(at) == 'Q' ? 'R' : 'Q')
                + body.substring(at + 1);
        CardCheck one = ceremonies.checkCard(id, 1, ShareCardText.grouped(changed), null);
        assertThat(one.refusal()).contains("card.typo.group");
        assertThat(one.args()).containsExactly(5);
        // A character no card has, in group 3.
        CardCheck bad = ceremonies.checkCard(id, 1, typed.replaceFirst("(TN1S: \\S{4} \\S{4} \\S{2})\\S", "$19"), null);
        assertThat(bad.refusal()).contains("card.typo.character");
        assertThat(bad.args()).containsExactly(3);
        // Group 4 typed one character short.
        String[] groups = typed.substring(ShareCards.PREFIX.length()).strip().split(" ");
        groups[3] = groups[3].substring(1);
        CardCheck shortGroup = ceremonies.checkCard(id, 1, ShareCards.PREFIX + " " + String.join(" ", groups), null);
        assertThat(shortGroup.refusal()).contains("card.typo.groupLength");
        assertThat(shortGroup.args()).containsExactly(4, 3, 4);
        // The last groups left out.
        CardCheck cut = ceremonies.checkCard(id, 1, typed.substring(0, typed.length() - 9), null);
        assertThat(cut.refusal()).contains("card.typo.missingGroups");
        // Two characters wrong, run together: no group can be named, and the message says so.
        String two = ShareCards.PREFIX + (body.charAt(0) == 'A' ? 'B' : 'A') + body.substring(1, 40)
                + (body.charAt(40) == 'A' ? 'B' : 'A') + body.substring(41);
        assertThat(ceremonies.checkCard(id, 1, two, null).refusal()).contains("card.typo.somewhere");
        // None of this leaked the code into the record.
        assertThat(audit.newest(100)).noneMatch(e -> e.details().contains(body.substring(0, 8)));
        assertThat(ceremonies.checkCard(id, 1, typed, null).accepted()).isTrue();
    }
}
