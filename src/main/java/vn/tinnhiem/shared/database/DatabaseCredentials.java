package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded server's two accounts, kept in the data folder in a file only the service user can read
 * (mode 0600). The file is a MariaDB option file, so the bundled tools can use it as it is
 * ({@code mariadb-dump --defaults-extra-file=credentials.cnf}): its {@code [client]} group is root, the
 * {@code [tinnhiem]} group (which the tools ignore) is the application's account.
 */
record DatabaseCredentials(String rootPassword, String appUser, String appPassword) {

    static final String FILE_NAME = "credentials.cnf";
    static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 32;

    DatabaseCredentials {
        // Passwords go into SQL and an option file: a plain alphabet needs no quoting in either.
        if (!rootPassword.matches("[A-Za-z0-9]{20,}") || !appPassword.matches("[A-Za-z0-9]{20,}")
                || !appUser.matches("[a-z][a-z0-9_]{0,31}")) {
            throw new IllegalArgumentException("malformed credentials in " + FILE_NAME);
        }
    }

    static DatabaseCredentials generate(String appUser) {
        return new DatabaseCredentials(password(), appUser, password());
    }

    private static String password() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** The credentials in this file, or empty if there is none yet. */
    static Optional<DatabaseCredentials> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        String group = "";
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                group = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(group + "." + line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        String root = values.get("client.password");
        String user = values.get("tinnhiem.user");
        String app = values.get("tinnhiem.password");
        if (root == null || user == null || app == null || !"root".equals(values.get("client.user"))) {
            throw new IOException(file + " lacks the root or application account");
        }
        return Optional.of(new DatabaseCredentials(root, user, app));
    }

    /** Writes the file whole or not at all, readable by its owner only from the first byte. */
    void write(Path file) throws IOException {
        Path temp = file.resolveSibling(FILE_NAME + ".new");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(temp, """
                # TinNhiem: the embedded MariaDB's accounts, made at the first start. Keep it secret: only the
                # service user may read it (mode 0600). Delete it and restart to have new passwords made.
                # The bundled tools read it as an option file, e.g. from this folder:
                #   server/bin/mariadb-dump --defaults-extra-file=%1$s -S mariadb.sock --single-transaction tinnhiem
                [client]
                user=root
                password=%2$s
                # the server speaks no TLS (loopback and socket only); without this the 11.4 tools insist on it
                skip-ssl

                [tinnhiem]
                user=%3$s
                password=%4$s
                """.formatted(FILE_NAME, rootPassword, appUser, appPassword), StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        // Never the passwords: a record's default toString would print them into any log line.
        return "DatabaseCredentials[root, " + appUser + "]";
    }
}
