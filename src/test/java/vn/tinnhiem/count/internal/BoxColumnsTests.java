package vn.tinnhiem.count.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.tinnhiem.count.BoxVerdict;

/**
 * The box verdict's lists are stored as JSON and read back as they were; the tab-separated lines stored
 * before still read.
 */
class BoxColumnsTests {

    private static final List<BoxVerdict.SetAside> SET_ASIDE = List.of(
            new BoxVerdict.SetAside("00ff", "K7QM-2XR4-P9TD-WV3H", List.of("RANGE/c2/l1", "SUM/c2")),
            new BoxVerdict.SetAside("0a0b", "AAAA-BBBB-CCCC-DDDD", List.of()));
    private static final List<BoxVerdict.Copy> COPIES = List.of(
            new BoxVerdict.Copy("0c0d", "EEEE-FFFF-GGGG-HHHH", "00aa", true),
            new BoxVerdict.Copy("0e0f", "JJJJ-KKKK-LLLL-MMMM", "00bb", false));
    private static final List<BoxVerdict.Tampering> TAMPERING = List.of(
            new BoxVerdict.Tampering("closeFigure", "cast", "12", "11"),
            new BoxVerdict.Tampering("lifecycle", "milestone.x", "a\tb|c\nd \"e\"", ""));

    @Test
    void the_lists_are_stored_as_json_and_read_back_as_they_were() {
        String setAside = BoxColumns.setAside(SET_ASIDE);
        assertThat(setAside).startsWith("[{\"id\":\"00ff\",\"trackingCode\":\"K7QM-2XR4-P9TD-WV3H\",\"reasons\":[");
        assertThat(BoxColumns.setAside(setAside)).isEqualTo(SET_ASIDE);
        assertThat(BoxColumns.copies(BoxColumns.copies(COPIES))).isEqualTo(COPIES);
        assertThat(BoxColumns.tampering(BoxColumns.tampering(TAMPERING))).isEqualTo(TAMPERING);
        assertThat(BoxColumns.tampering(List.of())).isEqualTo("[]");
        assertThat(BoxColumns.tampering("[]")).isEmpty();
    }

    @Test
    void lists_stored_before_as_tab_separated_lines_still_read() {
        assertThat(BoxColumns.setAside("00ff\tK7QM-2XR4-P9TD-WV3H\tRANGE/c2/l1|SUM/c2\n0a0b\tAAAA-BBBB-CCCC-DDDD\t\n"))
                .isEqualTo(SET_ASIDE);
        assertThat(BoxColumns.copies("0c0d\tEEEE-FFFF-GGGG-HHHH\t00aa\tsameId\n0e0f\tJJJJ-KKKK-LLLL-MMMM\t00bb\tsameContent\n"))
                .isEqualTo(COPIES);
        assertThat(BoxColumns.tampering("closeFigure\tcast\t12\t11\n"))
                .containsExactly(new BoxVerdict.Tampering("closeFigure", "cast", "12", "11"));
        assertThat(BoxColumns.setAside("")).isEmpty();
        assertThat(BoxColumns.copies("")).isEmpty();
        assertThat(BoxColumns.tampering("")).isEmpty();
    }

    @Test
    void a_stored_list_that_is_not_what_the_app_wrote_fails_loudly() {
        assertThatThrownBy(() -> BoxColumns.copies("[{\"id\":\"0c0d\"}]")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BoxColumns.tampering("[1,")).isInstanceOf(IllegalStateException.class);
    }
}
