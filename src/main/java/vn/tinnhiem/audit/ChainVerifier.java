package vn.tinnhiem.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import vn.tinnhiem.audit.ChainCheck.AnchorFileState;
import vn.tinnhiem.audit.internal.AnchorFile;
import vn.tinnhiem.audit.internal.AuditRepository;

/**
 * The check behind {@link AuditLog#verifyChain}: re-hashes the log from its first entry and holds it
 * against the head row and every line of the anchor file. Kept apart from the writer so that what is
 * checked reads in one place; it shares the hashing with the writer through {@link AuditHashes}. Runs in
 * its caller's read-only transaction, which {@link AuditLog} opens after checking who asks.
 */
@Component
class ChainVerifier {

    private final AuditRepository repository;
    private final AnchorFile anchors;

    ChainVerifier(AuditRepository repository, AnchorFile anchors) {
        this.repository = repository;
        this.anchors = anchors;
    }

    /**
     * Re-hashes every entry from the first, streaming the log, and compares it with the head row and
     * with every anchor in the anchor file. The first entry that does not hold is named; so is every
     * anchor the log contradicts: entries missing after it, a different hash at its position, or a log
     * that is exactly an older anchored state.
     */
    ChainCheck verify() {
        AnchorFileState fileState = AnchorFileState.PRESENT;
        List<AuditAnchor> anchored = List.of();
        List<AnchorFinding> findings = new ArrayList<>();
        try {
            Optional<AnchorFile.Reading> reading = anchors.read();
            if (reading.isEmpty()) {
                fileState = AnchorFileState.MISSING;
            } else {
                anchored = reading.get().anchors();
                for (int line : reading.get().unreadableLines()) {
                    findings.add(new AnchorFinding(AnchorFinding.Kind.UNREADABLE,
                            new AuditAnchor(line, Instant.EPOCH, 0, AuditLog.GENESIS, ""), 0, Optional.empty()));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            fileState = AnchorFileState.UNREADABLE;
        }
        Map<Long, List<AuditAnchor>> byCount = new LinkedHashMap<>();
        anchored.forEach(a -> byCount.computeIfAbsent(a.entryCount(), c -> new ArrayList<>()).add(a));

        String expectedPrevious = AuditLog.GENESIS;
        long count = 0;
        Optional<Long> brokenId = Optional.empty();
        Optional<String> reason = Optional.empty();
        try (Stream<AuditEntry> entries = repository.inOrder()) {
            for (Iterator<AuditEntry> it = entries.iterator(); it.hasNext();) {
                AuditEntry e = it.next();
                count++;
                if (reason.isEmpty()) {
                    Optional<String> problem = problemWith(e, expectedPrevious);
                    if (problem.isPresent()) {
                        brokenId = Optional.of(e.id());
                        reason = problem;
                    }
                }
                for (AuditAnchor a : byCount.getOrDefault(count, List.of())) {
                    if (!a.hash().equals(e.entryHash())) {
                        findings.add(new AnchorFinding(AnchorFinding.Kind.REWRITTEN, a, 0, Optional.of(e.id())));
                    }
                }
                expectedPrevious = e.entryHash();
            }
        }
        long total = count;
        String last = expectedPrevious;
        AuditHead head = repository.head();
        if (reason.isEmpty() && (head.entryCount() != total || !head.hash().equals(last))) {
            // The newest entries were removed: the head still remembers how many there were and the last hash.
            reason = Optional.of("audit.broken.truncated");
        }
        List<AuditAnchor> beyond = anchored.stream().filter(a -> a.entryCount() > total).toList();
        beyond.forEach(a -> findings.add(new AnchorFinding(AnchorFinding.Kind.MISSING_ENTRIES, a, a.entryCount() - total,
                Optional.empty())));
        if (!beyond.isEmpty() && total > 0) {
            anchored.stream().filter(a -> a.entryCount() == total && a.hash().equals(last)).reduce((a, b) -> b)
                    .ifPresent(a -> findings.addFirst(new AnchorFinding(AnchorFinding.Kind.OLDER_COPY, a,
                            beyond.getLast().entryCount() - total, Optional.empty())));
        }
        return new ChainCheck(total, brokenId, reason, new AuditHead(total, last), fileState, anchors.path().toString(),
                anchored.size(),
                anchored.stream().map(AuditAnchor::at).min(Instant::compareTo), List.copyOf(findings));
    }

    private static Optional<String> problemWith(AuditEntry e, String expectedPrevious) {
        if (!e.previousHash().equals(expectedPrevious)) {
            return Optional.of("audit.broken.link");
        }
        if (!AuditHashes.digest(e.details()).equals(e.detailsDigest())) {
            return Optional.of("audit.broken.details");
        }
        String recomputed = AuditHashes.entryHash(e.id(), e.occurredAt(), e.actor(), e.action(), e.subject(),
                e.detailsDigest(), e.previousHash());
        if (!MessageDigest.isEqual(recomputed.getBytes(StandardCharsets.US_ASCII),
                e.entryHash().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("audit.broken.hash");
        }
        return Optional.empty();
    }
}
