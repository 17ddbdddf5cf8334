package vn.tinnhiem.verify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.BallotVerifier;
import vn.tinnhiem.crypto.Ceremony;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.SealedBallot;

/**
 * Genuine election records made with the real crypto core and written exactly as docs/protocol.md 10.2
 * says, in parts a test can change before {@link Record#toJson()}. The results' percentages and bands are
 * computed here on their own (BigDecimal), not with the verifier's code.
 */
public final class Records {
    private Records() {}

    /** One result row, as 10.2 writes it; mutable so that a test can falsify it. */
    public static final class Row {
        public String id;
        public int order;
        public int[] levels;
        public int valid;
        public int invalid;
        public String[] percentages;
        public String band;

        String toJson() {
            StringBuilder sb = new StringBuilder("{\"id\":").append(str(id)).append(",\"order\":").append(order)
                    .append(",\"levels\":[");
            for (int l = 0; l < levels.length; l++) {
                sb.append(l > 0 ? "," : "").append(levels[l]);
            }
            sb.append("],\"valid\":").append(valid).append(",\"invalid\":").append(invalid).append(",\"percentages\":[");
            for (int l = 0; l < percentages.length; l++) {
                sb.append(l > 0 ? "," : "").append('"').append(percentages[l]).append('"');
            }
            return sb.append("],\"band\":\"").append(band).append("\"}").toString();
        }
    }

    /** The record's parts; every JSON string is the crypto core's own writer output. */
    public static final class Record {
        public String manifest;
        /** The context the ballots were sealed under, for tests that open a box with the app's own code. */
        public vn.tinnhiem.crypto.ElectionContext context;
        public String conference = "{\"body\":\"Đảng ủy Khối\",\"place\":\"Hội trường A\",\"startsAt\":\"2026-12-01T08:00\"}";
        public long summoned;
        public long present;
        public boolean quorumMet;
        public long cardsActivated;
        public long cardsSpent;
        public long cardsUnspent;
        public long cardsVoided;
        /** The close's audit entry (10.2, "closing"), written only when set. */
        public Long auditSeq;
        public String auditHash;
        public long stored;
        public long boxCounted;
        public long difference;
        public List<String> ballots = new ArrayList<>();
        public List<String> copies = new ArrayList<>();
        public List<String> setAside = new ArrayList<>();
        /** The checked ballots (10.2 "checked"), each {@link #checkedJson}; the member is written only when set. */
        public List<String> checked;
        public String tally;
        public List<String> partials = new ArrayList<>();
        public String ruleSet;
        public String kind;
        public long denominator;
        public long returned;
        public List<Row> rows = new ArrayList<>();
        /** The sealed ballots counted, sorted by id (for tampers that need their bytes). */
        public List<SealedBallot> sealed = new ArrayList<>();

        public String toJson() {
            StringBuilder sb = new StringBuilder(1 << 20);
            sb.append("{\"format\":\"tinnhiem-election-record/1\",\"manifest\":").append(manifest);
            sb.append(",\"conference\":").append(conference);
            sb.append(",\"closing\":{\"summoned\":").append(summoned).append(",\"present\":").append(present)
                    .append(",\"quorumMet\":").append(quorumMet).append(",\"cardsActivated\":").append(cardsActivated)
                    .append(",\"cardsSpent\":").append(cardsSpent).append(",\"cardsUnspent\":").append(cardsUnspent)
                    .append(",\"cardsVoided\":").append(cardsVoided);
            if (auditSeq != null) {
                sb.append(",\"auditSeq\":").append(auditSeq).append(",\"auditHash\":\"").append(auditHash).append('"');
            }
            sb.append('}');
            sb.append(",\"box\":{\"stored\":").append(stored).append(",\"counted\":").append(boxCounted)
                    .append(",\"spentCards\":").append(cardsSpent).append(",\"difference\":").append(difference).append('}');
            sb.append(",\"ballots\":[").append(String.join(",", ballots)).append(']');
            sb.append(",\"copies\":[").append(String.join(",", copies)).append(']');
            sb.append(",\"setAside\":[").append(String.join(",", setAside)).append(']');
            if (checked != null) {
                sb.append(",\"checked\":[").append(String.join(",", checked)).append(']');
            }
            sb.append(",\"tally\":").append(tally);
            sb.append(",\"partials\":[").append(String.join(",", partials)).append(']');
            sb.append(",\"results\":{\"ruleSet\":").append(str(ruleSet)).append(",\"kind\":").append(str(kind))
                    .append(",\"denominator\":").append(denominator).append(",\"members\":").append(summoned)
                    .append(",\"issued\":").append(cardsActivated).append(",\"returned\":").append(returned)
                    .append(",\"candidates\":[");
            for (int i = 0; i < rows.size(); i++) {
                sb.append(i > 0 ? "," : "").append(rows.get(i).toJson());
            }
            return sb.append("]}}").toString();
        }

