package vn.tinnhiem.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.AUDIT_ENTRY;
import static vn.tinnhiem.db.Tables.AUDIT_HEAD;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Result;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.tinnhiem.audit.AnchorFinding.Kind;
import vn.tinnhiem.audit.internal.AnchorFile;
import vn.tinnhiem.db.tables.records.AuditEntryRecord;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.IntegrationTest;

/**
 * The head anchored outside the database, on the real database: a log cut at its tail, rewritten up
 * to its end or put back from an older copy is found and the anchor it contradicts is named. Every
 * test puts the rows back as they were, so the shared log stays intact for the tests after it.
 */
@IntegrationTest
@WithMockUser(username = "anchor.tester", roles = "ADMIN")
class AuditAnchorsIntegrationTests {

    @Autowired
    AuditLog audit;
    @Autowired
    AuditAnchoring anchoring;
    @Autowired
    AnchorFile anchorFile;
    @Autowired
    DSLContext db;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Elections elections;
    @Autowired
    Lifecycle lifecycle;

    private List<String> anchorLines() throws IOException {
        Path file = anchorFile.path();
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#")).toList() : List.of();
    }

    private AuditAnchor lastAnchor() throws IOException {
        return anchorFile.read().orElseThrow().last().orElseThrow();
    }

    /** The newest rows of the log, oldest first. */
    private Result<AuditEntryRecord> lastRows(int n) {
        var rows = db.selectFrom(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.ID.desc()).limit(n).fetch();
        rows.sortAsc(AUDIT_ENTRY.ID);
        return rows;
    }

    private void setHead(long count, String hash) {
        db.update(AUDIT_HEAD).set(AUDIT_HEAD.ENTRY_COUNT, count).set(AUDIT_HEAD.LAST_HASH, hash)
                .where(AUDIT_HEAD.ID.eq((byte) 1)).execute();
    }

    /** Puts saved rows back exactly (same ids, same hashes) and the head with them. */
    private void putBack(Result<AuditEntryRecord> saved, AuditHead head) {
        for (AuditEntryRecord r : saved) {
            db.deleteFrom(AUDIT_ENTRY).where(AUDIT_ENTRY.ID.eq(r.getId())).execute();
            r.changed(true);
            db.insertInto(AUDIT_ENTRY).set(r).execute();
        }
        setHead(head.entryCount(), head.hash());
    }

    @Test
    void an_intact_log_agrees_with_every_anchor() throws IOException {
        audit.record("test.anchor", "test:intact", AuditFields.of("note", "one"));
        audit.anchorAfterCommit("test");
        audit.record("test.anchor", "test:intact", AuditFields.of("note", "two"));
        audit.anchorAfterCommit("test");

        ChainCheck check = audit.verifyChain();
        assertThat(check.isIntact()).isTrue();
        assertThat(check.findings()).isEmpty();
        assertThat(check.anchorFile()).isEqualTo(ChainCheck.AnchorFileState.PRESENT);
        assertThat(check.anchorsChecked()).isGreaterThanOrEqualTo(2);
        assertThat(check.head()).isEqualTo(audit.head());
        assertThat(check.head().grouped()).matches("([0-9a-f]{4} ){15}[0-9a-f]{4}");
        assertThat(lastAnchor().hash()).isEqualTo(audit.head().hash());
    }

