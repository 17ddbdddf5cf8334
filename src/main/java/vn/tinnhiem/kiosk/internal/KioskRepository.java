package vn.tinnhiem.kiosk.internal;

import static vn.tinnhiem.db.Tables.KIOSK;

import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.kiosk.Kiosk;
import vn.tinnhiem.kiosk.KioskStatus;
import vn.tinnhiem.shared.ElectionId;

/** The kiosk table. Secrets reach it only as SHA-256 hashes. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class KioskRepository {

    private final DSLContext db;

    KioskRepository(DSLContext db) {
        this.db = db;
    }

    public Kiosk insert(ElectionId electionId, String name, byte[] enrollmentHash) {
        byte[] id = Secrets.newId();
        db.insertInto(KIOSK).set(KIOSK.ID, id).set(KIOSK.ELECTION_ID, electionId.value()).set(KIOSK.NAME, name)
                .set(KIOSK.STATUS, KioskStatus.PENDING.name()).set(KIOSK.ENROLLMENT_HASH, enrollmentHash).execute();
        return new Kiosk(Secrets.hex(id), name, electionId, KioskStatus.PENDING);
    }

    /** Every tablet, by name (the key is random, so there is no other order). */
    public List<Kiosk> all() {
        return db.selectFrom(KIOSK).orderBy(KIOSK.NAME).fetch(KioskRepository::toKiosk);
    }

    public Optional<Kiosk> lock(String id) {
        return db.selectFrom(KIOSK).where(KIOSK.ID.eq(Secrets.unhex(id))).forUpdate().fetchOptional(KioskRepository::toKiosk);
    }

    public Optional<Kiosk> lockByEnrollmentHash(byte[] hash) {
        return db.selectFrom(KIOSK).where(KIOSK.ENROLLMENT_HASH.eq(hash)).forUpdate().fetchOptional(KioskRepository::toKiosk);
    }

    public Optional<Kiosk> findByCredentialHash(byte[] hash) {
        return db.selectFrom(KIOSK).where(KIOSK.CREDENTIAL_HASH.eq(hash)).fetchOptional(KioskRepository::toKiosk);
    }

    public void enroll(String id, byte[] credentialHash) {
        db.update(KIOSK).set(KIOSK.STATUS, KioskStatus.ACTIVE.name()).set(KIOSK.CREDENTIAL_HASH, credentialHash)
                .where(KIOSK.ID.eq(Secrets.unhex(id))).execute();
    }

    public void newEnrollmentHash(String id, byte[] enrollmentHash) {
        db.update(KIOSK).set(KIOSK.ENROLLMENT_HASH, enrollmentHash).where(KIOSK.ID.eq(Secrets.unhex(id))).execute();
    }

    public void rename(String id, String name) {
        db.update(KIOSK).set(KIOSK.NAME, name).where(KIOSK.ID.eq(Secrets.unhex(id))).execute();
    }

    public void revoke(String id) {
        db.update(KIOSK).set(KIOSK.STATUS, KioskStatus.REVOKED.name()).where(KIOSK.ID.eq(Secrets.unhex(id))).execute();
    }

    private static Kiosk toKiosk(Record r) {
        return new Kiosk(Secrets.hex(r.get(KIOSK.ID)), r.get(KIOSK.NAME), ElectionId.of(r.get(KIOSK.ELECTION_ID)),
                KioskStatus.valueOf(r.get(KIOSK.STATUS)));
    }
}
