package vn.tinnhiem.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import vn.tinnhiem.shared.database.EmbeddedMariaDb;

/**
 * The embedded server's root account, as someone holding the machine would use it: the password read from the
 * {@code [client]} group of the data folder's credentials file, a connection of its own outside the application
 * (no transaction of the application's, no audit entry), on the application's database.
 */
public final class RootDatabase {

    private RootDatabase() {
    }

    /** Runs {@code work} as root on the database the application uses; each statement commits at once. */
    public static void as(EmbeddedMariaDb server, DataSource app, Consumer<DSLContext> work) {
        String url;
        try (Connection c = app.getConnection()) {
            url = server.jdbcUrl(c.getCatalog());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (Connection root = DriverManager.getConnection(url, "root", rootPassword(server.credentialsFile()))) {
            root.setAutoCommit(true);
            work.accept(DSL.using(root, SQLDialect.MARIADB));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A root connection of its own on {@code database} of the embedded server (created if missing), for a test that
     * holds locks across statements: autocommit off, so the locks last until it commits, rolls back or closes.
     */
    public static Connection open(EmbeddedMariaDb server, String database) {
        try {
            if (!database.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException(database);
            }
            String password = rootPassword(server.credentialsFile());
            try (Connection admin = DriverManager.getConnection(server.jdbcUrl(""), "root", password)) {
                admin.createStatement().execute("CREATE DATABASE IF NOT EXISTS " + database);
            }
            Connection root = DriverManager.getConnection(server.jdbcUrl(database), "root", password);
            root.setAutoCommit(false);
            return root;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Root's password on the embedded server, for a test's own data source. */
    public static String password(EmbeddedMariaDb server) {
        return rootPassword(server.credentialsFile());
    }

    /** The name of the database the application uses. */
    public static String appDatabase(DataSource app) {
        try (Connection c = app.getConnection()) {
            return c.getCatalog();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rootPassword(Path file) {
        try {
            String group = "";
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.startsWith("[") && line.endsWith("]")) {
                    group = line.substring(1, line.length() - 1).strip();
                } else if (group.equals("client") && line.startsWith("password")) {
                    return line.substring(line.indexOf('=') + 1).strip();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(file + " holds no root password");
    }
}
