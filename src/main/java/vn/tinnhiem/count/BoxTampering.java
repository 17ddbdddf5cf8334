package vn.tinnhiem.count;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.count.internal.CountRepository;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.election.LifecycleMismatch;
import vn.tinnhiem.election.Milestone;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.token.CardCounts;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.StoredBallot;
import vn.tinnhiem.shared.files.Sha256;

/**
 * The box check's search for what changed behind the count's back (see {@link #tampering}). Reads only; the
 * box check stores what it finds.
 */
@Component
class BoxTampering {

    private final Lifecycle lifecycle;
    private final Milestones milestones;
    private final TokenService tokens;
    private final CountRepository repository;
    private final AuditLog audit;

    BoxTampering(Lifecycle lifecycle, Milestones milestones, TokenService tokens, CountRepository repository, AuditLog audit) {
        this.lifecycle = lifecycle;
        this.milestones = milestones;
        this.tokens = tokens;
        this.repository = repository;
        this.audit = audit;
    }

    /**
     * What changed behind the count's back, found against what cannot be changed unseen: each row's columns against
     * its own bytes, and the frozen figures, the POLLS_CLOSED milestone and the box's tracking codes against the
     * close's entry in the audit chain (whose head is anchored outside the database, so rewriting the entry breaks
     * the chain check). Someone with the database's root account can rewrite poll_closing and the milestone
     * together; not the entry. Each ballot removed or added is named by its code against the codes the close
     * sealed; the conference's status and milestones are held against its audited lifecycle; the desk's counts
     * against their anchors (see {@link #deskCounts}).
     */
    List<BoxVerdict.Tampering> tampering(ElectionId electionId, List<StoredBallot> rows) {
        List<BoxVerdict.Tampering> found = new ArrayList<>();
        for (StoredBallot r : rows) {
            if (!r.columnCode().equals(r.trackingCode())) {
                found.add(new BoxVerdict.Tampering("rowCode", r.trackingCode(), r.columnCode(), r.trackingCode()));
            }
            if (!r.id().equals(r.ballot().id())) {
                found.add(new BoxVerdict.Tampering("rowId", r.trackingCode(), r.id(), r.ballot().id()));
            }
        }
        for (LifecycleMismatch m : lifecycle.auditedLifecycle(electionId)) {
            found.add(new BoxVerdict.Tampering("lifecycle", m.about(), m.found(), m.expected()));
        }
        CountRepository.Closing c = repository.closing(electionId.value()).orElseThrow();
        Optional<AuditEntry> entry = audit.latest("count.closed", CountGuards.subject(electionId));
        if (entry.isEmpty()) {
            found.add(new BoxVerdict.Tampering("closeEntry", "count.closed", "", ""));
            // Without the close's entry the table's figures are all there is to hold the box against.
            deskCounts(electionId, rows.size(), new DeskCounts.Figures(c.present(), c.cardsActivated(),
                    c.cardsSpent(), c.cardsVoided()), null, found);
            return found;
        }
        AuditFields sealed = entry.get().fields();
        Map<String, Integer> frozen = new java.util.LinkedHashMap<>();
        frozen.put("summoned", c.summoned());
        frozen.put("present", c.present());
        frozen.put("activated", c.cardsActivated());
        frozen.put("spent", c.cardsSpent());
        frozen.put("unspent", c.cardsUnspent());
        frozen.put("voided", c.cardsVoided());
        frozen.forEach((name, value) -> {
            String expected = sealed.get(name).orElse("");
            if (!expected.equals(String.valueOf(value))) {
                found.add(new BoxVerdict.Tampering("closeFigure", name, String.valueOf(value), expected));
            }
        });
        sealed.get("closedAt").filter(at -> !sameTime(at, c.closedAt())).ifPresent(at ->
                found.add(new BoxVerdict.Tampering("closeFigure", "closedAt", String.valueOf(c.closedAt()), at)));
        String digest = sealed.get("digest").orElse("");
        String milestone = milestones.reported(electionId).getOrDefault(Milestone.POLLS_CLOSED, "");
        if (!milestone.equals(digest)) {
            found.add(new BoxVerdict.Tampering("closeDigest", "POLLS_CLOSED", milestone, digest));
        }
        List<String> box = rows.stream().map(StoredBallot::trackingCode).sorted().toList();
        String boxDigest = Sha256.hex(String.join("\n", box));
        if (!boxDigest.equals(digest)) {
            found.add(new BoxVerdict.Tampering("boxDigest", String.valueOf(rows.size()), boxDigest, digest));
        }
        sealedCodes(electionId, entry.get(), box, found);
        deskCounts(electionId, rows.size(), DeskCounts.read(sealed), entry.get().id(), found);
        return found;
    }

