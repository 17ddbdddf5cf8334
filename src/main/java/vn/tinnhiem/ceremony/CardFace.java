package vn.tinnhiem.ceremony;

import java.time.LocalDateTime;

/**
 * What a share card says about itself besides the share: the conference, the teller and seat, the
 * threshold, and what a teller checks aloud (the key's fingerprint, the manifest hash).
 *
 * @param seat the teller's seat, 1..n (the share's index)
 * @param head whether this teller heads the board
 * @param manifestHashHex the manifest hash, 64 lower-case hex
 * @param keyFingerprint {@link KeyFingerprint#of} the election key
 */
public record CardFace(String conferenceTitle, String body, String place, LocalDateTime startsAt, int seat,
        String tellerName, boolean head, int k, int n, String manifestHashHex, String keyFingerprint,
        boolean passphraseProtected) {
}
