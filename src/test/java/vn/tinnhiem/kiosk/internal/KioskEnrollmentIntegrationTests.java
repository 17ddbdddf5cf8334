package vn.tinnhiem.kiosk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.kiosk.Enrollment;
import vn.tinnhiem.kiosk.EnrollmentCode;
import vn.tinnhiem.kiosk.KioskConferences;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.kiosk.KioskStatus;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.files.Sha256;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/** Enrollment codes and kiosk credentials on the real database: single use, expiry, hashes only, revocation. */
@IntegrationTest
class KioskEnrollmentIntegrationTests {

    @Autowired
    KioskService kiosks;
    @Autowired
    KioskMemory memory;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    AuditLog audit;
    @Autowired
    DSLContext db;

    private EnrollmentCode added(String name) {
        ElectionId conference = KioskConferences.ready(elections, accounts, "Hội nghị máy " + name);
        try (var admin = Acting.as("organiser", "ADMIN")) {
            return kiosks.add(name, conference);
        }
    }

    private static void refusedWith(Runnable call, String key) {
        assertThatThrownBy(call::run).isInstanceOf(UserFacingException.class)
                .satisfies(e -> assertThat(((UserFacingException) e).key()).isEqualTo(key));
    }

    @Test
    void an_enrollment_code_works_once_and_a_second_use_is_told_it_was_used() {
        EnrollmentCode code = added("Bàn một lần");
        assertThat(code.code()).hasSize(26).matches("[a-z2-7]+");
        Enrollment first = kiosks.enroll(code.code());
        assertThat(first.kiosk().status()).isEqualTo(KioskStatus.ACTIVE);
        assertThat(kiosks.current(first.credential())).map(k -> k.name()).contains("Bàn một lần");

        refusedWith(() -> kiosks.enroll(code.code()), "kiosk.enroll.used");
        // Typed by a person: capitals and spaces change nothing.
        refusedWith(() -> kiosks.enroll(code.code().toUpperCase().substring(0, 13) + " " + code.code().substring(13)),
                "kiosk.enroll.used");
        refusedWith(() -> kiosks.enroll("a".repeat(26)), "kiosk.enroll.unknown");
        refusedWith(() -> kiosks.enroll(""), "kiosk.enroll.unknown");
        // The first tablet still works; the refused attempts made no second kiosk.
        assertThat(kiosks.current(first.credential())).isPresent();
        try (var admin = Acting.as("organiser", "ADMIN")) {
            assertThat(kiosks.list()).filteredOn(s -> s.kiosk().name().equals("Bàn một lần")).hasSize(1);
        }
    }

    @Test
    void an_enrollment_code_expires_after_ten_minutes_and_a_new_code_replaces_it() {
        EnrollmentCode code = added("Bàn hết hạn");
        Clock real = memory.clock();
        try {
            memory.useClock(Clock.offset(real, Duration.ofMinutes(9)));
            EnrollmentCode stillValid = added("Bàn còn hạn");
            memory.useClock(Clock.offset(real, Duration.ofMinutes(11)));
            refusedWith(() -> kiosks.enroll(code.code()), "kiosk.enroll.expired");
            // Made two minutes after the first, at nine: still valid at eleven.
            assertThat(kiosks.enroll(stillValid.code()).kiosk().status()).isEqualTo(KioskStatus.ACTIVE);

            EnrollmentCode renewed;
            try (var admin = Acting.as("organiser", "ADMIN")) {
                renewed = kiosks.newCode(code.kiosk().id());
            }
            refusedWith(() -> kiosks.enroll(code.code()), "kiosk.enroll.unknown");
            assertThat(kiosks.enroll(renewed.code()).kiosk().id()).isEqualTo(code.kiosk().id());
        } finally {
            memory.useClock(real);
        }
    }

