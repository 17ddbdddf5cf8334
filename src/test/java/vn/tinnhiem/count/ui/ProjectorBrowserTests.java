package vn.tinnhiem.count.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.count.BoxCheck;
import vn.tinnhiem.count.CountConferences;
import vn.tinnhiem.count.PollsClose;
import vn.tinnhiem.count.TotalsUnsealing;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.TestTablet;
import vn.tinnhiem.voting.VotingService;

/**
 * The hall's projector fits the hall: for 4, 13 and 44 candidates at 1280x800 and 1920x1080 every candidate's
 * row is, on some page, wholly on the screen with nothing cut and nothing to scroll, the pages turning by
 * themselves with "Trang 2/3"; the totals and the quorum line are there, and a conference held without quorum
 * says so as the minutes do. On a phone the same rows are cards on a page that scrolls.
 */
@IntegrationTest
@Tag("browser")
class ProjectorBrowserTests {

    /** Seven ballots: candidate 3 gets 7 "low" (two thirds), 5 gets 4 of 7 (over half), 6 a blank. */
    private static final int BALLOTS = 7;

    @LocalServerPort
    int port;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    VotingService voting;
    @Autowired
    PollsClose pollsClose;
    @Autowired
    BoxCheck boxCheck;
    @Autowired
    TotalsUnsealing totalsUnsealing;
    @Autowired
    ProjectorPages pages;

    private static final Map<String, CountConferences.Cast> TALLIED = new ConcurrentHashMap<>();

    @AfterEach
    void defaultPages() {
        pages.set(ProjectorPages.SECONDS);
    }

    private static int mark(int voter, int candidate) {
        return switch (candidate % 10) {
            case 2 -> 2;
            case 4 -> voter < 4 ? 2 : 0;
            case 5 -> voter == 0 ? TestTablet.BLANK : 1;
            default -> (voter + candidate) % 3;
        };
    }

    /** A tallied conference of that many candidates, with or without quorum (made once per test run). */
    private synchronized CountConferences.Cast tallied(int candidates, boolean quorum) {
        return TALLIED.computeIfAbsent(candidates + "/" + quorum, k -> {
            var conferences = new CountConferences(elections, accounts, ceremonies, tokens, voting);
            // Without quorum: 5 of 9 present, each of them voting.
            var cast = conferences.cast(candidates, 9, quorum ? 8 : 5, quorum ? BALLOTS : 5, 0,
                    ProjectorBrowserTests::mark);
            conferences.tally(cast, pollsClose, boxCheck, totalsUnsealing);
            return cast;
        });
    }

    @ParameterizedTest(name = "{0} candidates at {1}x{2}")
    @CsvSource({"4, 1280, 800", "13, 1280, 800", "44, 1280, 800", "4, 1920, 1080", "13, 1920, 1080",
            "44, 1920, 1080"})
    void every_candidate_is_wholly_on_the_screen_on_some_page_and_nothing_scrolls(int candidates, int width,
            int height) {
        pages.set(1);
        CountConferences.Cast conf = tallied(candidates, true);
        try (var teller = new Browser(base(), width, height)) {
            Staff.signIn(teller, conf.tellers().getFirst());
            teller.open("/projector/" + conf.id());
            teller.find("#projector-table");
            new WebDriverWait((WebDriver) teller.driver(), Duration.ofSeconds(10))
                    .until(d -> teller.script("return document.querySelector('#projector').dataset.pages") != null);
            assertThat(teller.find("#projector-totals").getText()).contains("Phiếu phát ra: " + BALLOTS,
                    "phiếu thu về: " + BALLOTS);
            assertThat(teller.find("#projector-quorum").getText())
                    .isEqualTo("Có mặt 8/9 người được triệu tập: đủ số người theo quy định (ít nhất hai phần ba).");
            int total = Integer.parseInt(String.valueOf(
                    teller.script("return document.querySelector('#projector').dataset.pages")));
            if (candidates == 4) {
                assertThat(total).as("4 candidates on one page").isEqualTo(1);
            }
            // Every page, as the projector turns them (each second here), read at once in the browser.
            Map<Integer, List<Integer>> seen = new TreeMap<>();
            long until = System.currentTimeMillis() + 30_000L + total * 2_000L;
            while (seen.size() < total && System.currentTimeMillis() < until) {
                @SuppressWarnings("unchecked")
                var page = (Map<String, Object>) teller.script(SNAPSHOT);
                assertThat((List<?>) page.get("problems")).as("on page %s of %s", page.get("page"), total).isEmpty();
                int number = ((Number) page.get("page")).intValue();
                if (!seen.containsKey(number)) {
                    @SuppressWarnings("unchecked")
                    var rows = ((List<Number>) page.get("rows")).stream().map(Number::intValue).toList();
                    seen.put(number, rows);
                    if (total > 1) {
                        assertThat(String.valueOf(page.get("label"))).isEqualTo("Trang " + number + "/" + total);
                    }
                    if (candidates != 4) {
                        teller.screenshot(Path.of("target", "screenshots", width + "x" + height, "projector-"
                                + candidates + (number == 1 ? "" : "-page-" + number) + ".png"));
                    }
                }
            }
            assertThat(seen.keySet()).as("pages seen").isEqualTo(
                    IntStream.rangeClosed(1, total).boxed().collect(Collectors.toCollection(TreeSet::new)));
            assertThat(seen.values().stream().flatMap(List::stream).sorted().toList()).as("candidates shown whole")
                    .isEqualTo(IntStream.rangeClosed(1, candidates).boxed().toList());
            assertThat(fontSize(teller, "#projector-row-1 td")).as("a row's type").isGreaterThanOrEqualTo(16);
            // The rule's band, in the row: two thirds, over half, none; the blank counted invalid.
            assertThat(teller.script("return document.querySelector('#projector-row-3').textContent")).asString()
                    .contains("Từ 2/3");
            assertThat(teller.script("return document.querySelector('#projector-row-4').textContent")).asString()
                    .contains("Không quá 1/2");
            if (candidates >= 5) {
                assertThat(teller.script("return document.querySelector('#projector-row-5').textContent")).asString()
                        .contains("Trên 1/2");
            }
        }
    }

