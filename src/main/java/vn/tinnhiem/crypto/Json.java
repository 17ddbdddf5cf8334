package vn.tinnhiem.crypto;

/** Canonical JSON string quoting (NFC, escapes only what RFC 8259 requires): one rule for every exported file. */
public final class Json {
    private Json() {}

    public static String str(String s) {
        String t = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder(t.length() + 2).append('"');
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
