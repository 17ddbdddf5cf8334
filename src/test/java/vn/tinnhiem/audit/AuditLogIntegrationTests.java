package vn.tinnhiem.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.AUDIT_ENTRY;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.support.IntegrationTest;

/** The chain on the real database: intact as written, and a changed, removed or rewritten row is named. */
@IntegrationTest
@WithMockUser(username = "auditor", roles = "ADMIN")
class AuditLogIntegrationTests {

    @Autowired
    AuditLog audit;
    @Autowired
    DSLContext db;

    @Test
    void entries_are_chained_and_the_chain_checks_out() {
        AuditEntry first = audit.record("test.first", "test:1", AuditFields.of("note", "one"));
        AuditEntry second = audit.record("test.second", "test:1", AuditFields.of("note", "two"));
        assertThat(second.previousHash()).isEqualTo(first.entryHash());
        assertThat(second.actor()).isEqualTo("auditor");
        assertThat(audit.verifyChain().isIntact()).isTrue();
    }

    @Test
    void an_edited_row_is_found_and_named() {
        audit.record("test.a", "test:2", AuditFields.of("note", "before"));
        AuditEntry target = audit.record("test.b", "test:2", AuditFields.of("amount", 10));
        audit.record("test.c", "test:2", AuditFields.of("note", "after"));
        try {
            db.update(AUDIT_ENTRY).set(AUDIT_ENTRY.DETAILS, "amount=99").where(AUDIT_ENTRY.ID.eq(target.id())).execute();
            ChainCheck check = audit.verifyChain();
            assertThat(check.isIntact()).isFalse();
            assertThat(check.brokenEntryId()).contains(target.id());
            assertThat(check.reasonKey()).contains("audit.broken.details");

            // A forger who also fixes the digest still breaks the entry's own hash.
            db.update(AUDIT_ENTRY).set(AUDIT_ENTRY.DETAILS_DIGEST, AuditHashes.digest("amount=99"))
                    .where(AUDIT_ENTRY.ID.eq(target.id())).execute();
            check = audit.verifyChain();
            assertThat(check.brokenEntryId()).contains(target.id());
            assertThat(check.reasonKey()).contains("audit.broken.hash");

            db.update(AUDIT_ENTRY).set(AUDIT_ENTRY.ACTOR, "someone-else")
                    .set(AUDIT_ENTRY.DETAILS, "amount=10").set(AUDIT_ENTRY.DETAILS_DIGEST, target.detailsDigest())
                    .where(AUDIT_ENTRY.ID.eq(target.id())).execute();
            assertThat(audit.verifyChain().brokenEntryId()).contains(target.id());
        } finally {
            db.update(AUDIT_ENTRY).set(AUDIT_ENTRY.DETAILS, target.details()).set(AUDIT_ENTRY.ACTOR, target.actor())
                    .set(AUDIT_ENTRY.DETAILS_DIGEST, target.detailsDigest()).where(AUDIT_ENTRY.ID.eq(target.id())).execute();
        }
        assertThat(audit.verifyChain().isIntact()).isTrue();
    }

    @Test
    void a_removed_row_breaks_the_link_of_the_next_one() {
        AuditEntry removed = audit.record("test.removed", "test:3", AuditFields.of("note", "x"));
        AuditEntry next = audit.record("test.next", "test:3", AuditFields.of("note", "y"));
        var saved = db.selectFrom(AUDIT_ENTRY).where(AUDIT_ENTRY.ID.eq(removed.id())).fetchSingle();
        db.deleteFrom(AUDIT_ENTRY).where(AUDIT_ENTRY.ID.eq(removed.id())).execute();
        try {
            ChainCheck check = audit.verifyChain();
            assertThat(check.brokenEntryId()).contains(next.id());
            assertThat(check.reasonKey()).contains("audit.broken.link");
        } finally {
            saved.changed(true);
            db.insertInto(AUDIT_ENTRY).set(saved).execute();
        }
        assertThat(audit.verifyChain().isIntact()).isTrue();
    }
}
