package vn.tinnhiem.election.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RuleSet;

/**
 * The demo conferences. The district's plan: one Vice-Chairman and twelve department heads with the
 * plan's titles, a roll of agency heads, three tellers, under Regulation 96-QĐ/TW. A commune People's
 * Council (local government has two levels, province and commune, since 1 July 2025): the council's
 * deputies evaluate the office holders it elected, under Resolution 96/2023/QH15. Every name, commune
 * and district is invented: simulated results must never be attached to real officials.
 */
public final class DemoConference {

    public record DemoCandidate(String fullName, String jobTitle) {
    }

    public record DemoTeller(String fullName, boolean head) {
    }

    public record Demo(ElectionDetails details, List<DemoCandidate> candidates, List<NewVoter> voters,
            List<DemoTeller> tellers, int thresholdK) {
    }

    private static final String MEMBER = "Ủy viên Ủy ban nhân dân huyện, ";

    private static final List<DemoCandidate> CANDIDATES = List.of(
            new DemoCandidate("Trần Minh Khoa", "Huyện ủy viên, Phó Chủ tịch Ủy ban nhân dân huyện"),
            new DemoCandidate("Lê Văn Phúc", MEMBER + "Trưởng phòng Nội vụ"),
            new DemoCandidate("Phạm Thị Ngọc Hân", MEMBER + "Trưởng phòng Lao động - Thương binh và Xã hội"),
            new DemoCandidate("Huỳnh Văn Lộc", MEMBER + "Trưởng phòng Nông nghiệp và Phát triển nông thôn"),
            new DemoCandidate("Đặng Thanh Tùng", MEMBER + "Trưởng phòng Giáo dục và Đào tạo"),
            new DemoCandidate("Võ Thị Mỹ Duyên", MEMBER + "Trưởng phòng Văn hóa và Thông tin"),
            new DemoCandidate("Ngô Quốc Bảo", MEMBER + "Chánh Thanh tra huyện"),
            new DemoCandidate("Bùi Hữu Nghĩa", MEMBER + "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"),
            new DemoCandidate("Dương Văn Thịnh", MEMBER + "Trưởng phòng Tài chính - Kế hoạch"),
            new DemoCandidate("Châu Minh Trí", MEMBER + "Trưởng phòng Tài nguyên và Môi trường"),
            new DemoCandidate("Lâm Thị Thanh Trúc", MEMBER + "Trưởng phòng Kinh tế và Hạ tầng"),
            new DemoCandidate("Tạ Văn Hiếu", MEMBER + "Trưởng phòng Y tế"),
            new DemoCandidate("Mai Quốc Việt", MEMBER + "Trưởng phòng Tư pháp"));

    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
        "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
    private static final String[] MIDDLE = {"Văn", "Thị", "Minh", "Thanh", "Hữu", "Ngọc", "Quốc", "Thị Kim"};
    private static final String[] GIVEN = {"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa",
        "Hùng", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nhân", "Phong", "Quân", "Sang", "Tâm", "Thảo",
        "Thắng", "Trang", "Trung", "Tuấn", "Uyên", "Vân", "Yến"};
    private static final String[] AGENCIES = {"Ban Quản lý dự án đầu tư xây dựng huyện",
        "Trung tâm Văn hóa - Thể thao và Truyền thanh huyện", "Trung tâm Phát triển quỹ đất huyện",
        "Ban Quản lý chợ huyện", "Trung tâm Dịch vụ nông nghiệp huyện", "Trường Trung học cơ sở thị trấn",
        "Trường Trung học cơ sở Mỹ An", "Trường Tiểu học Trường Xuân", "Trường Mầm non Hoa Sen",
        "Đội Quản lý trật tự đô thị", "Ủy ban nhân dân xã Mỹ Hòa", "Ủy ban nhân dân xã Tân Kiều",
        "Ủy ban nhân dân xã Đốc Binh Kiều", "Ủy ban nhân dân xã Phú Điền", "Ủy ban nhân dân xã Thạnh Lợi",
        "Ủy ban nhân dân xã Hưng Thạnh", "Ủy ban nhân dân xã Trường Xuân", "Ủy ban nhân dân xã Mỹ Quý",
        "Ủy ban nhân dân xã Láng Biển", "Ủy ban nhân dân xã Thanh Mỹ", "Ủy ban nhân dân thị trấn Mỹ An",
        "Văn phòng Đăng ký đất đai chi nhánh huyện", "Phòng Giáo dục nghề nghiệp - Giáo dục thường xuyên",
        "Ban Chỉ huy Quân sự huyện", "Công an huyện", "Bảo hiểm xã hội huyện", "Chi cục Thống kê huyện",
        "Kho bạc Nhà nước huyện", "Chi cục Thuế khu vực", "Hội Chữ thập đỏ huyện"};

    private DemoConference() {
    }

