package vn.tinnhiem.count;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.count.internal.CountRepository;
import vn.tinnhiem.count.internal.RecordWriter;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.voting.StoredBallot;
import vn.tinnhiem.voting.VotingService;
import vn.tinnhiem.shared.files.Sha256;

/**
 * What the election record (docs/protocol.md 10.2) of a counted conference holds, gathered from the stored count,
 * and its hash. Shared by the record's download ({@link ElectionRecordExport}) and the count's end
 * ({@link CountFinish}), which stores the hash; the callers check who asks.
 */
@Component
class ElectionRecordContent {

    private final Elections elections;
    private final VotingService voting;
    private final CountRepository repository;
    private final CountGuards guards;
    private final StoredCount stored;
    private final AuditLog audit;

    ElectionRecordContent(Elections elections, VotingService voting, CountRepository repository,
            CountGuards guards, StoredCount stored, AuditLog audit) {
        this.elections = elections;
        this.voting = voting;
        this.repository = repository;
        this.guards = guards;
        this.stored = stored;
        this.audit = audit;
    }

    void write(ElectionId electionId, java.io.OutputStream out) {
        RecordWriter.write(content(electionId), out);
    }

    /** The record's SHA-256, as lowercase hex, without keeping the record. */
    String hash(ElectionId electionId) {
        try {
            MessageDigest sha = Sha256.digest();
            try (var out = new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), sha)) {
                RecordWriter.write(content(electionId), out);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private RecordWriter.Content content(ElectionId electionId) {
        Election election = elections.find(electionId).orElseThrow();
        var d = election.details();
        Manifest manifest = guards.manifest(electionId);
        CountRepository.Closing closing = repository.closing(electionId.value()).orElseThrow();
        CountRepository.BoxRow box = repository.box(electionId.value()).orElseThrow();
        BoxVerdict verdict = StoredCount.verdict(box, stored.sealedSpent(electionId, closing.cardsSpent()));
        Map<String, StoredBallot> byBallotId = new java.util.HashMap<>();
        Map<String, StoredBallot> byRowId = new java.util.HashMap<>();
        for (StoredBallot r : voting.ballotBox(electionId)) {
            byBallotId.putIfAbsent(r.ballot().id(), r);
            byRowId.put(r.id(), r);
        }
        List<SealedBallot> counted = new ArrayList<>();
        byte[] ids = box.countedIds();
        for (int i = 0; i < ids.length / 16; i++) {
            StoredBallot r = byBallotId.get(HexFormat.of().formatHex(ids, 16 * i, 16 * i + 16));
            if (r != null) {
                counted.add(r.ballot());
            }
        }
        List<RecordWriter.Copy> copies = verdict.copies().stream().map(x -> new RecordWriter.Copy(x.id(),
                x.trackingCode(), sealed(byRowId.get(x.id())), x.copyOf())).toList();
        List<RecordWriter.SetAside> setAside = verdict.setAside().stream().map(x -> new RecordWriter.SetAside(x.id(),
                x.trackingCode(), sealed(byRowId.get(x.id())), x.reasons())).toList();
        CountRepository.ResultRow result = repository.result(electionId.value()).orElseThrow();
        return new RecordWriter.Content(manifest, d.body(), d.place(), d.startsAt(), closing, box.stored(), counted,
                closing.cardsSpent(), copies, setAside,
                stored.checkedBallots(electionId),
                box.tally() == null ? null : EncryptedTally.decode(box.tally()),
                repository.partials(electionId.value()), stored.table(electionId, result).toJson(),
                audit.latest("count.closed", CountGuards.subject(electionId))
                        .map(e -> new RecordWriter.CloseEntry(e.id(), e.entryHash())).orElse(null));
    }

    private static byte[] sealed(@Nullable StoredBallot row) {
        return row == null ? new byte[0] : row.ballot().encode();
    }
}
