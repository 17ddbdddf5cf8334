package vn.tinnhiem.audit;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import vn.tinnhiem.shared.i18n.Translations;

/**
 * An audit entry as a sentence a person reads ("Chuyển hội nghị “…” từ Dự thảo sang Đã chốt"), made
 * at display time from the stored, machine-readable details. Bundle key {@code audit.sentence.<action>}
 * with {0} the subject in words and {1}, {2}, ... the details' values in the order they are stored,
 * each in words where it names a status, role, ballot kind, rule set, checklist step or refusal.
 * An action without a sentence falls back to its label and the raw details.
 */
public final class AuditSentences {

    private static final DateTimeFormatter STARTS = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private AuditSentences() {
    }

    /**
     * @param subjectNames conference titles by subject, as {@link AuditLog#subjectNames()} gives them
     */
    public static String describe(AuditEntry entry, Map<String, String> subjectNames, Locale locale) {
        String action = entry.action();
        List<Object> args = new ArrayList<>();
        args.add(subject(entry.subject(), subjectNames, locale));
        String details = entry.details();
        String key = "audit.sentence." + action;
        if (action.equals("election.status") && details.contains("->")) {
            // Written as FROM->TO before details were key=value.
            String[] fromTo = details.split("->", 2);
            args.add(status(fromTo[0].strip(), locale));
            args.add(status(fromTo[1].strip(), locale));
        } else if (action.equals("account.signInRefused") && !details.contains("=")) {
            args.add(word("audit.why." + details.strip(), details, locale));
        } else {
            Map<String, String> values = AuditDetails.parse(details);
            if (action.equals("account.create") && values.getOrDefault("role", "").contains("first")) {
                key = "audit.sentence.account.createFirst";
            }
            values.forEach((k, v) -> args.add(value(k, v, locale)));
        }
        String sentence = Translations.translate(key, locale, args.toArray());
        if (!sentence.startsWith("!")) {
            return sentence;
        }
        return label(action, locale) + (details.isBlank() ? "" : ": " + details);
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

    private static String value(String key, String raw, Locale locale) {
        // Several values may be written "a=1, b=2": the comma belongs to the list, not to the value.
        String value = raw.strip().replaceAll(",$", "");
        String first = value.strip().split(" ", 2)[0];
        return switch (key) {
            case "role" -> word("role." + first, value, locale);
            case "kind" -> word("ballotKind." + value, value, locale);
            case "rules" -> word("ruleSet." + value, value, locale);
            case "to", "from" -> first.chars().allMatch(Character::isDigit) ? value : status(value, locale);
            case "step" -> word("checklist." + value, value, locale);
            case "milestone" -> word("milestone." + value, value, locale);
            case "at" -> startsAt(value);
            case "again", "passphrase" -> word("audit.yesNo." + value, value, locale);
            case "reason" -> word(value, value, locale).replaceAll("\\{\\d+}", "…");
            case "reasons" -> String.join("; ", Arrays.stream(value.split(","))
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
