package vn.tinnhiem.shared.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Text made fit for the report's two faces and its lines: composed, cleaned of what would not print,
 * measured, wrapped, or cut short with an ellipsis. One per report: it remembers which characters its
 * faces can show, as asking the font is slow and a long log asks about the same few letters again and again.
 */
final class PdfText {

    private final PDFont regular;
    private final PDFont bold;
    private final Map<Integer, Boolean> printable = new HashMap<>();

    PdfText(PDFont regular, PDFont bold) {
        this.regular = regular;
        this.bold = bold;
    }

    PDFont regular() {
        return regular;
    }

    PDFont bold() {
        return bold;
    }

    float width(String text, PDFont f, float size) {
        try {
            return f.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Composed (NFC), tabs as spaces, other controls dropped, any character the font lacks as "?". */
    String clean(String text, PDFont f) {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC).replace('\t', ' ');
        StringBuilder out = new StringBuilder(composed.length());
        composed.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                return;
            }
            out.appendCodePoint(printable.computeIfAbsent(cp, c -> canShow(c)) ? cp : '?');
        });
        return out.toString();
    }

    /** Both faces must have it: a character is cleaned once, then may be set in either. */
    private boolean canShow(int codePoint) {
        String s = new String(Character.toChars(codePoint));
        try {
            regular.encode(s);
            bold.encode(s);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Greedy word wrap; a word longer than the line (a hash) is broken where it must be. */
    List<String> wrap(String text, PDFont f, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            String clean = clean(paragraph, f).strip().replaceAll(" +", " ");
            if (clean.isEmpty()) {
                lines.add("");
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (String word : clean.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, f, size) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (rest.length() > 1 && width(rest, f, size) > maxWidth) {
                    int cut = longestFitting(rest, f, size, maxWidth);
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** How many characters of {@code word} fit on a line (at least one), measured in one pass. */
    private int longestFitting(String word, PDFont f, float size, float maxWidth) {
        float used = 0;
        int i = 0;
        while (i < word.length()) {
            int next = word.offsetByCodePoints(i, 1);
            used += width(word.substring(i, next), f, size);
            if (used > maxWidth) {
                break;
            }
            i = next;
        }
        return Math.max(i, word.offsetByCodePoints(0, 1));
    }

    /** Cut to one line with an ellipsis, for page furniture. */
    String fitted(String text, PDFont f, float size, float maxWidth) {
        if (width(text, f, size) <= maxWidth) {
            return text;
        }
        String cut = text;
        while (cut.length() > 1 && width(cut + "…", f, size) > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