    @Test
    void the_code_and_the_credential_are_stored_only_as_their_hashes() {
        EnrollmentCode code = added("Bàn băm");
        Enrollment enrolled = kiosks.enroll(code.code());
        var row = db.fetchOne("SELECT * FROM kiosk WHERE id = UNHEX(?)", code.kiosk().id());
        assertThat(row).isNotNull();
        assertThat((byte[]) row.get("enrollment_hash")).isEqualTo(Sha256.of(code.code()));
        assertThat((byte[]) row.get("credential_hash")).isEqualTo(Sha256.of(enrolled.credential()));
        assertThat(enrolled.credential()).hasSize(43);
        // No column holds either secret, as text or as bytes.
        for (int i = 0; i < row.size(); i++) {
            Object value = row.get(i);
            String text = value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                    + HexFormat.of().formatHex(bytes) : String.valueOf(value);
            assertThat(text).doesNotContain(code.code(), enrolled.credential());
        }
        assertThat(enrolled.toString()).doesNotContain(enrolled.credential());
        try (var admin = Acting.as("organiser", "ADMIN")) {
            assertThat(audit.newest(20)).allSatisfy(e -> assertThat(e.details()).doesNotContain(code.code(),
                    enrolled.credential()));
        }
    }

    @Test
    void revoking_ends_the_kiosk_at_its_next_request_and_voids_an_unused_code() {
        EnrollmentCode code = added("Bàn thu hồi");
        Enrollment enrolled = kiosks.enroll(code.code());
        assertThat(kiosks.current(enrolled.credential())).isPresent();
        EnrollmentCode unused = added("Bàn chưa đăng ký");
        try (var admin = Acting.as("organiser", "ADMIN")) {
            kiosks.revoke(code.kiosk().id());
            kiosks.revoke(unused.kiosk().id());
        }
        assertThat(kiosks.current(enrolled.credential())).isEmpty();
        assertThat(kiosks.lookup(enrolled.credential())).map(k -> k.status()).contains(KioskStatus.REVOKED);
        refusedWith(() -> kiosks.enroll(unused.code()), "kiosk.enroll.revoked");
        try (var admin = Acting.as("organiser", "ADMIN")) {
            assertThat(audit.newest(30)).extracting(e -> e.action()).contains("kiosk.revoke", "kiosk.enroll", "kiosk.add");
        }
    }

    @Test
    void only_an_administrator_adds_renames_or_revokes_and_only_for_a_ready_or_open_conference() {
        ElectionId conference = KioskConferences.ready(elections, accounts, "Hội nghị quyền");
        try (var teller = Acting.as("teller", "TELLER")) {
            assertThatThrownBy(() -> kiosks.add("Bàn 9", conference)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> kiosks.list()).isInstanceOf(AccessDeniedException.class);
        }
        try (var admin = Acting.as("organiser", "ADMIN")) {
            ElectionId draft = elections.elections().create(elections.elections().find(conference).orElseThrow().details());
            refusedWith(() -> kiosks.add("Bàn 9", draft), "kiosk.error.conference");
            refusedWith(() -> kiosks.add("  ", conference), "kiosk.error.name");
            EnrollmentCode code = kiosks.add("  Bàn 9  ", conference);
            assertThat(code.kiosk().name()).isEqualTo("Bàn 9");
            kiosks.rename(code.kiosk().id(), "Bàn 10");
            assertThat(kiosks.list()).extracting(s -> s.kiosk().name()).contains("Bàn 10").doesNotContain("Bàn 9");
            assertThat(kiosks.conferencesToEnrollFor()).extracting(e -> e.id()).contains(conference).doesNotContain(draft);
        }
    }

    @Test
    void the_last_contact_is_the_heartbeat_s_minute_in_memory_and_the_kiosk_table_has_no_time() {
        EnrollmentCode code = added("Bàn liên lạc");
        Enrollment enrolled = kiosks.enroll(code.code());
        kiosks.touch(enrolled.kiosk().id());
        try (var admin = Acting.as("organiser", "ADMIN")) {
            var summary = kiosks.list().stream().filter(s -> s.kiosk().id().equals(enrolled.kiosk().id())).findFirst()
                    .orElseThrow();
            assertThat(summary.lastContact()).isPresent();
            assertThat(summary.lastContact().get().getEpochSecond() % 60).isZero();
        }
        List<String> types = db.fetch("""
                SELECT data_type FROM information_schema.columns
                WHERE table_schema = DATABASE() AND table_name LIKE 'kiosk%'""").getValues(0, String.class);
        assertThat(types).isNotEmpty().noneMatch(t -> List.of("date", "datetime", "timestamp", "time", "year")
                .contains(t.toLowerCase()));
    }
}
