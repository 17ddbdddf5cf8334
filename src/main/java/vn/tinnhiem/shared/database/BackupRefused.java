package vn.tinnhiem.shared.database;

import java.util.List;

/**
 * Why a backup or a restore did not run, or stopped: a message key of the bundles and its arguments, so the
 * command says it in the operator's language. Thrown before anything is written, or after what was written
 * has been removed again.
 */
final class BackupRefused extends RuntimeException {

    private final String key;
    private final List<Object> args;

    BackupRefused(String key, Object... args) {
        super(key, null, false, false);
        this.key = key;
        this.args = List.of(args);
    }

    String key() {
        return key;
    }

    Object[] args() {
        return args.toArray();
    }
}
