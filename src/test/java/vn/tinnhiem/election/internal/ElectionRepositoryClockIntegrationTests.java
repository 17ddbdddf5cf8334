package vn.tinnhiem.election.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.ELECTION;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.support.IntegrationTest;

/** The times the repository stores come from the hall clock it is given, in UTC, not from the machine. */
@IntegrationTest
class ElectionRepositoryClockIntegrationTests {

    @Autowired
    DSLContext db;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void a_status_change_is_stamped_with_the_hall_clocks_instant_in_utc() {
        // 07:30 in the hall (UTC+7) is 00:30 UTC; a machine clock would give today's date instead.
        Clock hall = Clock.fixed(Instant.parse("2031-03-04T00:30:00Z"), ZoneId.of("Asia/Ho_Chi_Minh"));
        var repository = new ElectionRepository(db, hall);
        LocalDateTime stamped = new TransactionTemplate(transactions).execute(status -> {
            long id = repository.insert(new ElectionDetails("Hội nghị giờ", "HĐND xã", "", LocalDateTime.of(2031, 3, 4, 8, 0),
                    BallotKind.THREE_LEVEL, RuleSet.QD_96_2023), 1);
            repository.setStatus(id, ElectionStatus.READY);
            LocalDateTime at = db.select(ELECTION.UPDATED_AT).from(ELECTION).where(ELECTION.ID.eq(id)).fetchSingle().value1();
            status.setRollbackOnly();
            return at;
        });
        assertThat(stamped).isEqualTo(LocalDateTime.of(2031, 3, 4, 0, 30));
    }
}
