package vn.tinnhiem.ceremony;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.Manifest;

/** Ceremony requests as the server exports them, with Vietnamese names. */
final class Requests {

    static final String[] TELLERS = {"Trần Văn Khải", "Nguyễn Thị Hồng Nhung", "Lê Đức Thọ Ưng", "Phạm Thị Ánh Tuyết",
            "Võ Quốc Hưng"};

    private Requests() {
    }

    /** Conference 42 with three candidates and a board of n (seat 1 heads it), k of n. */
    static CeremonyRequest of(int k, int n) {
        List<Manifest.Candidate> candidates = List.of(
                new Manifest.Candidate("7", 1, "Nguyễn Văn An", "Chủ tịch Ủy ban nhân dân huyện"),
                new Manifest.Candidate("8", 2, "Đỗ Thị Bích Hằng", "Phó Chủ tịch Hội đồng nhân dân huyện"),
                new Manifest.Candidate("9", 3, "Hoàng Minh Đức", "Trưởng phòng Nội vụ"));
        List<CeremonyRequest.Seat> seats = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String name = i <= TELLERS.length ? TELLERS[i - 1] : "Thành viên số " + i;
            seats.add(new CeremonyRequest.Seat(i, name, i == 1));
        }
        return new CeremonyRequest("42", "Hội nghị lấy phiếu tín nhiệm giữa nhiệm kỳ 2026",
                "Hội đồng nhân dân huyện Yên Thành", "Hội trường tầng 2, Ủy ban nhân dân huyện",
                LocalDateTime.of(2026, 12, 1, 8, 0), BallotKind.THREE_LEVEL, "QD_96_2023", candidates, k, n, seats);
    }
}
