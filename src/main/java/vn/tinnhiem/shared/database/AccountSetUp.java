package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up a folder's accounts when it has no credentials file (a new folder, or one whose file was
 * deleted): the start runs a set-up script through {@code --init-file}, which the server executes with
 * full rights before it accepts any connection, so there is never a moment when the server runs without
 * its grant tables; the new passwords are kept only once both have been seen to work.
 */
final class AccountSetUp {

    private static final Logger log = LoggerFactory.getLogger(AccountSetUp.class);

    private AccountSetUp() {
    }

    /**
     * The accounts, as the server runs them before it takes its first connection: every account but
     * root and the server's own is dropped (the anonymous ones the installer makes, any unix-socket
     * login), root gets its password and loses its unix-socket login, the application gets its
     * account, and the installer's test database and its grant to everyone go. Each statement on one
     * line, as --init-file wants. Run again, it resets both passwords.
     */
    static String setupScript(DatabaseCredentials c) {
        String root = c.rootPassword();
        return String.join("\n",
                "SET @strangers = (SELECT GROUP_CONCAT(QUOTE(user), '@', QUOTE(host)) FROM mysql.global_priv"
                        + " WHERE user <> 'PUBLIC' AND NOT (user = 'mariadb.sys' AND host = 'localhost')"
                        + " AND NOT (user = 'root' AND host IN ('localhost', '127.0.0.1')));",
                "EXECUTE IMMEDIATE IF(@strangers IS NULL, 'DO 0', CONCAT('DROP USER ', @strangers));",
                "CREATE USER IF NOT EXISTS 'root'@'localhost';",
                "ALTER USER 'root'@'localhost' IDENTIFIED BY '" + root + "';",
                "GRANT ALL PRIVILEGES ON *.* TO 'root'@'localhost' WITH GRANT OPTION;",
                "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';",
                "ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '" + root + "';",
                "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;",
                "CREATE USER '" + c.appUser() + "'@'127.0.0.1' IDENTIFIED BY '" + c.appPassword() + "';",
                "DROP DATABASE IF EXISTS `test`;",
                "");
    }

    /** The script, in a file only the owner can read (it holds both passwords), for --init-file. */
    static Path writeScript(MariaDbFolder folder, DatabaseCredentials credentials) throws IOException {
        Path setup = folder.root().resolve("set-up.sql");
        Files.deleteIfExists(setup);
        Files.createFile(setup, PosixFilePermissions.asFileAttribute(DatabaseCredentials.OWNER_ONLY));
        Files.writeString(setup, setupScript(credentials), StandardCharsets.UTF_8);
        return setup;
    }

    /** Deletes the script once the server has read it, or failed to: its passwords are kept nowhere else. */
    static void deleteScript(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete the set-up script {}: delete it by hand.", file);
            }
        }
    }

    /**
     * The server does not stop on a failed --init-file statement, so the set-up is proven by signing in
     * with both new passwords before they are kept; until they are, the next start sets up again.
     */
    static void keepIfTheyWork(DatabaseCredentials credentials, String serverUrl, MariaDbFolder folder,
            boolean madeBefore) throws IOException {
        try (Connection root = DriverManager.getConnection(serverUrl, "root", credentials.rootPassword());
                Connection app = DriverManager.getConnection(serverUrl, credentials.appUser(),
                        credentials.appPassword())) {
            root.isValid(5);
            app.isValid(5);
        } catch (SQLException e) {
            throw new EmbeddedDatabaseException("The embedded database's accounts could not be set up ("
                    + e.getMessage() + "). Nothing was changed on disk; the next start tries again.", e);
        }
        Path credentialsFile = folder.credentialsFile();
        credentials.write(credentialsFile);
        if (madeBefore) {
            log.warn("The embedded database in {} had no credentials file (it was deleted): root and the "
                    + "application's account have new passwords, kept in {} (readable by this user only).",
                    folder.root(), credentialsFile);
        } else {
            log.info("Embedded database accounts made; their passwords are in {} (readable by this user only).",
                    credentialsFile);
        }
    }
}
