package vn.tinnhiem.ceremony;

import static vn.tinnhiem.crypto.Json.str;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import vn.tinnhiem.ceremony.internal.CeremonyFiles;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.Point;
import vn.tinnhiem.shared.files.FileProblem;
import vn.tinnhiem.shared.files.FileResult;

/**
 * The ceremony request: everything of a conference the offline laptop needs to make its key and cards
 * (the manifest without the key, the board's seats, what the cards print), exported by the server as
 * {@code tinnhiem-ceremony-request-<id>.json}. Nothing in it is secret.
 *
 * <pre>
 * {"format":"tinnhiem-ceremony-request/1","electionId":"42","title":"…","body":"…","place":"…",
 *  "startsAt":"2026-12-01T08:00","kind":"THREE_LEVEL","ruleSet":"QD_96_2023",
 *  "candidates":[{"id":"7","order":1,"name":"…","position":"…"}],"k":2,"n":3,
 *  "tellers":[{"seat":1,"name":"…","head":true}]}
 * </pre>
 */
public record CeremonyRequest(String electionId, String title, String body, String place, LocalDateTime startsAt,
        BallotKind kind, String ruleSet, List<Manifest.Candidate> candidates, int k, int n, List<Seat> tellers) {

    public static final String FORMAT = "tinnhiem-ceremony-request/1";

    /** One seat of the tally board; the seat number is the share's index. */
    public record Seat(int seat, String name, boolean head) {
    }

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

    public CeremonyRequest {
        candidates = List.copyOf(candidates);
        tellers = List.copyOf(tellers);
    }

    /** Canonical JSON: fixed key order, no whitespace, strings in NFC. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("{\"format\":").append(str(FORMAT));
        sb.append(",\"electionId\":").append(str(electionId));
        sb.append(",\"title\":").append(str(title));
        sb.append(",\"body\":").append(str(body));
        sb.append(",\"place\":").append(str(place));
        sb.append(",\"startsAt\":").append(str(startsAt.format(MINUTES)));
        sb.append(",\"kind\":").append(str(kind.name()));
        sb.append(",\"ruleSet\":").append(str(ruleSet));
        sb.append(",\"candidates\":[");
        for (int i = 0; i < candidates.size(); i++) {
            Manifest.Candidate c = candidates.get(i);
            sb.append(i > 0 ? "," : "").append("{\"id\":").append(str(c.id())).append(",\"order\":").append(c.order())
                    .append(",\"name\":").append(str(c.name())).append(",\"position\":").append(str(c.position()))
                    .append('}');
        }
        sb.append("],\"k\":").append(k).append(",\"n\":").append(n);
        sb.append(",\"tellers\":[");
        for (int i = 0; i < tellers.size(); i++) {
            Seat s = tellers.get(i);
            sb.append(i > 0 ? "," : "").append("{\"seat\":").append(s.seat()).append(",\"name\":").append(str(s.name()))
                    .append(",\"head\":").append(s.head()).append('}');
        }
        return sb.append("]}").toString();
    }

    /** The manifest this request describes, with a key and commitments made for it. */
    public Manifest manifest(Point electionKey, List<Point> commitments) {
        return new Manifest(electionId, title, candidates, kind, ruleSet, electionKey, commitments, k, n);
    }

    /** What the card of one seat prints. */
    public CardFace face(Seat seat, Manifest m, boolean passphraseProtected) {
        return new CardFace(title, body, place, startsAt, seat.seat(), seat.name(), seat.head(), m.k(), m.n(),
                m.hashHex(), KeyFingerprint.of(m.electionKey()), passphraseProtected);
    }

    /**
     * Reads a request file; never throws. Refuses anything over 1 MB, anything that is not a request of
     * this format, and any request the ceremony could not run on (threshold, seats, candidate list).
     */
    public static FileResult<CeremonyRequest> parse(byte[] json) {
        return CeremonyFiles.JSON.read(() -> read(json));
    }

    private static CeremonyRequest read(byte[] json) throws FileProblem {
        JsonNode root = CeremonyFiles.JSON.object(json);
        CeremonyFiles.JSON.format(root, FORMAT, "ceremony.file.notARequest");
        String electionId = CeremonyFiles.JSON.text(root, "electionId");
        String title = CeremonyFiles.JSON.text(root, "title");
        String body = CeremonyFiles.JSON.text(root, "body");
        String place = CeremonyFiles.JSON.text(root, "place");
        LocalDateTime startsAt;
        try {
            startsAt = LocalDateTime.parse(CeremonyFiles.JSON.text(root, "startsAt"));
        } catch (DateTimeParseException e) {
            throw new FileProblem("ceremony.file.badField", "startsAt");
        }
        BallotKind kind;
        try {
            kind = BallotKind.valueOf(CeremonyFiles.JSON.text(root, "kind"));
        } catch (IllegalArgumentException e) {
            throw new FileProblem("ceremony.file.badField", "kind");
        }
        String ruleSet = CeremonyFiles.JSON.text(root, "ruleSet");
        int k = CeremonyFiles.JSON.integer(root, "k");
        int n = CeremonyFiles.JSON.integer(root, "n");
        if (electionId.isBlank()) {
            throw new FileProblem("ceremony.file.badField", "electionId");
        }
        if (n < 1 || n > 255 || k < 1 || k > n) {
            throw new FileProblem("ceremony.file.badThreshold", k, n);
        }
        List<Manifest.Candidate> candidates = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode c : CeremonyFiles.JSON.array(root, "candidates")) {
            var candidate = new Manifest.Candidate(CeremonyFiles.JSON.text(c, "id"), CeremonyFiles.JSON.integer(c, "order"),
                    CeremonyFiles.JSON.text(c, "name"), CeremonyFiles.JSON.text(c, "position"));
            if (candidate.order() != candidates.size() + 1 || !ids.add(candidate.id())
                    || candidate.name().isBlank()) {
                throw new FileProblem("ceremony.file.badCandidates");
            }
            candidates.add(candidate);
        }
        if (candidates.isEmpty() || candidates.size() > 65535) {
            throw new FileProblem("ceremony.file.badCandidates");
        }
        List<Seat> tellers = new ArrayList<>();
        int heads = 0;
        for (JsonNode t : CeremonyFiles.JSON.array(root, "tellers")) {
            Seat seat = new Seat(CeremonyFiles.JSON.integer(t, "seat"), CeremonyFiles.JSON.text(t, "name"), CeremonyFiles.JSON.bool(t, "head"));
            if (seat.seat() != tellers.size() + 1 || seat.name().isBlank()) {
                throw new FileProblem("ceremony.file.badTellers", n);
            }
            heads += seat.head() ? 1 : 0;
            tellers.add(seat);
        }
        if (tellers.size() != n || heads > 1) {
            throw new FileProblem("ceremony.file.badTellers", n);
        }
        var request = new CeremonyRequest(electionId, title, body, place, startsAt, kind, ruleSet, candidates, k, n,
                tellers);
        try {
            // The manifest's own rules (ids unique as NFC, lengths), checked now with a stand-in key, so
            // that a request once accepted always makes a manifest.
            request.manifest(Point.G, Collections.nCopies(k, Point.G)).encode();
        } catch (IllegalArgumentException e) {
            throw new FileProblem("ceremony.file.badCandidates");
        }
        return request;
    }

    /** The UTF-8 bytes of {@link #toJson()}, as written to the file. */
    public byte[] toJsonBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }
}
