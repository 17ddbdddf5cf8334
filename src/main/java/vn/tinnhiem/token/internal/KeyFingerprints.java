package vn.tinnhiem.token.internal;

import static vn.tinnhiem.db.Tables.INSTANCE_KEY;
import static vn.tinnhiem.db.Tables.TOKEN;

import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * The fingerprints of the keys every instance on this database must share (table {@code instance_key}). Each
 * statement commits on its own: this runs while the application starts, before any transaction exists.
 */
@Repository
class KeyFingerprints {

    private final DSLContext db;

    KeyFingerprints(DSLContext db) {
        this.db = db;
    }

    /**
     * Whether cards were printed on this database: one made before the fingerprints were kept (V19) has cards
     * but no fingerprint, and a key made now would not be theirs.
     */
    boolean cardsPrinted() {
        return db.fetchExists(TOKEN);
    }

    Optional<byte[]> stored(String name) {
        return db.select(INSTANCE_KEY.FINGERPRINT).from(INSTANCE_KEY).where(INSTANCE_KEY.NAME.eq(name))
                .fetchOptional(INSTANCE_KEY.FINGERPRINT);
    }

    /**
     * Writes the fingerprint if the database holds none yet, then answers the one it holds: of two instances
     * starting at once, the first insert wins and the other reads the winner's. On Galera the loser's insert may
     * fail its certification (1213) instead of being ignored; the row is then there to read all the same.
     */
    byte[] recordIfAbsent(String name, byte[] fingerprint) {
        try {
            db.insertInto(INSTANCE_KEY, INSTANCE_KEY.NAME, INSTANCE_KEY.FINGERPRINT).values(name, fingerprint)
                    .onDuplicateKeyIgnore().execute();
        } catch (org.jooq.exception.DataAccessException | org.springframework.dao.DataAccessException lostTheRace) {
            return stored(name).orElseThrow(() -> lostTheRace);
        }
        return stored(name).orElseThrow(() -> new IllegalStateException("The key's fingerprint was not stored"));
    }
}
