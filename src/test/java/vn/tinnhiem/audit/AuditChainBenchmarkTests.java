package vn.tinnhiem.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.AUDIT_ENTRY;
import static vn.tinnhiem.db.Tables.AUDIT_HEAD;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.support.IntegrationTest;

/**
 * How the streaming check behaves on a long log: 100,000 valid entries appended in bulk, then checked.
 * Run on its own ({@code -Dtest=AuditChainBenchmarkTests -Dgroups=benchmark -Dsurefire.excludedGroups=none
 * -DargLine=-Xmx160m}); it prints the figures. Measured: 100,001 entries in about 0.65 s within a 160 MB
 * heap; the same check loading the log whole ({@code fetch()}) ran out of heap.
 */
@IntegrationTest
@Tag("benchmark")
@WithMockUser(username = "bench", roles = "ADMIN")
class AuditChainBenchmarkTests {

    static final int ENTRIES = 100_000;

    @Autowired
    AuditLog audit;
    @Autowired
    DSLContext db;

    @Test
    void a_long_log_is_checked_in_streamed_pages() {
        AuditHead head = audit.head();
        long nextId = db.select(org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.max(AUDIT_ENTRY.ID), 0L).plus(1L))
                .from(AUDIT_ENTRY).fetchSingle().value1();
        String previous = head.hash();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String details = "name=Người ghi phiếu có một cái tên khá dài để mỗi dòng có kích thước thật";
        String digest = AuditHashes.digest(details);
        List<Query> batch = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            long id = nextId + i;
            String hash = AuditHashes.entryHash(id, at, "bench", "voter.add", "election:1", digest, previous);
            batch.add(db.insertInto(AUDIT_ENTRY).set(AUDIT_ENTRY.ID, id)
                    .set(AUDIT_ENTRY.OCCURRED_AT, LocalDateTime.ofInstant(at, ZoneOffset.UTC))
                    .set(AUDIT_ENTRY.ACTOR, "bench").set(AUDIT_ENTRY.ACTION, "voter.add").set(AUDIT_ENTRY.SUBJECT, "election:1")
                    .set(AUDIT_ENTRY.DETAILS, details).set(AUDIT_ENTRY.DETAILS_DIGEST, digest)
                    .set(AUDIT_ENTRY.PREVIOUS_HASH, previous).set(AUDIT_ENTRY.ENTRY_HASH, hash));
            previous = hash;
            if (batch.size() == 2_000) {
                db.batch(batch).execute();
                batch.clear();
            }
        }
        db.batch(batch).execute();
        db.update(AUDIT_HEAD).set(AUDIT_HEAD.ENTRY_COUNT, head.entryCount() + ENTRIES).set(AUDIT_HEAD.LAST_HASH, previous)
                .where(AUDIT_HEAD.ID.eq((byte) 1)).execute();

        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        long start = System.nanoTime();
        ChainCheck check = audit.verifyChain();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long heapAfter = memory.getHeapMemoryUsage().getUsed();
        System.out.printf("AUDIT BENCHMARK: %d entries checked in %d ms; heap %d MB before, %d MB after (no GC between)%n",
                check.entriesChecked(), millis, heapBefore >> 20, heapAfter >> 20);
        assertThat(check.isIntact()).isTrue();
        assertThat(check.entriesChecked()).isEqualTo(head.entryCount() + ENTRIES);
    }
}
