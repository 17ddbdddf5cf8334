package vn.tinnhiem.count.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.tinnhiem.count.BoxVerdict;
import vn.tinnhiem.shared.files.FileProblem;
import vn.tinnhiem.shared.files.StrictJson;

/**
 * The box verdict's lists as the table {@code box_check} stores them (columns {@code set_aside},
 * {@code copies}, {@code tampering}): each a JSON array of objects, written and read by the files kit.
 *
 * <p>Verdicts stored before were hand-made tab-separated lines (one row a line, the set-aside reasons joined
 * by "|"); they are still read as they are, so no migration rewrites them. A stored list in JSON always starts
 * with "[", a line never does (it starts with a row's hex id or a tampering kind), and both say an empty list
 * as "" or "[]".
 */
public final class BoxColumns {

    /** A column is MEDIUMTEXT: at most 16 MB. */
    private static final StrictJson JSON = new StrictJson("count.box", 16 * 1024 * 1024);

    private BoxColumns() {
    }

    public static String setAside(List<BoxVerdict.SetAside> rows) {
        ArrayNode out = StrictJson.newArray();
        for (BoxVerdict.SetAside r : rows) {
            ObjectNode o = out.addObject().put("id", r.id()).put("trackingCode", r.trackingCode());
            r.reasons().forEach(o.putArray("reasons")::add);
        }
        return StrictJson.write(out);
    }

    public static String copies(List<BoxVerdict.Copy> rows) {
        ArrayNode out = StrictJson.newArray();
        for (BoxVerdict.Copy r : rows) {
            out.addObject().put("id", r.id()).put("trackingCode", r.trackingCode()).put("copyOf", r.copyOf())
                    .put("sameId", r.sameId());
        }
        return StrictJson.write(out);
    }

    public static String tampering(List<BoxVerdict.Tampering> rows) {
        ArrayNode out = StrictJson.newArray();
        for (BoxVerdict.Tampering r : rows) {
            out.addObject().put("kind", r.kind()).put("about", r.about()).put("found", r.found())
                    .put("expected", r.expected());
        }
        return StrictJson.write(out);
    }

    public static List<BoxVerdict.SetAside> setAside(String column) {
        List<BoxVerdict.SetAside> out = new ArrayList<>();
        try {
            if (isJson(column)) {
                for (JsonNode o : JSON.array(utf8(column))) {
                    List<String> reasons = new ArrayList<>();
                    for (JsonNode reason : JSON.array(o, "reasons")) {
                        if (!reason.isString()) {
                            throw JSON.badField("reasons");
                        }
                        reasons.add(reason.stringValue());
                    }
                    out.add(new BoxVerdict.SetAside(JSON.text(o, "id"), JSON.text(o, "trackingCode"), reasons));
                }
                return out;
            }
        } catch (FileProblem p) {
            throw unreadable("set_aside", p);
        }
        for (String[] f : legacyLines(column)) {
            out.add(new BoxVerdict.SetAside(f[0], f[1], f[2].isEmpty() ? List.of() : List.of(f[2].split("\\|"))));
        }
        return out;
    }

    public static List<BoxVerdict.Copy> copies(String column) {
        List<BoxVerdict.Copy> out = new ArrayList<>();
        try {
            if (isJson(column)) {
                for (JsonNode o : JSON.array(utf8(column))) {
                    out.add(new BoxVerdict.Copy(JSON.text(o, "id"), JSON.text(o, "trackingCode"),
                            JSON.text(o, "copyOf"), JSON.bool(o, "sameId")));
                }
                return out;
            }
        } catch (FileProblem p) {
            throw unreadable("copies", p);
        }
        for (String[] f : legacyLines(column)) {
            out.add(new BoxVerdict.Copy(f[0], f[1], f[2], f[3].equals("sameId")));
        }
        return out;
    }

    public static List<BoxVerdict.Tampering> tampering(String column) {
        List<BoxVerdict.Tampering> out = new ArrayList<>();
        try {
            if (isJson(column)) {
                for (JsonNode o : JSON.array(utf8(column))) {
                    out.add(new BoxVerdict.Tampering(JSON.text(o, "kind"), JSON.text(o, "about"),
                            JSON.text(o, "found"), JSON.text(o, "expected")));
                }
                return out;
            }
        } catch (FileProblem p) {
            throw unreadable("tampering", p);
        }
        for (String[] f : legacyLines(column)) {
            out.add(new BoxVerdict.Tampering(f[0], f[1], f[2], f[3]));
        }
        return out;
    }

    private static boolean isJson(String column) {
        return column.startsWith("[");
    }

    /** The fields of each line of a list stored before the JSON: tab-separated, one row a line. */
    private static List<String[]> legacyLines(String column) {
        List<String[]> out = new ArrayList<>();
        for (String line : column.split("\n")) {
            if (!line.isEmpty()) {
                out.add(line.split("\t", -1));
            }
        }
        return out;
    }

    private static byte[] utf8(String column) {
        return column.getBytes(StandardCharsets.UTF_8);
    }

    /** The app wrote the column itself: one it cannot read was changed behind its back, or is a bug. */
    private static IllegalStateException unreadable(String column, FileProblem p) {
        return new IllegalStateException("box_check." + column + " unreadable: " + p.reasonKey() + " " + p.args());
    }
}