    /**
     * Names every tracking code missing from the box or added to it since the close, against the codes the close
     * chained into the log (a code that appears twice where it was sealed once is an added copy). A close made
     * before the codes were sealed has no such entry and names nothing here (its digest still speaks).
     */
    private void sealedCodes(ElectionId electionId, AuditEntry close, List<String> box, List<BoxVerdict.Tampering> found) {
        if (!close.fields().has("ballots")) {
            return;
        }
        Optional<AuditEntry> codes = audit.latest(PollsClose.CODES_ACTION, CountGuards.subject(electionId))
                .filter(e -> e.id() > close.id());
        String digest = close.fields().get("digest").orElse("");
        if (codes.isEmpty() || !codes.get().fields().get("digest").orElse("").equals(digest)) {
            found.add(new BoxVerdict.Tampering("closeEntry", PollsClose.CODES_ACTION, "", digest));
            return;
        }
        String list = codes.get().fields().get("codes").orElse("");
        if (!Sha256.hex(list.replace(',', '\n')).equals(digest)) {
            // The list does not hash to the seal it was written with: it names nothing it could be trusted for.
            found.add(new BoxVerdict.Tampering("closeEntry", PollsClose.CODES_ACTION,
                    Sha256.hex(list.replace(',', '\n')), digest));
            return;
        }
        Map<String, Integer> expected = new java.util.TreeMap<>();
        if (!list.isEmpty()) {
            for (String code : list.split(",")) {
                expected.merge(code, 1, Integer::sum);
            }
        }
        Map<String, Integer> present = new java.util.TreeMap<>();
        box.forEach(code -> present.merge(code, 1, Integer::sum));
        for (var e : expected.entrySet()) {
            int here = present.getOrDefault(e.getKey(), 0);
            if (here < e.getValue()) {
                found.add(new BoxVerdict.Tampering("missingBallot", e.getKey(), String.valueOf(here),
                        String.valueOf(e.getValue())));
            }
        }
        for (var p : present.entrySet()) {
            int sealedTimes = expected.getOrDefault(p.getKey(), 0);
            if (p.getValue() > sealedTimes) {
                found.add(new BoxVerdict.Tampering("addedBallot", p.getKey(), String.valueOf(p.getValue()),
                        String.valueOf(sealedTimes)));
            }
        }
    }

    /**
     * The desk's counts held against each other: the anchors taken while the polls were open ({@link DeskCounts}),
     * then the close's, then the cards table now. A card spent, handed over or voided stays so: a count that goes
     * down between two of them was changed behind the desk's back (a spent card set back to ACTIVATED votes
     * twice). And at the close no more cards handed over than voters present, no more spent than handed over, no
     * more ballots in the box than cards spent.
     *
     * @param closeEntry the close's entry number, or null when the figures are the table's (no entry)
     */
    private void deskCounts(ElectionId electionId, int ballots, DeskCounts.Figures atClose, @Nullable Long closeEntry,
            List<BoxVerdict.Tampering> found) {
        String closeLabel = closeEntry == null ? "poll_closing" : "#" + closeEntry;
        if (atClose.activated() > atClose.present()) {
            found.add(new BoxVerdict.Tampering("activatedOverPresent", closeLabel, String.valueOf(atClose.activated()),
                    "≤ " + atClose.present()));
        }
        if (atClose.spent() > atClose.activated()) {
            found.add(new BoxVerdict.Tampering("spentOverActivated", closeLabel, String.valueOf(atClose.spent()),
                    "≤ " + atClose.activated()));
        }
        if (ballots > atClose.spent()) {
            found.add(new BoxVerdict.Tampering("ballotsOverSpent", closeLabel, String.valueOf(ballots),
                    "≤ " + atClose.spent()));
        }
        List<Map.Entry<String, DeskCounts.Figures>> series = new ArrayList<>();
        for (AuditEntry a : audit.history(CountGuards.subject(electionId), List.of(DeskCounts.ACTION))) {
            if (closeEntry == null || a.id() < closeEntry) {
                series.add(Map.entry("#" + a.id(), DeskCounts.read(a.fields())));
            }
        }
        series.add(Map.entry(closeLabel, atClose));
        CardCounts now = tokens.counts(electionId);
        series.add(Map.entry("token", new DeskCounts.Figures(0, now.handedOut(), now.spent(), now.voided())));
        // Each figure's highest so far: one finding per figure, at the first place it fell below it.
        String[] names = {"spent", "voided", "issued"};
        int[] highest = {-1, -1, -1};
        String[] highestAt = new String[3];
        boolean[] reported = new boolean[3];
        for (var point : series) {
            DeskCounts.Figures f = point.getValue();
            if (f.spent() < 0 || f.voided() < 0 || f.activated() < 0) {
                continue; // an entry without these figures says nothing
            }
            int[] values = {f.spent(), f.voided(), f.issued()};
            for (int i = 0; i < names.length; i++) {
                if (values[i] < highest[i] && !reported[i]) {
                    found.add(new BoxVerdict.Tampering("countDown", names[i], values[i] + " (" + point.getKey() + ")",
                            "≥ " + highest[i] + " (" + highestAt[i] + ")"));
                    reported[i] = true;
                }
                if (values[i] > highest[i]) {
                    highest[i] = values[i];
                    highestAt[i] = point.getKey();
                }
            }
        }
    }

    private static boolean sameTime(String sealed, LocalDateTime closedAt) {
        try {
            return LocalDateTime.parse(sealed).equals(closedAt);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
