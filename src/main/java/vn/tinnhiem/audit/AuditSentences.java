package vn.tinnhiem.audit;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.tinnhiem.shared.i18n.Translations;

/**
 * An audit entry as a sentence a person reads ("Chuyển hội nghị “…” từ Dự thảo sang Đã chốt"), made
 * at display time from the entry's typed fields. Bundle key {@code audit.sentence.<action>}, whose
 * placeholders name the fields: {@code {subject}} the subject in words, {@code {rows}} the field rows,
 * and so on, each in words where it names a status, role, ballot kind, rule set, checklist step, refusal,
 * the check a tablet's ballot failed ({@code audit.kioskCheck.<CODE>}) or a yes/no. A field's place in the stored text plays no part, so a value can never fill another's
 * place. A hidden field (a name a supervisor may not read) reads "[name hidden]". An action without a
 * sentence falls back to its label and its fields.
 */
public final class AuditSentences {

    private static final DateTimeFormatter STARTS = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][A-Za-z0-9]*)}");
    private static final Set<String> YES_NO = Set.of("again", "passphrase", "quorum", "renumbered", "first");

    private AuditSentences() {
    }

    /**
     * @param subjectNames conference titles by subject, as {@link AuditLog#subjectNames()} gives them
     */
    public static String describe(AuditEntry entry, Map<String, String> subjectNames, Locale locale) {
        String action = entry.action();
        AuditFields fields = entry.fields();
        Map<String, String> words = new HashMap<>();
        words.put("subject", subject(entry.subject(), subjectNames, locale));
        for (String k : fields.keys()) {
            words.put(k, fields.get(k).map(v -> value(k, v, locale)).orElseGet(() -> hidden(locale)));
        }
        String key = "audit.sentence." + action;
        if (action.equals("account.create") && fields.has("first")) {
            key = "audit.sentence.account.createFirst";
        }
        // The pattern as written: its placeholders are filled here, by name; '' is a quote as in every text.
        String pattern = Translations.pattern(key, locale).replace("''", "'");
        if (!pattern.startsWith("!")) {
            Matcher m = PLACEHOLDER.matcher(pattern);
            return m.replaceAll(r -> Matcher.quoteReplacement(words.getOrDefault(r.group(1), "…")));
        }
        if (fields.isEmpty()) {
            return label(action, locale);
        }
        return label(action, locale) + ": " + String.join("; ",
                fields.keys().stream().map(k -> k + ": " + words.get(k)).toList());
    }

    private static String hidden(Locale locale) {
        return Translations.translate("audit.hidden", locale);
    }

    /** The action's short label, or its technical name where there is none. */
    public static String label(String action, Locale locale) {
        return word("audit.action." + action, action, locale);
    }

    private static String subject(String subject, Map<String, String> names, Locale locale) {
        String title = names.get(subject);
        if (title != null) {
            return "“" + title + "”";
        }
        int colon = subject.indexOf(':');
        if (colon < 0) {
            return subject;
        }
        String kind = subject.substring(0, colon);
        String id = subject.substring(colon + 1);
        return kind.equals("account") ? id : word("audit.subject." + kind, subject, locale, id);
    }

    private static String value(String key, String value, Locale locale) {
        String first = value.strip().split(" ", 2)[0];
        if (YES_NO.contains(key)) {
            return word("audit.yesNo." + value, value, locale);
        }
        return switch (key) {
            case "role" -> word("role." + first, value, locale);
            case "kind" -> word("ballotKind." + value, value, locale);
            case "rules" -> word("ruleSet." + value, value, locale);
            case "to", "from" -> first.chars().allMatch(Character::isDigit) ? value : status(value, locale);
            case "step" -> word("checklist." + value, value, locale);
            case "milestone" -> word("milestone." + value, value, locale);
            case "at" -> startsAt(value);
            case "why" -> word("audit.why." + value, value, locale);
            case "check" -> word("audit.kioskCheck." + value, value, locale);
            case "reason" -> word(value, value, locale).replaceAll("\\{\\d+}", "…");
            case "reasons" -> String.join("; ", Arrays.stream(value.split("[,;]"))
                    .map(r -> word(r.strip(), r, locale).replaceAll("\\{\\d+}", "…")).toList());
            default -> value;
        };
    }

    private static String status(String status, Locale locale) {
        return word("status." + status, status, locale);
    }

    private static String startsAt(String value) {
        try {
            return STARTS.format(LocalDateTime.parse(value));
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    /** The translation of the key, or the fallback where the bundles have none. */
    private static String word(String key, String fallback, Locale locale, Object... args) {
        String text = Translations.translate(key, locale, args);
        return text.startsWith("!") ? fallback : text;
    }
}
