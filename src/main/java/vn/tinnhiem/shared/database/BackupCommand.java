package vn.tinnhiem.shared.database;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.shared.i18n.Translations;

/**
 * {@code java -jar tinnhiem.jar backup --to DIR [--keys-to KDIR] [--anchors-to ADIR] ...} and
 * {@code java -jar tinnhiem.jar restore --from DIR [--anchors-from ADIR] ...}: no Spring, no web server; they
 * drive mariadb-backup (kiosk-setup/README.md, section 5). Messages in Vietnamese, {@code --lang en} for English.
 *
 * <p>Exit codes: 0 done; 1 mariadb-backup failed or a folder could not be written (what this run made is
 * removed again); 2 bad arguments or input refused (a folder that is not a backup, a key missing or not the
 * backup's, a target that is not empty): nothing written.
 */
public final class BackupCommand {

    public static final String BACKUP = "backup";
    public static final String RESTORE = "restore";
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int REFUSED = 2;
    private static final Set<String> FAILURES = Set.of("backup.error.toolFailed", "backup.error.cannotWrite",
            "restore.error.cannotWrite");

    private BackupCommand() {
    }

    /** {@code args} starts with "backup" or "restore", as given to the jar. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean restore = args.length > 0 && args[0].equals(RESTORE);
        String usage = restore ? "restore.usage" : "backup.usage";
        Locale locale = Languages.VIETNAMESE;
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals("--lang")) {
                locale = Languages.fromTag(args[i + 1]);
            }
        }
        Locale lang = locale;
        BackupOptions options = new BackupOptions();
        try {
            if (!parse(List.of(args).subList(Math.min(1, args.length), args.length), options)) {
                out.println(Translations.translate(usage, lang));
                return OK;
            }
            DatabaseBackup.Say say = (key, a) -> out.println(Translations.translate(key, lang, a));
            if (restore) {
                new DatabaseRestore(options, say).run();
            } else {
                new DatabaseBackup(options, say).run();
            }
            return OK;
        } catch (BackupRefused e) {
            err.println(Translations.translate(e.key(), lang, e.args()));
            if (e.key().equals("backup.error.badArgument") || e.key().equals("backup.error.missingOption")) {
                err.println(Translations.translate(usage, lang));
            }
            return FAILURES.contains(e.key()) ? FAILED : REFUSED;
        } catch (RuntimeException e) {
            // No stack trace for the operator: what failed, and that the run's own files were removed.
            err.println(Translations.translate("backup.error.unexpected", lang, e.getClass().getSimpleName(),
                    String.valueOf(e.getMessage())));
            return FAILED;
        }
    }

    /** Fills the options; false when only the help was asked for. */
    static boolean parse(List<String> args, BackupOptions o) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                return false;
            }
            if (a.equals("--galera-info")) {
                o.galeraInfo = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new BackupRefused("backup.error.badArgument", a);
            }
            String v = args.get(++i);
            switch (a) {
                case "--lang" -> { }
                case "--to" -> o.target = path(a, v);
                case "--from" -> o.source = path(a, v);
                case "--keys-to" -> o.keysTo = path(a, v);
                case "--anchors-to" -> o.anchorsTo = path(a, v);
                case "--anchors-from" -> o.anchorsFrom = path(a, v);
                case "--data-dir" -> o.dataDir = path(a, v);
                case "--keys-dir" -> o.keysDir = path(a, v);
                case "--anchor-file" -> o.anchorFile = path(a, v);
                case "--socket" -> o.socket = path(a, v);
                case "--host" -> o.host = v;
                case "--port" -> o.port = port(a, v);
                case "--credentials" -> o.credentials = path(a, v);
                case "--key-file" -> o.keyFile = path(a, v);
                case "--datadir" -> o.serverDatadir = path(a, v);
                default -> throw new BackupRefused("backup.error.badArgument", a);
            }
        }
        return true;
    }

    private static Path path(String option, String value) {
        try {
            if (value.isBlank() || value.startsWith("--")) {
                throw new BackupRefused("backup.error.badArgument", option);
            }
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new BackupRefused("backup.error.badArgument", option);
        }
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new BackupRefused("backup.error.badArgument", option);
    }
}
