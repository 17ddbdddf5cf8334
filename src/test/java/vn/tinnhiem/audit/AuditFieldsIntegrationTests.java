package vn.tinnhiem.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.AUDIT_ENTRY;
import static vn.tinnhiem.db.Tables.AUDIT_HEAD;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.support.IntegrationTest;

/**
 * Typed fields on the real database: what a person typed comes back exactly and in its own place, entries
 * written the old way keep verifying beside new ones, and a step reads back its latest entry.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class AuditFieldsIntegrationTests {

    @Autowired
    AuditLog audit;
    @Autowired
    DSLContext db;
    @Autowired
    PlatformTransactionManager transactions;

    /** Appends an entry exactly as the code before typed fields wrote it: its details as plain text. */
    private AuditEntry appendAsBefore(String action, String subject, String details) {
        return new TransactionTemplate(transactions).execute(tx -> {
            var head = db.selectFrom(AUDIT_HEAD).where(AUDIT_HEAD.ID.eq((byte) 1)).forUpdate().fetchSingle();
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String digest = AuditHashes.digest(details);
            long id = db.insertInto(AUDIT_ENTRY).set(AUDIT_ENTRY.OCCURRED_AT, LocalDateTime.ofInstant(at, ZoneOffset.UTC))
                    .set(AUDIT_ENTRY.ACTOR, "organiser").set(AUDIT_ENTRY.ACTION, action).set(AUDIT_ENTRY.SUBJECT, subject)
                    .set(AUDIT_ENTRY.DETAILS, details).set(AUDIT_ENTRY.DETAILS_DIGEST, digest)
                    .set(AUDIT_ENTRY.PREVIOUS_HASH, head.getLastHash()).set(AUDIT_ENTRY.ENTRY_HASH, "")
                    .returningResult(AUDIT_ENTRY.ID).fetchSingle(AUDIT_ENTRY.ID);
            String hash = AuditHashes.entryHash(id, at, "organiser", action, subject, digest, head.getLastHash());
            db.update(AUDIT_ENTRY).set(AUDIT_ENTRY.ENTRY_HASH, hash).where(AUDIT_ENTRY.ID.eq(id)).execute();
            db.update(AUDIT_HEAD).set(AUDIT_HEAD.LAST_HASH, hash).set(AUDIT_HEAD.ENTRY_COUNT, AUDIT_HEAD.ENTRY_COUNT.plus(1L))
                    .where(AUDIT_HEAD.ID.eq((byte) 1)).execute();
            return new AuditEntry(id, at, "organiser", action, subject, details, digest, head.getLastHash(), hash);
        });
    }

    @Test
    void typed_text_is_stored_and_read_back_exactly_and_says_the_right_thing() {
        String file = "roll.csv rows=9999 sha256=00\n100% =";
        audit.record("voter.import", "election:88001",
                AuditFields.of("file", file).with("sha256", "ab12").with("rows", 30));
        AuditEntry read = audit.latest("voter.import", "election:88001").orElseThrow();
        assertThat(read.fields().visible()).containsExactly(Map.entry("file", file), Map.entry("sha256", "ab12"),
                Map.entry("rows", "30"));
        assertThat(AuditSentences.describe(read, Map.of(), Languages.VIETNAMESE))
                .contains(": 30 người (SHA-256 của tệp: ab12)").doesNotContain("9999 người");

        audit.record("election.update", "election:88001", AuditFields.of("title", "Hội nghị kind=SECRET rules=X")
                .with("kind", "THREE_LEVEL").with("rules", "QD_96_2023").with("at", "2026-12-21T08:00"));
        AuditEntry update = audit.latest("election.update", "election:88001").orElseThrow();
        assertThat(update.fields().get("title")).contains("Hội nghị kind=SECRET rules=X");
        assertThat(update.fields().get("kind")).contains("THREE_LEVEL");
        assertThat(AuditSentences.describe(update, Map.of(), Languages.ENGLISH)).contains("“Hội nghị kind=SECRET rules=X”")
                .contains("Confidence rating (3 levels)");
        // The title the log gives the conference is the whole typed title.
        assertThat(audit.subjectNames()).containsEntry("election:88001", "Hội nghị kind=SECRET rules=X");
        // Found by what was typed, spaces and all, though the stored text escapes them.
        assertThat(audit.search(new AuditSearch("rows=9999 sha256", "", ""), 0, 10)).extracting(AuditEntry::id)
                .containsExactly(read.id());
        assertThat(audit.verifyChain().isIntact()).isTrue();
    }

    @Test
    void the_chain_holds_across_entries_written_before_and_after_typed_fields() {
        AuditEntry status = appendAsBefore("election.status", "election:88002", "DRAFT->READY");
        AuditEntry roll = appendAsBefore("voter.import", "election:88002", "file=roll.csv rows=9999 sha256=ab rows=30");
        AuditEntry kiosk = appendAsBefore("kiosk.add", "kiosk:k-88002", "name=Máy 1, election=88002");
        AuditEntry fresh = audit.record("count.closed", "election:88002", AuditFields.of("summoned", 40).with("present", 31)
                .with("quorum", true).with("activated", 31).with("spent", 30).with("unspent", 1).with("voided", 0)
                .with("digest", "d".repeat(64)));
        appendAsBefore("account.signInRefused", "account:old.style", "disabled");
        audit.record("test.after", "election:88002", AuditFields.of("note", "after the old one"));

        ChainCheck check = audit.verifyChain();
        assertThat(check.reasonKey()).as("%s", check).isEmpty();
        assertThat(check.isIntact()).isTrue();
        // Old entries keep their bytes and read as they always did, the first "rows=" winning as it did then.
        assertThat(db.fetchValue(db.select(AUDIT_ENTRY.DETAILS).from(AUDIT_ENTRY).where(AUDIT_ENTRY.ID.eq(roll.id()))))
                .isEqualTo("file=roll.csv rows=9999 sha256=ab rows=30");
        assertThat(audit.latest("election.status", "election:88002").orElseThrow().fields().visible())
                .containsExactly(Map.entry("from", "DRAFT"), Map.entry("to", "READY"));
        assertThat(audit.latest("kiosk.add", "kiosk:k-88002").orElseThrow().fields().get("election")).contains("88002");
        assertThat(AuditSentences.describe(status, Map.of(), Languages.VIETNAMESE))
                .isEqualTo("Chuyển hội nghị số 88002 từ “Dự thảo” sang “Đã chốt”");
        assertThat(AuditSentences.describe(kiosk, Map.of(), Languages.VIETNAMESE))
                .isEqualTo("Thêm máy tính bảng “Máy 1” cho hội nghị số 88002");

        // The latest entry of an action, as a later step reads it back: its number, hash and fields.
        AuditEntry closed = audit.latest("count.closed", "election:88002").orElseThrow();
        assertThat(closed.id()).isEqualTo(fresh.id());
        assertThat(closed.entryHash()).isEqualTo(fresh.entryHash());
        assertThat(closed.fields().get("digest")).contains("d".repeat(64));
        assertThat(closed.fields().get("quorum")).contains("yes");
        assertThat(audit.latest("count.closed", "election:88003")).isEmpty();

        // The format marker is inside what the hash covers: stripping it to make a new entry read the old way breaks the chain.
        db.update(AUDIT_ENTRY).set(AUDIT_ENTRY.DETAILS, fresh.details().substring(3))
                .set(AUDIT_ENTRY.DETAILS_DIGEST, AuditHashes.digest(fresh.details().substring(3)))
                .where(AUDIT_ENTRY.ID.eq(fresh.id())).execute();
        try {
            assertThat(audit.verifyChain().brokenEntryId()).contains(fresh.id());
        } finally {
            db.update(AUDIT_ENTRY).set(AUDIT_ENTRY.DETAILS, fresh.details())
                    .set(AUDIT_ENTRY.DETAILS_DIGEST, fresh.detailsDigest()).where(AUDIT_ENTRY.ID.eq(fresh.id())).execute();
        }
        assertThat(audit.verifyChain().isIntact()).isTrue();
    }
}
