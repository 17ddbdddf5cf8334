package vn.tinnhiem.ceremony;

import org.springframework.stereotype.Component;

import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.internal.KeyRepository;
import vn.tinnhiem.ceremony.internal.KeyRepository.StoredKey;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.files.FileResult;

/**
 * The ceremony on an offline laptop ({@link CeremonyService#request}, {@link CeremonyService#importKeyFile}): the
 * request carried to it holds no secret, and the file carried back holds only K and the commitments, checked
 * against this server's own lists before it replaces any earlier key.
 */
@Component
class OfflineKeyImport {

    private final CeremonyLists lists;
    private final AuditLog audit;
    private final KeyRepository keys;

    OfflineKeyImport(CeremonyLists lists, AuditLog audit, KeyRepository keys) {
        this.lists = lists;
        this.audit = audit;
        this.keys = keys;
    }

    /** The request file for the offline laptop: the frozen lists, k, n and the board, no secret. */
    CeremonyRequest request(ElectionId electionId) {
        CeremonyRequest request = lists.request(lists.ready(electionId));
        audit.record("ceremony.requestExported", CeremonyLists.subject(electionId), AuditFields.of("k", request.k()).with("n", request.n()));
        return request;
    }

    /**
     * Takes the public file the offline laptop wrote: checked against this server's own lists (the manifest
     * hash) and the commitments' shape. Then every card counts as handed out, and each teller checks theirs back.
     * Voids any earlier key of this conference.
     */
    void importKeyFile(ElectionId electionId, byte[] content) {
        Election election = lists.lockedReady(electionId);
        CeremonyRequest request = lists.request(election);
        FileResult.Refused<ElectionKeyFile> refused = null;
        ElectionKeyFile file = null;
        if (content.length > CeremonyService.MAX_KEY_FILE) {
            refused = new FileResult.Refused<>("ceremony.file.tooLarge", CeremonyService.MAX_KEY_FILE / 1024);
        } else {
            switch (ElectionKeyFile.parse(content)) {
                case FileResult.Ok<ElectionKeyFile> ok -> {
                    file = ok.value();
                    refused = file.refusalAgainst(request.manifest(file.electionKey(), file.commitments())).orElse(null);
                }
                case FileResult.Refused<ElectionKeyFile> r -> refused = r;
            }
        }
        if (refused != null || file == null) {
            String why = refused == null ? "ceremony.file.notAKeyFile" : refused.reasonKey();
            audit.recordRefusal("ceremony.importRefused", CeremonyLists.subject(electionId), AuditFields.of("reason", why));
            throw new UserFacingException(why, refused == null ? new Object[0] : refused.args().toArray());
        }
        boolean again = lists.voidEarlierKey(electionId);
        keys.replace(new StoredKey(electionId.value(), file.manifestHash(), file.electionKey(), file.commitments(), file.k(),
                file.n(), CeremonyService.OFFLINE), true);
        audit.record("ceremony.imported", CeremonyLists.subject(electionId), AuditFields.of("k", file.k()).with("n", file.n())
                .with("again", again).with("manifest", file.manifestHash()));
    }
}
