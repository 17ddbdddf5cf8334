package vn.tinnhiem.shared.files;

import java.text.Normalizer;
import java.util.Locale;

/** Names of the files the laptop and the server exchange: ASCII, so any printer's computer and USB stick take them. */
public final class FileNames {

    private FileNames() {
    }

    /**
     * The text as ASCII letters, digits and dashes, at most 40 characters: "Trần Văn Khải" becomes
     * "tran-van-khai", "42" stays "42"; empty when nothing of it is left.
     */
    public static String slug(String text) {
        String ascii = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > 40 ? slug.substring(0, 40).replaceAll("-+$", "") : slug;
    }
}
