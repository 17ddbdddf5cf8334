package vn.tinnhiem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.count.PollsClose;
import vn.tinnhiem.count.BoxCheck;
import vn.tinnhiem.count.TotalsUnsealing;
import vn.tinnhiem.count.CountResults;
import vn.tinnhiem.count.CountDocuments;
import vn.tinnhiem.count.ElectionRecordExport;
import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.election.ElectionExports;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.shared.report.ExportFormat;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.VotingService;

/**
 * A supervisor, even one named for the conference, reaches its figures and nothing else: every service
 * method behind the set-up and tally screens refuses them before it reads anything (no ballot, result,
 * card, name on the roll, candidate or set-up).
 */
@IntegrationTest
class SupervisorRefusedIntegrationTests {

    @Autowired
    ElectionServices elections;
    @Autowired
    ElectionExports exports;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremony;
    @Autowired
    PollsClose pollsClose;
    @Autowired
    BoxCheck boxCheck;
    @Autowired
    TotalsUnsealing totalsUnsealing;
    @Autowired
    CountResults countResults;
    @Autowired
    CountDocuments countDocuments;
    @Autowired
    ElectionRecordExport recordExport;
    @Autowired
    TokenService tokens;
    @Autowired
    VotingService voting;
    @Autowired
    KioskService kiosks;
    @Autowired
    AuditLog audit;

    /** A READY conference with its roll and board, and a supervisor named for it. */
    private ElectionId supervisedConference(String supervisor) {
        ElectionId id = Conferences.demo(elections, DemoKind.DISTRICT_COMMITTEE, Conferences.uniqueTitle("Hội nghị giám sát"),
                ElectionStatus.READY);
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            if (accounts.find(supervisor).isEmpty()) {
                accounts.create(supervisor, "Giám sát viên " + supervisor, Role.SUPERVISOR);
            }
            elections.supervisors().addSupervisor(id, supervisor);
        }
        return id;
    }

    @Test
    void a_named_supervisor_is_refused_every_ballot_result_card_roll_and_set_up_method() {
        ElectionId id = supervisedConference("refused.watcher");
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("VotingService.ballotBox", () -> voting.ballotBox(id));
        calls.put("PollsClose.closingFigures", () -> pollsClose.closingFigures(id));
        calls.put("BoxCheck.boxVerdict", () -> boxCheck.boxVerdict(id));
        calls.put("TotalsUnsealing.unsealing", () -> totalsUnsealing.unsealing(id));
        calls.put("TotalsUnsealing.totalsFile", () -> totalsUnsealing.totalsFile(id));
        calls.put("CountResults.results", () -> countResults.results(id));
        calls.put("CountResults.summary", () -> countResults.summary(id));
        calls.put("CountDocuments.writeMinutes",
                () -> countDocuments.writeMinutes(id, Locale.ROOT, new ByteArrayOutputStream()));
        calls.put("CountDocuments.writeReport",
                () -> countDocuments.writeReport(id, Locale.ROOT, new ByteArrayOutputStream()));
        calls.put("CountDocuments.writeResultsXlsx",
                () -> countDocuments.writeResultsXlsx(id, Locale.ROOT, new ByteArrayOutputStream()));
        calls.put("ElectionRecordExport.writeRecord", () -> recordExport.writeRecord(id, new ByteArrayOutputStream()));
        calls.put("VoterRoll.voters", () -> elections.voterRoll().voters(id));
        calls.put("VoterRoll.searchVoters", () -> elections.voterRoll().searchVoters(id, "", 0, 10));
        calls.put("DeskPresence.deskRoll", () -> elections.deskPresence().deskRoll(id, "", 0, 10));
        calls.put("Candidates.list", () -> elections.candidates().list(id));
        calls.put("Checklist.items", () -> elections.checklist().items(id));
        calls.put("Lifecycle.refusalsFor", () -> elections.lifecycle().refusalsFor(id, ElectionStatus.OPEN));
        calls.put("Milestones.reported", () -> elections.milestones().reported(id));
        calls.put("TallyBoard.boardsOfCurrentTeller", () -> elections.tallyBoard().boardsOfCurrentTeller());
        calls.put("Supervisors.named", () -> elections.supervisors().named(id));
        calls.put("Supervisors.addSupervisor", () -> elections.supervisors().addSupervisor(id, "refused.watcher"));
        calls.put("Lifecycle.moveTo", () -> elections.lifecycle().moveTo(id, ElectionStatus.DRAFT));
        calls.put("ElectionExports.write(ROLL)", () -> exports.write(id, ElectionExports.Document.ROLL, ExportFormat.PDF,
                Locale.ROOT, new ByteArrayOutputStream()));
        calls.put("CeremonyService.status", () -> ceremony.status(id));
        calls.put("CeremonyService.manifest", () -> ceremony.manifest(id));
        calls.put("TokenService.print", () -> tokens.print(id, 1));
        calls.put("TokenService.activate", () -> tokens.activate(id, "ABCD"));
        calls.put("KioskService.list", () -> kiosks.list());
        try (var watcher = Acting.as("refused.watcher", "SUPERVISOR")) {
            assertThat(elections.supervisors().maySupervise(id)).isTrue();
            var softly = new SoftAssertions();
            calls.forEach((name, call) -> softly.assertThatThrownBy(call).as(name).isInstanceOf(AccessDeniedException.class));
            softly.assertAll();
        }
    }

    @Test
    void a_named_supervisor_reads_the_figures_the_live_screens_show() {
        String name = "figures.watcher." + System.nanoTime() % 1_000_000;
        ElectionId id = supervisedConference(name);
        try (var watcher = Acting.as(name, "SUPERVISOR")) {
            assertThat(elections.elections().find(id)).isPresent();
            assertThat(elections.deskPresence().attendance(id).summoned()).isEqualTo(30);
            assertThat(elections.tallyBoard().tellers(id)).hasSize(3);
            assertThat(tokens.counts(id).total()).isZero();
            assertThat(audit.head()).isNotNull();
            assertThat(elections.supervisors().supervisedByCurrentSupervisor()).extracting(e -> e.id()).containsExactly(id);
        }
        // The refusal is the role's, not the conference's: the organiser reads the same methods.
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            assertThat(elections.voterRoll().voters(id)).hasSize(30);
        }
        assertThatThrownBy(() -> {
            try (var watcher = Acting.as(name, "SUPERVISOR")) {
                elections.voterRoll().voters(id);
            }
        }).isInstanceOf(AccessDeniedException.class);
    }
}
