package vn.tinnhiem.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.util.AopTestUtils;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.internal.RunningDealings;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.VoterRoll;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.LifecycleRefusedException;
import vn.tinnhiem.election.Milestone;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.files.FileResult;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Cards;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.LiveSecrets;
import vn.tinnhiem.support.Pdfs;
import vn.tinnhiem.support.Staff;

/**
 * The key ceremony as the organiser and the tally board run it: the key made k of n at the console or on the
 * offline laptop, each card printed once and checked back, the polls opening only then, and the key voided
 * (and its cards with it) when the ceremony runs again or the lists go back to DRAFT. No share stays on the
 * server.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class CeremonyIntegrationTests {

    private static final char[] PASSPHRASE = "cây đa đầu làng 2026".toCharArray();

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
    @Autowired
    RunningDealings dealings;

    /** A READY conference with three seats (k = 2), each tied to a teller account. */
    private ElectionId readyConference(String title) {
        ElectionId id = elections.create(new ElectionDetails(title, "HĐND xã Mỹ Hòa", "Hội trường UBND xã",
                LocalDateTime.of(2026, 12, 23, 8, 0), BallotKind.THREE_LEVEL, RuleSet.NQ_96_2023));
        candidates.addCandidate(id, "Trần Văn Ánh", "Chủ tịch HĐND xã");
        candidates.addCandidate(id, "Lê Thị Bích", "Phó Chủ tịch UBND xã");
        voterRoll.addVoter(id, new NewVoter("Phạm Văn Cường", "Đại biểu", "HĐND xã"));
        for (String name : List.of("Ngô Văn Dũng", "Đỗ Thị Hà", "Vũ Văn Khoa")) {
            tallyBoard.addTeller(id, name, name.startsWith("Ngô"));
        }
        tallyBoard.setThreshold(id, 2);
        for (var t : tallyBoard.tellers(id)) {
            String username = "cer" + id + "." + t.seat();
            Staff.createNamed(accounts, username, t.fullName(), Role.TELLER);
            tallyBoard.setSeatAccount(id, t.id(), Optional.of(username));
        }
        lifecycle.moveTo(id, ElectionStatus.READY);
        return id;
    }

    private String refusalToOpen(ElectionId id) {
        try (var head = Acting.as("cer" + id + ".1", "TELLER")) {
            lifecycle.moveTo(id, ElectionStatus.OPEN);
            return "opened";
        } catch (LifecycleRefusedException e) {
            return String.join(",", e.refusals().stream().map(Refusal::key).toList());
        }
    }

    /** Prints every card (seat 2 with a passphrase) and reads each back from its PDF's QR code. */
    private List<String> printAll(ElectionId id) {
        String c1 = Cards.issue(ceremonies, id, 1, null);
        String c2 = Cards.issue(ceremonies, id, 2, PASSPHRASE.clone());
        String c3 = Cards.issue(ceremonies, id, 3, null);
        return List.of(c1, c2, c3);
    }

    private List<AuditEntry> entriesOf(ElectionId id) {
        return audit.newest(300).stream().filter(e -> e.subject().equals("election:" + id)).toList();
    }

    @Test
    void the_console_ceremony_prints_each_card_once_checks_them_back_and_only_then_the_polls_open() {
        ElectionId id = readyConference("Lễ tạo khóa tại bàn");
        assertThat(refusalToOpen(id)).isEqualTo("lifecycle.refuse.noKey");

        CeremonyStatus started = ceremonies.start(id);
        assertThat(started.stage()).isEqualTo(CeremonyStage.PRINTING);
        assertThat(started.manifestHash().orElseThrow()).matches("[0-9a-f]{64}");
        assertThat(started.fingerprint().orElseThrow()).matches("(\\d{4} ){7}\\d{4}");
        List<String> cards = printAll(id);
        assertThat(dealings.get(id, started.manifestHash().orElseThrow()))
                .as("the dealing is destroyed once the last card is out").isEmpty();
        assertThatThrownBy(() -> ceremonies.issueCard(id, 1, null, Staff.PASSWORD.toCharArray())).isInstanceOfSatisfying(UserFacingException.class,
                e -> assertThat(e.key()).isEqualTo("ceremony.error.alreadyIssued"));
        assertThat(ceremonies.status(id).stage()).isEqualTo(CeremonyStage.CHECKING);
        assertThat(refusalToOpen(id)).as("cards printed but not checked back").isEqualTo("lifecycle.refuse.noKey");

        // Wrong cards, each refused with its reason, and on the record.
        assertThat(ceremonies.checkCard(id, 1, cards.get(2), null).refusal()).contains("ceremony.check.otherSeat");
        assertThat(ceremonies.checkCard(id, 2, cards.get(1), null).refusal())
                .contains("ceremony.check.PASSPHRASE_REQUIRED");
        assertThat(ceremonies.checkCard(id, 2, cards.get(1), "sai mật khẩu rồi".toCharArray()).refusal())
                .contains("ceremony.check.WRONG_PASSPHRASE");
        String corrupted = cards.get(0).substring(0, 20) + (cards.get(0).charAt(20) == 'A' ? 'B' : 'A')
                + cards.get(0).substring(21);
        // One character wrong: the checksum fails, and the group it sits in is named (prefix, then groups of 4).
        CardCheck slip = ceremonies.checkCard(id, 1, corrupted, null);
        assertThat(slip.refusal()).contains("card.typo.group");
        assertThat(slip.args()).containsExactly((20 - ShareCards.PREFIX.length()) / 4 + 1);
        assertThat(ceremonies.checkCard(id, 1, "TN1V:ABCD-EFGH", null).refusal())
                .contains("ceremony.check.NOT_A_SHARE_CARD");
        ElectionId other = readyConference("Hội nghị khác");
        ceremonies.start(other);
        String otherCard = Cards.issue(ceremonies, other, 1, null);
        assertThat(ceremonies.checkCard(id, 1, otherCard, null).refusal()).contains("ceremony.check.OTHER_ELECTION");
        assertThat(entriesOf(id)).filteredOn(e -> e.action().equals("ceremony.cardRefused")).hasSize(6);

        assertThat(ceremonies.checkCard(id, 1, cards.get(0), null).accepted()).isTrue();
        assertThat(ceremonies.checkCard(id, 2, cards.get(1), PASSPHRASE.clone()).accepted()).isTrue();
        CardCheck last = ceremonies.checkCard(id, 3, cards.get(2), null);
        assertThat(last.accepted()).isTrue();
        assertThat(last.ceremonyComplete()).isTrue();
        CeremonyStatus done = ceremonies.status(id);
        assertThat(done.stage()).isEqualTo(CeremonyStage.COMPLETE);
        assertThat(milestones.reported(id)).containsEntry(Milestone.KEY_MADE, done.manifestHash().orElseThrow());
        Manifest manifest = ceremonies.manifest(id).orElseThrow();
        assertThat(manifest.hashHex()).isEqualTo(done.manifestHash().orElseThrow());
        assertThat(manifest.k()).isEqualTo(2);
        assertThat(manifest.n()).isEqualTo(3);

        assertThat(ceremonies.openManifest(id)).as("nothing to seal under before the polls open").isEmpty();
        assertThat(refusalToOpen(id)).isEqualTo("opened");
        var before = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        try {
            // A kiosk is no staff session: it reads the manifest with no one signed in.
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
            assertThat(ceremonies.openManifest(id).orElseThrow().hashHex()).isEqualTo(manifest.hashHex());
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(before);
        }
        assertThatThrownBy(() -> ceremonies.start(id)).isInstanceOfSatisfying(UserFacingException.class,
                e -> assertThat(e.key()).isEqualTo("ceremony.error.notReady"));
        assertThat(entriesOf(id)).extracting(AuditEntry::action).contains("ceremony.started", "ceremony.cardIssued",
                "ceremony.cardChecked", "ceremony.completed");
        // Other tests' ceremonies may be printing now: only this conference's secrets are looked for, and the
        // walker is shown to find a dealing still printing (the other conference's).
        List<String> live = LiveSecrets.reachableFrom(AopTestUtils.getUltimateTargetObject(ceremonies), dealings);
        assertThat(live).noneMatch(path -> path.contains("[" + id + "]"));
        assertThat(live).anyMatch(path -> path.contains("[" + other + "]"));
        dealings.destroy(other);
        assertThat(LiveSecrets.reachableFrom(AopTestUtils.getUltimateTargetObject(ceremonies), dealings))
                .noneMatch(path -> path.contains("[" + id + "]") || path.contains("[" + other + "]"));
    }

    @Test
    void running_the_ceremony_again_voids_the_old_key_and_its_cards_and_says_so() {
        ElectionId id = readyConference("Làm lại lễ tạo khóa");
        ceremonies.start(id);
        List<String> old = printAll(id);
        ceremonies.checkCard(id, 1, old.get(0), null);
        ceremonies.checkCard(id, 2, old.get(1), PASSPHRASE.clone());
        ceremonies.checkCard(id, 3, old.get(2), null);
        assertThat(milestones.reported(id)).containsKey(Milestone.KEY_MADE);

        CeremonyStatus again = ceremonies.start(id);
        assertThat(again.stage()).isEqualTo(CeremonyStage.PRINTING);
        assertThat(milestones.reported(id)).doesNotContainKey(Milestone.KEY_MADE);
        assertThat(refusalToOpen(id)).isEqualTo("lifecycle.refuse.noKey");
        Cards.issue(ceremonies, id, 1, null);
        assertThat(ceremonies.checkCard(id, 1, old.get(0), null).refusal()).contains("ceremony.check.OTHER_ELECTION");
        assertThat(entriesOf(id)).extracting(AuditEntry::action).contains("election.keyVoided");
        assertThat(entriesOf(id)).filteredOn(e -> e.action().equals("ceremony.started"))
                .extracting(AuditEntry::details).anyMatch(d -> d.contains("again=yes"));
    }

    @Test
    void back_to_draft_voids_the_key_and_the_changed_lists_need_a_new_ceremony() {
        ElectionId id = readyConference("Về dự thảo sau lễ tạo khóa");
        ceremonies.start(id);
        List<String> cards = printAll(id);
        ceremonies.checkCard(id, 1, cards.get(0), null);
        ceremonies.checkCard(id, 2, cards.get(1), PASSPHRASE.clone());
        ceremonies.checkCard(id, 3, cards.get(2), null);

        lifecycle.moveTo(id, ElectionStatus.DRAFT);
        assertThat(ceremonies.status(id).stage()).isEqualTo(CeremonyStage.NOT_STARTED);
        candidates.addCandidate(id, "Hoàng Văn Mới", "Ủy viên");
        lifecycle.moveTo(id, ElectionStatus.READY);
        assertThat(ceremonies.status(id).stage()).isEqualTo(CeremonyStage.NOT_STARTED);
        assertThat(ceremonies.manifest(id)).isEmpty();
        assertThat(refusalToOpen(id)).isEqualTo("lifecycle.refuse.noKey");
        assertThatThrownBy(() -> ceremonies.checkCard(id, 1, cards.get(0), null))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(e.key()).isEqualTo("ceremony.error.voided"));
        assertThat(entriesOf(id)).extracting(AuditEntry::action).contains("election.keyVoided");
    }

    @Test
    void the_offline_ceremony_gives_the_server_only_the_public_file_and_the_cards_are_checked_the_same_way(
            @TempDir Path laptop) throws Exception {
        ElectionId id = readyConference("Lễ lập khóa ngoại tuyến");
        Path requestFile = laptop.resolve("tinnhiem-ceremony-request-" + id + ".json");
        Files.write(requestFile, ceremonies.request(id).toJson().getBytes(StandardCharsets.UTF_8));

        // The laptop: the real command, as its own process; no passphrase for any of the three seats.
        Path out = laptop.resolve("the-khoa");
        var run = OfflineCeremonyProcessTests.run("k\nk\nk\n", "--request", requestFile.toString(), "--out",
                out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        CeremonyRequest request = ((FileResult.Ok<CeremonyRequest>) CeremonyRequest.parse(Files.readAllBytes(requestFile)))
                .value();
        List<String> cards = new ArrayList<>();
        for (CeremonyRequest.Seat seat : request.tellers()) {
            cards.add(Pdfs.qrText(Files.readAllBytes(out.resolve(OfflineCeremony.cardFileName(seat))), 0));
        }
        String keyFile = Files.readString(out.resolve("tinnhiem-election-key-" + id + ".json"));

        // A file for other lists is refused, and the refusal is on the record.
        String tampered = keyFile.replace("\"k\":2", "\"k\":1");
        assertThatThrownBy(() -> ceremonies.importKeyFile(id, tampered.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> ceremonies.importKeyFile(id, "không phải JSON".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UserFacingException.class);
        assertThat(entriesOf(id)).filteredOn(e -> e.action().equals("ceremony.importRefused")).hasSize(2);

        CeremonyStatus imported = ceremonies.importKeyFile(id, keyFile.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.stage()).isEqualTo(CeremonyStage.CHECKING);
        assertThat(imported.offline()).isTrue();
        assertThat(dealings.get(id, imported.manifestHash().orElseThrow())).isEmpty();
        assertThat(ceremonies.checkCard(id, 1, cards.get(1), null).refusal()).contains("ceremony.check.otherSeat");
        for (int seat = 1; seat <= 3; seat++) {
            assertThat(ceremonies.checkCard(id, seat, cards.get(seat - 1), null).accepted()).isTrue();
        }
        assertThat(ceremonies.status(id).stage()).isEqualTo(CeremonyStage.COMPLETE);
        assertThat(ShareCards.read(cards.get(0), ceremonies.manifest(id).orElseThrow(), null))
                .isInstanceOf(ShareCards.Accepted.class);
        assertThat(refusalToOpen(id)).isEqualTo("opened");
    }
}