        public byte[] bytes() {
            return toJson().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * A record of {@code ballots} random ballots (about one choice in eight blank) over m candidates, with k of
     * n tellers decrypting (tellers k, k-1, ..., 1: not in index order), one copy and one set-aside row when
     * {@code extras} and there are ballots.
     */
    public static Record genuine(int m, BallotKind kind, String ruleSet, int k, int n, int ballots, boolean extras,
            SecureRandom rng) {
        Record r = new Record();
        try (Ceremony.Dealing d = Ceremony.deal(k, n, rng)) {
            List<Manifest.Candidate> cands = new ArrayList<>();
            for (int i = 1; i <= m; i++) {
                cands.add(new Manifest.Candidate(String.valueOf(100 + i), i, "Nguyễn Thị \"Hoa\" " + i,
                        "Phó Giám đốc Sở " + i));
            }
            Manifest mf = new Manifest("42", "Hội nghị lấy phiếu tín nhiệm năm 2026", cands, kind, ruleSet,
                    d.electionKey(), d.commitments(), k, n);
            ElectionContext ctx = ElectionContext.of(mf);
            BallotSealer sealer = new BallotSealer(ctx, rng);
            int levels = kind.levelCount();
            List<SealedBallot> sealed = new ArrayList<>(IntStream.range(0, ballots).parallel()
                    .mapToObj(i -> sealer.seal(choices(m, levels, rng))).toList());
            sealed.sort(Comparator.comparing(SealedBallot::id));
            if (!new BallotVerifier(ctx, rng).verifyAll(sealed, true).allOk()) {
                throw new IllegalStateException("the core sealed a ballot it does not verify");
            }
            r.manifest = mf.toJson();
            r.context = ctx;
            r.sealed = sealed;
            sealed.forEach(b -> r.ballots.add(b.toJson()));
            if (extras && ballots > 0) {
                SealedBallot first = sealed.get(0);
                r.copies.add(copyJson(first, first.id()));
                byte[] bad = first.encode();
                bad[24 + 390] ^= 1; // c_0 of the first bit proof: the ballot fails
                SealedBallot broken = SealedBallot.of(bad);
                r.setAside.add(setAsideJson(broken, "BIT_PROOF at (0, 0)"));
            }
            List<int[]> counts = new ArrayList<>();
            if (ballots == 0) {
                r.tally = EncryptedTally.noBallotsJson(ctx);
                for (int c = 0; c < m; c++) {
                    counts.add(new int[levels]);
                }
            } else {
                EncryptedTally tally = EncryptedTally.aggregate(ctx, sealed, true);
                r.tally = tally.toJson();
                List<PartialDecryption> partials = new ArrayList<>();
                for (int t = k; t >= 1; t--) {
                    PartialDecryption pd = Decryption.partial(ctx, tally, d.shares().get(t - 1), rng);
                    partials.add(pd);
                    r.partials.add("{\"path\":\"" + (t % 2 == 0 ? "OFFLINE" : "HALL") + "\"," + pd.toJson().substring(1));
                }
                var outcome = (Decryption.Decrypted) Decryption.combine(ctx, tally, partials);
                for (var cc : outcome.counts().candidates()) {
                    counts.add(cc.levels().stream().mapToInt(Integer::intValue).toArray());
                }
            }
            int spent = ballots;
            r.summoned = ballots + 3L;
            r.present = ballots + 2L;
            r.quorumMet = 3 * r.present >= 2 * r.summoned;
            r.cardsActivated = ballots + 1L;
            r.cardsSpent = spent;
            r.cardsUnspent = 1;
            r.cardsVoided = 1;
            r.stored = ballots + r.copies.size() + r.setAside.size();
            r.boxCounted = ballots;
            r.difference = 0;
            r.ruleSet = ruleSet;
            r.kind = kind.name();
            r.returned = ballots;
            r.denominator = ruleSet.equals("NQ_85_2014") ? r.summoned : ballots;
            for (int c = 0; c < m; c++) {
                r.rows.add(row(cands.get(c), counts.get(c), ballots, r.denominator, kind));
            }
        }
        return r;
    }

    /** A result row with its figures, percentages and band worked out here, independently of the verifier. */
    static Row row(Manifest.Candidate cand, int[] levels, int ballots, long denominator, BallotKind kind) {
        Row row = new Row();
        row.id = cand.id();
        row.order = cand.order();
        row.levels = levels.clone();
        row.valid = IntStream.of(levels).sum();
        row.invalid = ballots - row.valid;
        row.percentages = IntStream.of(levels).mapToObj(x -> percent(x, denominator)).toArray(String[]::new);
        long low = levels[levels.length - 1];
        if (kind == BallotKind.THREE_LEVEL && denominator > 0 && 3 * low >= 2 * denominator) {
            row.band = "TWO_THIRDS";
        } else {
            row.band = 2 * low > denominator ? "OVER_HALF" : "NONE";
        }
        return row;
    }

    static String percent(long count, long denominator) {
        if (denominator == 0) {
            return "0,00";
        }
        return new BigDecimal(count).multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal(denominator), 2, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }

    static String copyJson(SealedBallot copy, String copyOf) {
        return "{\"id\":\"" + copy.id() + "\",\"trackingCode\":\"" + copy.trackingCode() + "\",\"sealed\":\""
                + hex(copy.encode()) + "\",\"copyOf\":\"" + copyOf + "\"}";
    }

    /** A checked ballot as 10.2 lists it; {@code choices} the level names per candidate, null for blank. */
    static String checkedJson(SealedBallot b, byte[] opening, List<String> choices) {
        return "{\"id\":\"" + b.id() + "\",\"trackingCode\":\"" + b.trackingCode() + "\",\"sealed\":\""
                + hex(b.encode()) + "\",\"opening\":\"" + hex(opening) + "\",\"choices\":["
                + String.join(",", choices.stream().map(c -> c == null ? "null" : str(c)).toList()) + "]}";
    }

    static String setAsideJson(SealedBallot b, String reason) {
        return "{\"id\":\"" + b.id() + "\",\"trackingCode\":\"" + b.trackingCode() + "\",\"sealed\":\""
                + hex(b.encode()) + "\",\"reasons\":[" + str(reason) + "]}";
    }

    static int[] choices(int m, int levels, SecureRandom rng) {
        int[] out = new int[m];
        for (int c = 0; c < m; c++) {
            out[c] = rng.nextInt(8) == 0 ? -1 : rng.nextInt(levels);
        }
        return out;
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
