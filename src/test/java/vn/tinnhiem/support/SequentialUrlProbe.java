package vn.tinnhiem.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;

/**
 * Test-only, run in a JVM of its own by {@link ClusterNodes#portOfFreshJvm}: where a connection through the URL
 * lands for a process that has never seen a node fail (Connector/J keeps failed hosts aside per JVM, so only a
 * fresh JVM shows what a newly started application instance gets). Prints the server's port.
 */
public final class SequentialUrlProbe {

    private SequentialUrlProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            System.out.println("PORT " + port(c));
        }
    }

    private static int port(Connection c) throws Exception {
        try {
            return query(c);
        } catch (SQLTransientConnectionException e) {
            // The node refused the statement and the driver moved to the next node: asked again, it answers there.
            return query(c);
        }
    }

    private static int query(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select @@port")) {
            r.next();
            return r.getInt(1);
        }
    }
}
