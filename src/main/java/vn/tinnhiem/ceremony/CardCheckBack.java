package vn.tinnhiem.ceremony;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.internal.KeyRepository;
import vn.tinnhiem.ceremony.internal.KeyRepository.StoredKey;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;

/**
 * Each teller checks their own card back ({@link CeremonyService#checkCard}); the last good card reports the key to
 * the lifecycle (the KEY_MADE milestone). The conference is locked first, so that two cards checked at once see
 * each other and the key is recorded exactly once.
 */
@Component
class CardCheckBack {

    private final CeremonyLists lists;
    private final Milestones milestones;
    private final AuditLog audit;
    private final KeyRepository keys;

    CardCheckBack(CeremonyLists lists, Milestones milestones, AuditLog audit, KeyRepository keys) {
        this.lists = lists;
        this.milestones = milestones;
        this.audit = audit;
        this.keys = keys;
    }

    /**
     * A teller checks their own card back (scanned, or typed) against the commitments. When the last card is
     * good, the key is recorded for the lifecycle and the polls may open. The share read from the card is
     * destroyed at once.
     */
    CardCheck checkCard(ElectionId electionId, int seat, String cardText, char @Nullable [] passphrase) {
        Election election = lists.lockedReady(electionId);
        CeremonyRequest request = lists.request(election);
        StoredKey key = lists.currentKey(election, request);
        Map<Integer, KeyRepository.SeatCard> seats = new java.util.HashMap<>();
        keys.seats(electionId.value()).forEach(s -> seats.put(s.seat(), s));
        KeyRepository.SeatCard card = seats.get(seat);
        if (card == null) {
            throw new UserFacingException("ceremony.error.noSuchSeat", seat);
        }
        if (!card.issued()) {
            throw new UserFacingException("ceremony.error.notIssued", seat);
        }
        // A typed code is tidied (spaces, case, the prefix); anything else with a prefix, such as a voting card, is
        // read as it is, so that it is refused for what it is.
        String text = cardText.strip();
        if (!text.contains(":") || text.toUpperCase(java.util.Locale.ROOT).startsWith(ShareCards.PREFIX)) {
            text = ShareCardText.fromTyped(text);
        }
        ShareCards.Result read = ShareCards.read(text, HexFormat.of().parseHex(key.manifestHash()),
                key.commitments(), key.n(), passphrase);
        ShareCardText.Refusal refusal = null;
        if (read instanceof ShareCards.Rejected rejected) {
            refusal = ShareCardText.refusal(cardText, rejected.reason());
        } else if (read instanceof ShareCards.Accepted accepted) {
            int index = accepted.share().index();
            accepted.share().destroy();
            if (index != seat) {
                refusal = new ShareCardText.Refusal("ceremony.check.otherSeat", List.of());
            }
        }
        if (refusal != null) {
            audit.recordRefusal("ceremony.cardRefused", CeremonyLists.subject(electionId), AuditFields.of("seat", seat).with("reason", refusal.key()));
            return CardCheck.refused(refusal.key(), refusal.args());
        }
        keys.markChecked(electionId.value(), seat);
        boolean complete = keys.allChecked(electionId.value());
        if (complete) {
            milestones.recordKeyMade(electionId, key.manifestHash());
        }
        audit.record("ceremony.cardChecked", CeremonyLists.subject(electionId), AuditFields.of("seat", seat));
        if (complete) {
            audit.record("ceremony.completed", CeremonyLists.subject(electionId), AuditFields.of("manifest", key.manifestHash()));
        }
        return CardCheck.accepted(complete);
    }
}
