package vn.tinnhiem.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tinnhiem.db.Tables.ELECTION;
import static vn.tinnhiem.db.Tables.ELECTION_MILESTONE;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.RootDatabase;
import vn.tinnhiem.shared.database.EmbeddedMariaDb;

/**
 * The seams other modules use: the milestones they report (the lifecycle reads only these records), and
 * work done "while the polls are open" under the election's lock, raced against the close.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
// Needs the embedded server itself (its bean, folder or root account): runs on it, never on the cluster.
@Tag("embedded-server")
class ElectionSeamsIntegrationTests {

    private static final String MANIFEST_HASH = "a1".repeat(32);

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
    OpenPolls openPolls;
    @Autowired
    AccountService accounts;
    @Autowired
    AuditLog audit;
    @Autowired
    DSLContext db;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    EmbeddedMariaDb server;

    private ElectionId readyConference() {
        ElectionId id = elections.create(new ElectionDetails("Hội nghị thử mốc", "HĐND xã Mỹ Hòa", "Hội trường",
                LocalDateTime.of(2026, 12, 22, 8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
        candidates.addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
        voterRoll.addVoter(id, new NewVoter("Lê Thị B", "Chủ tịch", "UBND xã"));
        tallyBoard.addTeller(id, "Ngô Văn C", true);
        if (accounts.find("head.teller").isEmpty()) {
            accounts.create("head.teller", "Ngô Văn C", Role.TELLER);
        }
        tallyBoard.setSeatAccount(id, tallyBoard.tellers(id).getFirst().id(), Optional.of("head.teller"));
        lifecycle.moveTo(id, ElectionStatus.READY);
        return id;
    }

    private ElectionId openConference() {
        ElectionId id = readyConference();
        try (var teller = Acting.as("head.teller", "TELLER")) {
            milestones.recordKeyMade(id, MANIFEST_HASH);
            lifecycle.moveTo(id, ElectionStatus.OPEN);
        }
        return id;
    }

    private static void refusedWith(Runnable call, String key) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(UserFacingException.class,
                e -> assertThat(e.key()).isEqualTo(key));
    }

    @Test
    void the_lifecycle_follows_the_milestones_the_other_modules_report() {
        ElectionId id = readyConference();
        try (var teller = Acting.as("head.teller", "TELLER")) {
            refusedWith(() -> lifecycle.moveTo(id, ElectionStatus.OPEN), "lifecycle.refuse.noKey");
            milestones.recordKeyMade(id, MANIFEST_HASH);
            refusedWith(() -> milestones.recordKeyMade(id, "b2".repeat(32)), "milestone.error.already");
        }
        assertThat(milestones.reported(id)).containsExactly(java.util.Map.entry(Milestone.KEY_MADE, MANIFEST_HASH));
        // Back to DRAFT voids the key (the lists may change), and says so on the record.
        lifecycle.moveTo(id, ElectionStatus.DRAFT);
        assertThat(milestones.reported(id)).doesNotContainKey(Milestone.KEY_MADE);
        assertThat(audit.newest(5)).extracting(AuditEntry::action).contains("election.keyVoided");
        lifecycle.moveTo(id, ElectionStatus.READY);
        try (var teller = Acting.as("head.teller", "TELLER")) {
            refusedWith(() -> lifecycle.moveTo(id, ElectionStatus.OPEN), "lifecycle.refuse.noKey");
            milestones.recordKeyMade(id, MANIFEST_HASH);
        }

        try (var teller = Acting.as("head.teller", "TELLER")) {
            lifecycle.moveTo(id, ElectionStatus.OPEN);
            refusedWith(() -> milestones.recordCounted(id, "c3".repeat(32)), "milestone.error.status");
            lifecycle.moveTo(id, ElectionStatus.CLOSED);
            refusedWith(() -> lifecycle.moveTo(id, ElectionStatus.TALLIED), "lifecycle.refuse.notCounted");
            milestones.recordPollsClosed(id, "d4".repeat(32));
            milestones.recordCounted(id, "c3".repeat(32));
            lifecycle.moveTo(id, ElectionStatus.TALLIED);
        }
        assertThat(elections.find(id).orElseThrow().status()).isEqualTo(ElectionStatus.TALLIED);
        assertThat(milestones.reported(id)).containsOnlyKeys(Milestone.KEY_MADE, Milestone.POLLS_CLOSED,
                Milestone.COUNTED);
        assertThat(audit.newest(50)).filteredOn(e -> e.subject().equals("election:" + id))
                .extracting(AuditEntry::action).contains("election.milestone");
    }

    @Test
    void a_voided_key_lets_the_organiser_take_the_conference_back_to_draft() {
        ElectionId id = readyConference();
        refusedWith(() -> milestones.voidKey(id), "milestone.error.missing");
        try (var teller = Acting.as("head.teller", "TELLER")) {
            milestones.recordKeyMade(id, MANIFEST_HASH);
        }
        milestones.voidKey(id);
        assertThat(milestones.reported(id)).isEmpty();
        try (var teller = Acting.as("head.teller", "TELLER")) {
            refusedWith(() -> lifecycle.moveTo(id, ElectionStatus.OPEN), "lifecycle.refuse.noKey");
        }
        lifecycle.moveTo(id, ElectionStatus.DRAFT);
        candidates.addCandidate(id, "Sửa sau khi hủy khóa", "Ủy viên");
        assertThat(candidates.list(id)).hasSize(2);
        assertThat(audit.newest(20)).filteredOn(e -> e.subject().equals("election:" + id))
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("election.keyVoided");
                    assertThat(e.details()).contains(MANIFEST_HASH);
                });
    }

    @Test
    void a_key_is_recorded_only_for_a_ready_conference_and_only_as_a_digest() {
        ElectionId id = elections.create(new ElectionDetails("Hội nghị nháp", "HĐND xã", "", LocalDateTime.of(2026, 12, 23, 8, 0),
                BallotKind.TWO_LEVEL, RuleSet.NQ_96_2023));
        refusedWith(() -> milestones.recordKeyMade(id, MANIFEST_HASH), "milestone.error.status");
        assertThatThrownBy(() -> milestones.recordKeyMade(id, "not a digest"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(milestones.reported(id)).isEmpty();
    }

    @Test
    void work_while_open_is_refused_before_the_polls_open_and_after_they_close() {
        ElectionId id = readyConference();
        refusedWith(() -> openPolls.whileOpen(id, () -> "cast"), "election.error.notOpen");
        try (var teller = Acting.as("head.teller", "TELLER")) {
            milestones.recordKeyMade(id, MANIFEST_HASH);
            lifecycle.moveTo(id, ElectionStatus.OPEN);
            assertThat(openPolls.whileOpen(id, () -> "cast")).isEqualTo("cast");
            lifecycle.moveTo(id, ElectionStatus.CLOSED);
        }
        refusedWith(() -> openPolls.whileOpen(id, () -> "cast"), "election.error.notOpen");
        refusedWith(() -> openPolls.whileOpen(ElectionId.of(Long.MAX_VALUE), () -> "cast"), "election.error.missing");
    }

    /**
     * Four kiosks cast without pause while a teller closes the polls. Each cast spends a "token" and, a
     * moment later, stores a "ballot", in one transaction. Every cast is wholly in or wholly refused, and
     * nothing lands once the close has committed.
     */
    @Test
    void a_cast_racing_the_close_is_either_wholly_in_before_it_or_refused_after_it() throws Exception {
        ElectionId id = openConference();
        // Made as root: the application's own account has rows only, no DDL.
        RootDatabase.as(server, dataSource, root -> {
            root.execute("DROP TABLE IF EXISTS race_spent, race_stored");
            root.execute("CREATE TABLE race_spent (election_id BIGINT NOT NULL, n INT NOT NULL) ENGINE=InnoDB");
            root.execute("CREATE TABLE race_stored (election_id BIGINT NOT NULL, n INT NOT NULL) ENGINE=InnoDB");
        });
        var tx = new TransactionTemplate(transactions);
        ExecutorService kiosks = Executors.newFixedThreadPool(4);
        try {
            AtomicInteger attempts = new AtomicInteger();
            AtomicInteger landingAfterClose = new AtomicInteger();
            CountDownLatch casting = new CountDownLatch(20);
            List<Future<Integer>> refusals = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                refusals.add(kiosks.submit(() -> {
                    while (true) {
                        int n = attempts.incrementAndGet();
                        try {
                            tx.executeWithoutResult(status -> openPolls.whileOpen(id, () -> {
                                db.execute("INSERT INTO race_spent VALUES (?, ?)", id.value(), n);
                                sleep(15);
                                db.execute("INSERT INTO race_stored VALUES (?, ?)", id.value(), n);
                                // About to commit: has the close already committed, seen from outside?
                                if (committedStatus(id) != ElectionStatus.OPEN) {
                                    landingAfterClose.incrementAndGet();
                                }
                                return null;
                            }));
                            casting.countDown();
                        } catch (UserFacingException refused) {
                            assertThat(refused.key()).isEqualTo("election.error.notOpen");
                            return 1;
                        }
                    }
                }));
            }
            assertThat(casting.await(30, TimeUnit.SECONDS)).isTrue();
            try (var teller = Acting.as("head.teller", "TELLER")) {
                lifecycle.moveTo(id, ElectionStatus.CLOSED);
            }
            // The close has committed: what is in now is everything that will ever be in.
            int storedAtClose = db.fetchCount(db.selectFrom("race_stored").where("election_id = ?", id.value()));
            for (Future<Integer> kiosk : refusals) {
                assertThat(kiosk.get(60, TimeUnit.SECONDS)).isEqualTo(1);
            }
            int spent = db.fetchCount(db.selectFrom("race_spent").where("election_id = ?", id.value()));
            int stored = db.fetchCount(db.selectFrom("race_stored").where("election_id = ?", id.value()));
            assertThat(storedAtClose).isGreaterThanOrEqualTo(20);
            assertThat(landingAfterClose).as("casts committing after the close had committed").hasValue(0);
            assertThat(stored).as("ballots landing after the close").isEqualTo(storedAtClose);
            assertThat(spent).as("tokens spent without a ballot, or ballots without a token").isEqualTo(stored);
            assertThat(attempts.get()).as("each kiosk was refused once").isEqualTo(stored + 4);
            System.out.printf("race: %d casts in before the close, 4 refused after it%n", stored);
        } finally {
            kiosks.shutdownNow();
            RootDatabase.as(server, dataSource, root -> root.execute("DROP TABLE IF EXISTS race_spent, race_stored"));
        }
    }

    /** The status as committed, read on a connection of its own (outside the caller's transaction). */
    private ElectionStatus committedStatus(ElectionId id) {
        try (var c = dataSource.getConnection(); var q = c.prepareStatement("SELECT status FROM election WHERE id = ?")) {
            q.setLong(1, id.value());
            try (var r = q.executeQuery()) {
                r.next();
                return ElectionStatus.valueOf(r.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // The roll import's refusal and its renumbering.

    @Test
    void a_refused_import_stays_on_the_record_even_when_the_callers_transaction_rolls_back() {
        ElectionId id = elections.create(new ElectionDetails("Hội nghị nhập lỗi", "HĐND xã", "", LocalDateTime.of(2026, 12, 24, 8, 0),
                BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
        byte[] bad = "Họ và tên,Đơn vị\nNguyễn A,X\n,Y\n".getBytes(StandardCharsets.UTF_8);
        var tx = new TransactionTemplate(transactions);
        // A caller (another module's service, a later step) fails after the refusal was returned.
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            assertThat(voterRoll.importRoll(id, "roll.csv", bad).succeeded()).isFalse();
            throw new IllegalStateException("the caller fails afterwards");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(audit.newest(20)).filteredOn(e -> e.subject().equals("election:" + id))
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("voter.import.refused");
                    assertThat(e.actor()).isEqualTo("organiser");
                    assertThat(e.details()).contains("problems=1");
                });
        assertThat(audit.verifyChain().isIntact()).isTrue();
    }

    @Test
    void an_import_keeps_the_files_numbers_or_says_it_renumbered() {
        ElectionId id = elections.create(new ElectionDetails("Hội nghị nhập STT", "HĐND xã", "", LocalDateTime.of(2026, 12, 24, 8, 0),
                BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
        var kept = voterRoll.importRoll(id, "roll.csv", "STT,Họ và tên\n2,Trần B\n1,Lê A\n".getBytes(StandardCharsets.UTF_8));
        assertThat(kept.renumbered()).isFalse();
        assertThat(kept.summaryKey()).isEqualTo("import.done");
        assertThat(voterRoll.voters(id)).extracting(Voter::ordinal, Voter::fullName).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "Lê A"), org.assertj.core.groups.Tuple.tuple(2, "Trần B"));

        var renumbered = voterRoll.importRoll(id, "roll.csv", "STT,Họ và tên\n7,Trần B\n9,Lê A\n".getBytes(StandardCharsets.UTF_8));
        assertThat(renumbered.renumbered()).isTrue();
        assertThat(renumbered.summaryKey()).isEqualTo("import.doneRenumbered");
        assertThat(voterRoll.voters(id)).extracting(Voter::ordinal, Voter::fullName).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "Trần B"), org.assertj.core.groups.Tuple.tuple(2, "Lê A"));
    }

    @Test
    void the_audited_lifecycle_matches_a_conference_taken_back_and_forth_and_names_a_status_or_milestone_written_by_sql() {
        ElectionId id = readyConference();
        try (var teller = Acting.as("head.teller", "TELLER")) {
            milestones.recordKeyMade(id, MANIFEST_HASH);
        }
        // Back to DRAFT (the key voided with it), READY again, a new key, a second key voided by hand, a third.
        lifecycle.moveTo(id, ElectionStatus.DRAFT);
        lifecycle.moveTo(id, ElectionStatus.READY);
        try (var teller = Acting.as("head.teller", "TELLER")) {
            milestones.recordKeyMade(id, "b2".repeat(32));
            milestones.voidKey(id);
            milestones.recordKeyMade(id, "c3".repeat(32));
            lifecycle.moveTo(id, ElectionStatus.OPEN);
            lifecycle.moveTo(id, ElectionStatus.CLOSED);
            assertThat(lifecycle.auditedLifecycle(id)).as("every step audited: nothing to name").isEmpty();
        }
        // As someone with the database's account would: the polls reopened and a milestone put in, no entry.
        db.update(ELECTION).set(ELECTION.STATUS, "OPEN").where(ELECTION.ID.eq(id.value())).execute();
        db.insertInto(ELECTION_MILESTONE).set(ELECTION_MILESTONE.ELECTION_ID, id.value())
                .set(ELECTION_MILESTONE.MILESTONE, "COUNTED").set(ELECTION_MILESTONE.DIGEST, "d4".repeat(32)).execute();
        try (var teller = Acting.as("head.teller", "TELLER")) {
            assertThat(lifecycle.auditedLifecycle(id)).containsExactly(
                    new LifecycleMismatch("status", "OPEN", "CLOSED"),
                    new LifecycleMismatch("milestone.COUNTED", "d4".repeat(32), ""));
        }
        // Stamped as the application stamps a status change, but at another moment than the audited one.
        db.update(ELECTION).set(ELECTION.STATUS, "CLOSED").set(ELECTION.UPDATED_AT, LocalDateTime.of(2026, 12, 22, 9, 0))
                .where(ELECTION.ID.eq(id.value())).execute();
        db.deleteFrom(ELECTION_MILESTONE).where(ELECTION_MILESTONE.ELECTION_ID.eq(id.value()))
                .and(ELECTION_MILESTONE.MILESTONE.eq("COUNTED")).execute();
        try (var teller = Acting.as("head.teller", "TELLER")) {
            assertThat(lifecycle.auditedLifecycle(id)).extracting(LifecycleMismatch::about, LifecycleMismatch::found)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("changedAt", "2026-12-22T09:00"));
        }
    }
}
