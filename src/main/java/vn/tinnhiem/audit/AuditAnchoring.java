package vn.tinnhiem.audit;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.tinnhiem.audit.internal.AnchorFile;
import vn.tinnhiem.audit.internal.AuditRepository;

/**
 * Writes the chain's head to the anchor file, outside the database, so that a log cut at its tail or
 * restored from an older copy is contradicted by a line the database cannot reach. Only committed heads
 * are anchored (read in a transaction of its own), never an entry that may still roll back; a failure to
 * write the file is logged, never thrown, as the step it anchors has already happened.
 */
@Component
class AuditAnchoring {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchoring.class);

    private final AuditRepository repository;
    private final Clock clock;
    private final AnchorFile anchors;
    private final TransactionTemplate ownReading;
    /** The head as last written to the anchor file by this process, so the periodic task skips a still head. */
    private final AtomicReference<Optional<AuditHead>> lastAnchored = new AtomicReference<>();

    AuditAnchoring(AuditRepository repository, Clock clock, PlatformTransactionManager transactions,
            AnchorFile anchors) {
        this.repository = repository;
        this.clock = clock;
        this.anchors = anchors;
        this.ownReading = new TransactionTemplate(transactions);
        this.ownReading.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ownReading.setReadOnly(true);
    }

    /** See {@link AuditLog#anchorAfterCommit}. */
    void anchorAfterCommit(String reason) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            anchorNow(reason);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                anchorNow(reason);
            }
        });
    }

    /** Anchors only if the head moved since the last anchor (the periodic task). */
    void anchorIfMoved(String reason) {
        AuditHead head = committedHead();
        if (lastAnchored.get() == null) {
            lastAnchored.compareAndSet(null, lastInFile());
        }
        if (head.entryCount() > 0 && !lastAnchored.get().equals(Optional.of(head))) {
            write(head, reason);
        }
    }

    private void anchorNow(String reason) {
        try {
            AuditHead head = committedHead();
            if (head.entryCount() > 0) {
                write(head, reason);
            }
        } catch (RuntimeException e) {
            log.error("Could not read the audit head to anchor it ({}): {}", reason, e.toString());
        }
    }

    private AuditHead committedHead() {
        return ownReading.execute(tx -> repository.head());
    }

    private void write(AuditHead head, String reason) {
        try {
            anchors.append(clock.instant(), head.entryCount(), head.hash(), reason);
            lastAnchored.set(Optional.of(head));
        } catch (IOException e) {
            log.error("Could not write the audit anchor to {}: {}", anchors.path(), e.toString());
        }
    }

    private Optional<AuditHead> lastInFile() {
        try {
            return anchors.read().flatMap(AnchorFile.Reading::last).map(a -> new AuditHead(a.entryCount(), a.hash()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