    @Test
    void a_conference_held_without_quorum_says_so_as_the_minutes_do() {
        CountConferences.Cast conf = tallied(4, false);
        for (int[] size : new int[][] {{1280, 800}, {360, 640}}) {
            try (var teller = new Browser(base(), size[0], size[1])) {
                Staff.signIn(teller, conf.tellers().getFirst());
                teller.open("/projector/" + conf.id());
                teller.find("#projector-table");
                assertThat(teller.find("#projector-quorum").getText()).isEqualTo(
                        "KHÔNG ĐỦ SỐ NGƯỜI THAM DỰ: có mặt 5/9 người được triệu tập, dưới hai phần ba theo quy định.");
                assertThat(teller.find("#projector-quorum").getAttribute("class")).contains("projector-no-quorum");
                teller.screenshot(Path.of("target", "screenshots", size[0] + "x" + size[1], "projector-no-quorum.png"));
                // The count page's results say it too.
                teller.open("/count/" + conf.id());
                teller.waitForText("#count-results-quorum", "KHÔNG ĐỦ SỐ NGƯỜI THAM DỰ: có mặt 5/9");
            }
        }
    }

    @ParameterizedTest(name = "{0} candidates on a phone")
    @CsvSource({"13", "44"})
    void on_a_phone_every_candidate_is_a_readable_card_on_a_page_that_scrolls(int candidates) {
        CountConferences.Cast conf = tallied(candidates, true);
        try (var teller = new Browser(base(), 360, 640)) {
            Staff.signIn(teller, conf.tellers().getFirst());
            teller.open("/projector/" + conf.id());
            teller.find("#projector-table");
            teller.waitForVaadin();
            @SuppressWarnings("unchecked")
            var shown = (List<Number>) teller.script("""
                    return Array.from(document.querySelectorAll('#projector tbody tr'))
                      .filter(r => !r.hidden && r.getBoundingClientRect().height > 0).map(r => Number(r.dataset.order));""");
            assertThat(shown.stream().map(Number::intValue).toList()).isEqualTo(
                    IntStream.rangeClosed(1, candidates).boxed().toList());
            assertThat(teller.find("#projector-row-1").getText()).contains("Ứng viên số 1", "%)");
            // Each figure says what it is (the table's headings are hidden on a phone).
            assertThat(teller.script("""
                    const c = document.querySelectorAll('#projector-row-1 td')[4];
                    return c.dataset.label + ' ' + getComputedStyle(c, '::before').content;""")).asString()
                    .startsWith("Tín nhiệm thấp ").doesNotEndWith("none");
            assertThat(fontSize(teller, "#projector-row-1 td")).isGreaterThanOrEqualTo(16);
            teller.screenshot(Path.of("target", "screenshots", "360x640", "projector-" + candidates + ".png"));
            PhoneLayout.assertFits(teller, "the projector on a phone");
        }
    }

    /**
     * The page shown now: its number and label, the rows shown, and whatever is cut: a shown row not wholly inside
     * the window, a cell whose text overflows it, a page that scrolls either way.
     */
    private static final String SNAPSHOT = """
            const root = document.querySelector('#projector');
            const problems = [];
            const se = document.scrollingElement;
            if (se.scrollHeight > window.innerHeight) problems.push('scrolls down: ' + se.scrollHeight);
            if (se.scrollWidth > window.innerWidth) problems.push('scrolls sideways: ' + se.scrollWidth);
            const rows = [];
            for (const r of document.querySelectorAll('#projector tbody tr')) {
              if (r.hidden) continue;
              const b = r.getBoundingClientRect();
              if (b.top < 0 || b.left < 0 || b.bottom > window.innerHeight || b.right > window.innerWidth) {
                problems.push('row ' + r.dataset.order + ' cut: ' + JSON.stringify(b));
              }
              for (const c of r.cells) {
                if (c.scrollWidth > c.clientWidth + 1) problems.push('row ' + r.dataset.order + ' cell cut: ' + c.textContent);
              }
              rows.push(Number(r.dataset.order));
            }
            for (const id of ['projector-totals', 'projector-quorum', 'projector-page']) {
              const e = document.getElementById(id);
              if (e && !e.hidden && e.getBoundingClientRect().bottom > window.innerHeight) problems.push(id + ' cut');
            }
            const label = document.getElementById('projector-page');
            return {page: Number(root.dataset.page), rows: rows, problems: problems,
                    label: label.hidden ? '' : label.textContent};""";

    private static double fontSize(Browser browser, String css) {
        return ((Number) browser.script("return parseFloat(getComputedStyle(arguments[0]).fontSize)", browser.find(css)))
                .doubleValue();
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
