package vn.tinnhiem.token.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tinnhiem.db.Tables.INSTANCE_KEY;
import static vn.tinnhiem.db.Tables.TOKEN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/**
 * The voting cards' key against the fingerprint the database holds, on the real database: what a second
 * instance's start does with its key file. Each {@code new TokenKey(...)} here is what an instance's start does.
 */
@IntegrationTest
class TokenKeyIntegrationTests {

    @Autowired
    TokenKey key;
    @Autowired
    KeyFingerprints fingerprints;
    @Autowired
    DSLContext db;
    @Autowired
    Elections elections;
    @Value("${tinnhiem.db.data-dir}")
    String dataDir;

    @TempDir
    Path temp;

    @AfterEach
    void theRunsKeyIsTheDatabasesAgain() {
        db.deleteFrom(INSTANCE_KEY).execute();
        db.insertInto(INSTANCE_KEY, INSTANCE_KEY.NAME, INSTANCE_KEY.FINGERPRINT).values(TokenKey.NAME, key.fingerprint())
                .execute();
    }

    @Test
    void the_database_holds_the_running_keys_fingerprint_and_neither_the_key_nor_anything_a_card_hashes_to() throws Exception {
        byte[] stored = fingerprints.stored(TokenKey.NAME).orElseThrow();
        byte[] file = Files.readAllBytes(key.path());

        assertThat(stored).hasSize(32).isEqualTo(key.fingerprint()).isNotEqualTo(file);
        assertThat(stored).isNotEqualTo(key.hash(new byte[16]));
    }

    /**
     * Each machine brings a key of its own (made at an earlier start elsewhere, or by hand): the shared database
     * may hold cards of other tests, and an instance with no key file is refused there before any race.
     */
    @Test
    void of_two_instances_starting_at_once_with_keys_of_their_own_one_wins_and_the_other_refuses()
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                db.deleteFrom(INSTANCE_KEY).execute();
                CyclicBarrier together = new CyclicBarrier(2);
                List<Path> files = List.of(temp.resolve(round + "/a/token-hash.key"), temp.resolve(round + "/b/token-hash.key"));
                for (Path file : files) {
                    Files.createDirectories(file.getParent());
                    byte[] own = new byte[TokenKey.KEY_BYTES];
                    new java.security.SecureRandom().nextBytes(own);
                    Files.write(file, own);
                }
                List<Future<TokenKey>> starts = new ArrayList<>();
                for (Path file : files) {
                    starts.add(pool.submit(() -> {
                        together.await();
                        return new TokenKey(file.toString(), dataDir, fingerprints);
                    }));
                }
                List<TokenKey> started = new ArrayList<>();
                List<Throwable> refused = new ArrayList<>();
                for (Future<TokenKey> start : starts) {
                    try {
                        started.add(start.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        refused.add(e.getCause());
                    }
                }

                assertThat(started).as("round %d", round).hasSize(1);
                assertThat(refused).as("round %d", round).hasSize(1);
                assertThat(refused.getFirst()).isInstanceOf(TokenKeyRefusedException.class)
                        .hasMessageContaining("is not the key this database was set up with");
                TokenKey winner = started.getFirst();
                assertThat(fingerprints.stored(TokenKey.NAME)).get().isEqualTo(winner.fingerprint());
                assertThat(files).as("round %d: the operator's files are left alone", round).allMatch(Files::exists);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_instance_without_a_key_file_refuses_when_the_database_names_a_key_and_makes_none() {
        Path absent = temp.resolve("new-machine/token-hash.key");

        assertThatThrownBy(() -> new TokenKey(absent.toString(), dataDir, fingerprints))
                .isInstanceOf(TokenKeyRefusedException.class)
                .hasMessageContaining("Không có khóa thẻ bỏ phiếu tại " + absent)
                .hasMessageContaining("Copy token-hash.key from the keys folder")
                .hasMessageContaining("tinnhiem.tokens.key-file");
        assertThat(absent).doesNotExist();
    }

    @Test
    void on_a_database_with_cards_printed_before_fingerprints_were_kept_no_new_key_is_made() {
        ElectionId conference;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            conference = elections.create(new ElectionDetails("Hội nghị trước V19", "UBND xã", "Hội trường",
                    LocalDateTime.of(2026, 12, 22, 8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
        }
        byte[] printedEarlier = new byte[32];
        new java.security.SecureRandom().nextBytes(printedEarlier);
        db.insertInto(TOKEN, TOKEN.ELECTION_ID, TOKEN.TOKEN_HASH, TOKEN.STATE)
                .values(conference.value(), printedEarlier, TokenRepository.PRINTED).execute();
        db.deleteFrom(INSTANCE_KEY).execute();
        Path absent = temp.resolve("upgraded/token-hash.key");
        try {
            assertThatThrownBy(() -> new TokenKey(absent.toString(), dataDir, fingerprints))
                    .isInstanceOf(TokenKeyRefusedException.class).hasMessageContaining("or cards printed under it");
            assertThat(absent).doesNotExist();
        } finally {
            db.deleteFrom(TOKEN).where(TOKEN.TOKEN_HASH.eq(printedEarlier)).execute();
        }
    }

    @Test
    void a_copy_of_the_key_starts_and_hashes_every_card_as_the_first_instance_does() throws Exception {
        Path copy = Files.createDirectories(temp.resolve("standby")).resolve("token-hash.key");
        Files.copy(key.path(), copy);

        TokenKey standby = new TokenKey(copy.toString(), dataDir, fingerprints);

        byte[] token = "a card's sixteen".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(standby.hash(token)).isEqualTo(key.hash(token));
    }
}