    /** Ends every demo's title, so that a start-up with --tinnhiem.demo=true finds the demos it made. */
    public static final String TITLE_MARK = "(dữ liệu mẫu)";

    public static Demo build(DemoKind kind, LocalDate conferenceDay) {
        return switch (kind) {
            case DISTRICT_COMMITTEE -> build(conferenceDay);
            case COMMUNE_COUNCIL -> communeCouncil(conferenceDay);
        };
    }

    private static final String COMMUNE = "xã Phú Lợi";
    private static final String UBND_MEMBER = "Ủy viên Ủy ban nhân dân xã, ";

    /** The posts a commune People's Council elects, as Resolution 96/2023/QH15 lists them for a confidence vote. */
    private static final List<DemoCandidate> COUNCIL_CANDIDATES = List.of(
            new DemoCandidate("Phan Minh Đức", "Chủ tịch Hội đồng nhân dân xã"),
            new DemoCandidate("Trịnh Thị Thu Hà", "Phó Chủ tịch Hội đồng nhân dân xã"),
            new DemoCandidate("Lý Văn Kiên", "Trưởng Ban Pháp chế Hội đồng nhân dân xã"),
            new DemoCandidate("Đoàn Thị Mỹ Linh", "Trưởng Ban Kinh tế - Ngân sách Hội đồng nhân dân xã"),
            new DemoCandidate("Hà Thanh Sơn", "Trưởng Ban Văn hóa - Xã hội Hội đồng nhân dân xã"),
            new DemoCandidate("Cao Văn Thuận", "Chủ tịch Ủy ban nhân dân xã"),
            new DemoCandidate("Kiều Thị Ngọc Bích", "Phó Chủ tịch Ủy ban nhân dân xã"),
            new DemoCandidate("La Quốc Toàn", "Phó Chủ tịch Ủy ban nhân dân xã"),
            new DemoCandidate("Triệu Văn Lợi", UBND_MEMBER + "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"),
            new DemoCandidate("Mạc Thị Hồng Nhung", UBND_MEMBER + "Trưởng phòng Kinh tế"),
            new DemoCandidate("Quách Minh Hiển", UBND_MEMBER + "Trưởng phòng Văn hóa - Xã hội"));

    private static Demo communeCouncil(LocalDate conferenceDay) {
        var details = new ElectionDetails("Kỳ họp Hội đồng nhân dân " + COMMUNE + " lấy phiếu tín nhiệm đối với người giữ "
                + "chức vụ do Hội đồng nhân dân bầu theo Nghị quyết 96/2023/QH15 " + TITLE_MARK,
                "Hội đồng nhân dân " + COMMUNE, "Hội trường Ủy ban nhân dân " + COMMUNE,
                conferenceDay.atTime(8, 0), BallotKind.THREE_LEVEL, RuleSet.NQ_96_2023);
        // The voters are the council's deputies (those evaluated among them), by constituency.
        List<NewVoter> deputies = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String name = FAMILY[(i * 5 + 3) % FAMILY.length] + " " + MIDDLE[(i * 5) % MIDDLE.length] + " "
                    + GIVEN[(i * 7 + 2) % GIVEN.length];
            deputies.add(new NewVoter(name, "Đại biểu Hội đồng nhân dân xã", "Đơn vị bầu cử số " + (i % 5 + 1)));
        }
        var tellers = List.of(new DemoTeller("Tôn Thị Kim Oanh", true), new DemoTeller("Âu Văn Hậu", false),
                new DemoTeller("Thái Minh Châu", false));
        return new Demo(details, COUNCIL_CANDIDATES, List.copyOf(deputies), tellers, 2);
    }

    public static Demo build(LocalDate conferenceDay) {
        var details = new ElectionDetails(
                "Hội nghị lấy phiếu tín nhiệm đối với các chức danh lãnh đạo theo Quy định 96-QĐ/TW " + TITLE_MARK,
                "Ủy ban nhân dân huyện Mỹ Lợi", "Hội trường A, Ủy ban nhân dân huyện",
                conferenceDay.atTime(8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023);
        List<NewVoter> voters = new ArrayList<>();
        for (int i = 0; i < AGENCIES.length; i++) {
            String name = FAMILY[(i * 7) % FAMILY.length] + " " + MIDDLE[(i * 3) % MIDDLE.length] + " "
                    + GIVEN[(i * 11) % GIVEN.length];
            String title = AGENCIES[i].startsWith("Ủy ban") ? "Chủ tịch" : AGENCIES[i].startsWith("Trường")
                    ? "Hiệu trưởng" : "Thủ trưởng đơn vị";
            voters.add(new NewVoter(name, title, AGENCIES[i]));
        }
        var tellers = List.of(new DemoTeller("Nguyễn Thị Bích Liên", true), new DemoTeller("Trương Văn Đạt", false),
                new DemoTeller("Lưu Hoàng Yến", false));
        return new Demo(details, CANDIDATES, List.copyOf(voters), tellers, 2);
    }
}
