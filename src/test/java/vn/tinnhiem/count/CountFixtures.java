package vn.tinnhiem.count;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.Counts;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.election.RuleSet;

/** A counted conference shaped like the seed's (invented names): 35 ballots, three tellers. */
final class CountFixtures {

    static final int BALLOTS = 35;
    static final String SET_ASIDE_CODE = "K7QM-2XR4-P9TD-WV3H";
    static final String COPY_CODE = "B3NC-8FJL-Q2ZE-7TYA";
    static final String COPY_OF_CODE = "H6WD-4KMS-R8UP-3GXB";
    static final String MANIFEST_HASH = sha256("manifest");
    static final String RECORD_HASH = sha256("record");
    static final String AUDIT_HASH = sha256("audit");

    private static final String[] FAMILY = {"Phạm", "Đinh", "Trương", "Lâm", "Kiều", "Quách", "Tạ", "Vi", "Mạc",
            "Khổng", "Âu", "Giang"};
    private static final String[] GIVEN = {"Thử", "Nghiệm", "Mẫu", "Giả", "Định", "Khảo", "Bình", "Luận", "Chứng",
            "Minh", "Kiểm", "Tra", "Soát", "Đối", "Chiếu"};

    private CountFixtures() {
    }

    /** A unique invented name for candidate i (1-based, up to 59) that no other candidate's name contains. */
    static String name(int i) {
        return FAMILY[(i - 1) % FAMILY.length] + " Văn " + GIVEN[(i - 1) % GIVEN.length];
    }

    static String position(int i) {
        return i == 1 ? "Phó Chủ tịch Ủy ban nhân dân huyện" : "Trưởng phòng số " + i + " thuộc Ủy ban nhân dân huyện";
    }

    /** Candidate 1: 21/9/5; candidate 3: 5/10/20 (more than half low); 5: 2/5/28 (two thirds); others ordinary. */
    static int[] levels(int i) {
        return switch (i) {
            case 1 -> new int[] {21, 9, 5};
            case 3 -> new int[] {5, 10, 20};
            case 5 -> new int[] {2, 5, 28};
            default -> new int[] {24 - i % 7, 6 + i % 3, i % 4};
        };
    }

    static ResultTable results(int candidates) {
        List<Counts.CandidateCount> counts = new ArrayList<>();
        List<Manifest.Candidate> list = new ArrayList<>();
        for (int i = 1; i <= candidates; i++) {
            int[] l = levels(i);
            int valid = l[0] + l[1] + l[2];
            counts.add(new Counts.CandidateCount(i - 1, List.of(l[0], l[1], l[2]), valid, BALLOTS - valid));
            list.add(new Manifest.Candidate(String.valueOf(100 + i), i, name(i), position(i)));
        }
        return Results.compute(RuleSet.QD_96_2023, BallotKind.THREE_LEVEL, 40, 36, new Counts(BALLOTS, counts), list);
    }

    static CountSummary summary(int candidates) {
        return summary(candidates, 36, 35);
    }

    static CountSummary summary(int candidates, int present, int cardsSpent) {
        LocalDateTime start = LocalDateTime.of(2026, 10, 15, 8, 0);
        return new CountSummary(
                new CountSummary.Conference("Hội nghị lấy phiếu tín nhiệm năm 2026", "Ủy ban nhân dân huyện Hòa Bình",
                        "Hội trường A", start),
                List.of(new CountSummary.Teller(1, "Đặng Thị Mai", true), new CountSummary.Teller(2, "Lương Văn Khải", false),
                        new CountSummary.Teller(3, "Hồ Thị Ngọc", false)),
                new CountSummary.Closing(40, present, 36, cardsSpent, 36 - cardsSpent, 1, start.plusMinutes(50)),
                new CountSummary.Box(37, BALLOTS,
                        List.of(new CountSummary.SetAside(SET_ASIDE_CODE, List.of("bằng chứng của người thứ 2 sai"))),
                        List.of(new CountSummary.Copy(COPY_CODE, COPY_OF_CODE))),
                List.of(new CountSummary.Partial(1, CountSummary.Path.HALL),
                        new CountSummary.Partial(3, CountSummary.Path.OFFLINE)),
                results(candidates), start.plusMinutes(75),
                new CountSummary.Fingerprints(MANIFEST_HASH, RECORD_HASH, AUDIT_HASH));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