    @Test
    void a_tail_cut_with_the_head_set_back_is_found_and_the_anchor_named() throws IOException {
        audit.record("test.cut", "test:cut", AuditFields.of("note", "a"));
        audit.record("test.cut", "test:cut", AuditFields.of("note", "b"));
        audit.record("test.cut", "test:cut", AuditFields.of("note", "c"));
        audit.anchorAfterCommit("test");
        AuditAnchor anchor = lastAnchor();
        AuditHead before = audit.head();
        var removed = lastRows(2);
        var kept = lastRows(3).getFirst();

        // What a forger with the database would do: delete the newest rows and make the head agree.
        db.deleteFrom(AUDIT_ENTRY).where(AUDIT_ENTRY.ID.in(removed.getValues(AUDIT_ENTRY.ID))).execute();
        setHead(before.entryCount() - 2, kept.getEntryHash());
        try {
            ChainCheck check = audit.verifyChain();
            assertThat(check.reasonKey()).as("the chain itself still holds").isEmpty();
            assertThat(check.isIntact()).isFalse();
            assertThat(check.findings()).anySatisfy(f -> {
                assertThat(f.kind()).isEqualTo(Kind.MISSING_ENTRIES);
                assertThat(f.anchor()).isEqualTo(anchor);
                assertThat(f.entriesMissing()).isEqualTo(2);
                assertThat(f.messageKey()).isEqualTo("audit.anchor.missing");
            });
        } finally {
            putBack(removed, before);
        }
        assertThat(audit.verifyChain().isIntact()).isTrue();
    }

