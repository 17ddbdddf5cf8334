package vn.tinnhiem.supervision.ui;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.Svg;

import vn.tinnhiem.supervision.Live;
import vn.tinnhiem.supervision.TurnoutStep;

/**
 * The turnout chart, drawn on the server as SVG: one bar per 15-minute step, its height the share of those
 * summoned who had cast by the end of the step, with the 100% line. Only numbers and times are drawn (no
 * text from a person), so nothing needs escaping.
 */
final class TurnoutChart {

    private static final int WIDTH = 600;
    private static final int HEIGHT = 220;
    private static final int LEFT = 44;
    private static final int BOTTOM = 28;
    private static final int TOP = 10;
    private static final int MIN_BARS = 8;

    private TurnoutChart() {
    }

    static Svg of(Live live, DateTimeFormatter time, String title) {
        var svg = new Svg(draw(live.curve(), live.figures().summoned(), time, title));
        svg.setId("live-chart");
        svg.addClassName("live-chart");
        return svg;
    }

    static String draw(List<TurnoutStep> steps, int summoned, DateTimeFormatter time, String title) {
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int slots = Math.max(MIN_BARS, steps.size());
        double slot = (WIDTH - LEFT - 4) / (double) slots;
        var out = new StringBuilder();
        out.append("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("' role='img' preserveAspectRatio='xMidYMid meet'><title>").append(title.replace("&", "&amp;").replace("<", "&lt;")).append("</title>");
        for (int pct : new int[] {0, 50, 100}) {
            double y = TOP + plotHeight * (1 - pct / 100.0);
            out.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' class='grid'/>", LEFT, y,
                    WIDTH, y));
            out.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' class='axis' text-anchor='end'>%d%%</text>",
                    LEFT - 6, y + 5, pct));
        }
        for (int i = 0; i < steps.size(); i++) {
            TurnoutStep s = steps.get(i);
            double share = summoned == 0 ? 0 : Math.min(1.0, s.cast() / (double) summoned);
            double h = plotHeight * share;
            double x = LEFT + i * slot + slot * 0.15;
            out.append(String.format(Locale.ROOT,
                    "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' class='bar' data-cast='%d'/>", x,
                    TOP + plotHeight - h, slot * 0.7, h, s.cast()));
            if (i == 0 || i == steps.size() - 1 || steps.size() <= 6) {
                out.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' class='axis' text-anchor='middle'>%s</text>",
                        x + slot * 0.35, HEIGHT - 8, time.format(s.start())));
            }
        }
        return out.append("</svg>").toString();
    }
}