    @Test
    void a_tail_rewritten_into_a_valid_chain_is_found_and_the_anchor_named() throws IOException {
        audit.record("test.rewrite", "test:rewrite", AuditFields.of("amount", 10));
        audit.record("test.rewrite", "test:rewrite", AuditFields.of("amount", 20));
        audit.anchorAfterCommit("test");
        AuditAnchor anchor = lastAnchor();
        AuditHead before = audit.head();
        var original = lastRows(2);

        // Other content, every hash recomputed: the chain alone cannot tell.
        String previous = original.getFirst().getPreviousHash();
        for (AuditEntryRecord r : original) {
            String details = r.getDetails().replace("amount=", "amount=9");
            String digest = AuditHashes.digest(details);
            String hash = AuditHashes.entryHash(r.getId(), r.getOccurredAt().toInstant(java.time.ZoneOffset.UTC),
                    r.getActor(), r.getAction(), r.getSubject(), digest, previous);
            db.update(AUDIT_ENTRY).set(AUDIT_ENTRY.DETAILS, details).set(AUDIT_ENTRY.DETAILS_DIGEST, digest)
                    .set(AUDIT_ENTRY.PREVIOUS_HASH, previous).set(AUDIT_ENTRY.ENTRY_HASH, hash)
                    .where(AUDIT_ENTRY.ID.eq(r.getId())).execute();
            previous = hash;
        }
        setHead(before.entryCount(), previous);
        try {
            ChainCheck check = audit.verifyChain();
            assertThat(check.reasonKey()).as("the rewritten chain holds by itself").isEmpty();
            assertThat(check.isIntact()).isFalse();
            assertThat(check.findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(Kind.REWRITTEN);
                assertThat(f.anchor()).isEqualTo(anchor);
                assertThat(f.entryId()).contains(original.getLast().getId());
            });
        } finally {
            putBack(original, before);
        }
        assertThat(audit.verifyChain().isIntact()).isTrue();
    }

    @Test
    void an_older_copy_put_back_is_found_and_named() throws IOException {
        audit.record("test.copy", "test:copy", AuditFields.of("note", "at the time of the backup"));
        audit.anchorAfterCommit("backup");
        AuditAnchor atBackup = lastAnchor();
        AuditHead backup = audit.head();

        audit.record("test.copy", "test:copy", AuditFields.of("note", "after the backup"));
        audit.record("test.copy", "test:copy", AuditFields.of("note", "after the backup, again"));
        audit.anchorAfterCommit("test");
        AuditAnchor later = lastAnchor();
        AuditHead now = audit.head();
        var newer = lastRows(2);

        // The copy taken at the backup goes back in: its rows and its head, exactly as they were then.
        db.deleteFrom(AUDIT_ENTRY).where(AUDIT_ENTRY.ID.in(newer.getValues(AUDIT_ENTRY.ID))).execute();
        setHead(backup.entryCount(), backup.hash());
        try {
            ChainCheck check = audit.verifyChain();
            assertThat(check.reasonKey()).isEmpty();
            assertThat(check.isIntact()).isFalse();
            assertThat(check.findings().getFirst()).satisfies(f -> {
                assertThat(f.kind()).isEqualTo(Kind.OLDER_COPY);
                assertThat(f.anchor()).isEqualTo(atBackup);
            });
            assertThat(check.findings()).anySatisfy(f -> {
                assertThat(f.kind()).isEqualTo(Kind.MISSING_ENTRIES);
                assertThat(f.anchor()).isEqualTo(later);
                assertThat(f.entriesMissing()).isEqualTo(2);
            });
        } finally {
            putBack(newer, now);
        }
        assertThat(audit.verifyChain().isIntact()).isTrue();
    }

    @Test
    void a_missing_anchor_file_is_reported_not_a_crash() throws IOException {
        audit.record("test.file", "test:file", AuditFields.of("note", "x"));
        audit.anchorAfterCommit("test");
        Path file = anchorFile.path();
        Path aside = file.resolveSibling(file.getFileName() + ".aside");
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        try {
            ChainCheck check = audit.verifyChain();
            assertThat(check.anchorFile()).isEqualTo(ChainCheck.AnchorFileState.MISSING);
            assertThat(check.anchorFilePath()).isEqualTo(file.toString());
            assertThat(check.anchorsChecked()).isZero();
            assertThat(check.reasonKey()).isEmpty();
        } finally {
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(audit.verifyChain().anchorFile()).isEqualTo(ChainCheck.AnchorFileState.PRESENT);
    }

    @Test
    void a_line_edited_by_hand_is_named() throws IOException {
        audit.record("test.file", "test:file", AuditFields.of("note", "y"));
        audit.anchorAfterCommit("test");
        Path file = anchorFile.path();
        byte[] saved = Files.readAllBytes(file);
        Files.writeString(file, "yesterday 12 not-a-hash\n", java.nio.file.StandardOpenOption.APPEND);
        try {
            ChainCheck check = audit.verifyChain();
            assertThat(check.isIntact()).isFalse();
            assertThat(check.findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(Kind.UNREADABLE);
                assertThat(f.anchor().line()).isEqualTo(Files.readAllLines(file).size());
            });
        } finally {
            Files.write(file, saved);
        }
    }

    @Test
    void an_anchor_is_written_after_commit_and_never_for_a_rollback() throws IOException {
        var tx = new TransactionTemplate(transactions);
        int before = anchorLines().size();
        tx.executeWithoutResult(status -> {
            audit.record("test.commit", "test:commit", AuditFields.of("note", "kept"));
            audit.anchorAfterCommit("test.commit");
            try {
                assertThat(anchorLines()).as("nothing before the commit").hasSize(before);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(anchorLines()).hasSize(before + 1);
        assertThat(lastAnchor().reason()).isEqualTo("test.commit");
        assertThat(lastAnchor().entryCount()).isEqualTo(audit.head().entryCount());
        assertThat(lastAnchor().hash()).isEqualTo(audit.head().hash());

        tx.executeWithoutResult(status -> {
            audit.record("test.rollback", "test:commit", AuditFields.of("note", "lost"));
            audit.anchorAfterCommit("test.rollback");
            status.setRollbackOnly();
        });
        assertThat(anchorLines()).hasSize(before + 1);
    }

    @Test
    void the_periodic_anchor_writes_only_when_the_head_moved() throws IOException {
        audit.record("test.periodic", "test:periodic", AuditFields.of("note", "moved"));
        anchoring.anchorIfMoved("periodic");
        int lines = anchorLines().size();
        assertThat(lastAnchor().entryCount()).isEqualTo(audit.head().entryCount());
        anchoring.anchorIfMoved("periodic");
        assertThat(anchorLines()).hasSize(lines);
    }

    @Test
    void a_lifecycle_step_is_anchored() throws IOException {
        ElectionId id = elections.createDemo();
        lifecycle.moveTo(id, ElectionStatus.READY);
        AuditAnchor anchor = lastAnchor();
        assertThat(anchor.reason()).isEqualTo("election.status.READY");
        assertThat(new AuditHead(anchor.entryCount(), anchor.hash())).isEqualTo(audit.head());
    }
}
