package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.SeededRandom;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.files.FileProblem;
import vn.tinnhiem.shared.i18n.Languages;

/**
 * Files mutated at random (bytes flipped, cut, repeated, hex digits changed, fields moved) are refused with
 * a reason, never with an exception: the readers' inner parts, without the last safety net of
 * {@code read}, let only their own refusals out. A mutated partial decryption is never accepted as
 * another one.
 */
class CountFilesFuzzTests {

    private static OfflineFixtures.Conference conference;
    private static byte[] totals;
    private static PartialDecryption seat2;
    private static byte[] partial;

    @BeforeAll
    static void files() {
        var rng = new SeededRandom("count-files-fuzz");
        conference = OfflineFixtures.conference("42", 2, 3, 5, rng);
        totals = conference.totals().toJsonBytes();
        seat2 = Decryption.partial(conference.ctx(), conference.tally(), conference.dealing().shares().get(1), rng);
        partial = PartialDecryptionFile.write(conference.totals(), seat2);
    }

    @AfterAll
    static void forgetTheKey() {
        conference.dealing().close();
    }

    /** One random change of a kind that a damaged USB stick, a careless edit or an attacker might make. */
    static byte[] mutate(byte[] original, Random r) {
        byte[] b = original.clone();
        int at = r.nextInt(b.length);
        return switch (r.nextInt(8)) {
            case 0 -> {
                b[at] ^= (byte) (1 << r.nextInt(8));
                yield b;
            }
            case 1 -> {
                b[at] = (byte) r.nextInt(256);
                yield b;
            }
            case 2 -> Arrays.copyOf(b, at);
            case 3 -> {
                // A run of bytes deleted.
                int len = Math.min(b.length - at, 1 + r.nextInt(80));
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + len, out, at, b.length - at - len);
                yield out;
            }
            case 4 -> {
                // A run of bytes repeated.
                int len = Math.min(b.length - at, 1 + r.nextInt(80));
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at + len);
                System.arraycopy(b, at, out, at + len, b.length - at);
                yield out;
            }
            case 5 -> {
                // A hex digit changed to another hex digit: the JSON stays valid.
                for (int i = 0; i < b.length; i++) {
                    int j = (at + i) % b.length;
                    if ((b[j] >= '0' && b[j] <= '9') || (b[j] >= 'a' && b[j] <= 'f')) {
                        b[j] = (byte) "0123456789abcdef".charAt(r.nextInt(16));
                        break;
                    }
                }
                yield b;
            }
            case 6 -> {
                // A character that JSON reads differently.
                byte[] specials = "\"\\{}[],:-0e\u0000".getBytes(StandardCharsets.UTF_8);
                b[at] = specials[r.nextInt(specials.length)];
                yield b;
            }
            default -> {
                // A number changed.
                String s = new String(b, StandardCharsets.UTF_8);
                String[] numbers = {"0", "-1", "1e3", "2147483648", "99999999999999999999", "1.5", "null", "true", "\"x\""};
                yield s.replaceFirst(":(\\d+)", ":" + numbers[r.nextInt(numbers.length)]).getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private static Map<String, Integer> fuzz(byte[] original, int runs, long seed, Function<byte[], Object> parse) {
        Random r = new Random(seed);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < runs; i++) {
            byte[] mutated = mutate(original, r);
            if (r.nextInt(4) == 0) {
                mutated = mutate(mutated, r);
            }
            Object outcome = parse.apply(mutated);
            outcomes.merge(outcome instanceof String key ? key : "accepted", 1, Integer::sum);
        }
        return outcomes;
    }

    @Test
    void mutated_totals_files_are_refused_with_a_reason_and_never_throw() {
        Map<String, Integer> outcomes = fuzz(totals, 3000, 1, bytes -> {
            try {
                EncryptedTotalsFile file = EncryptedTotalsFile.parse(bytes);
                // Accepted only if it says exactly what the original says (a change that JSON reads alike).
                assertThat(file.manifest().hash()).isEqualTo(conference.manifest().hash());
                assertThat(file.tally()).isEqualTo(conference.tally());
                return file;
            } catch (FileProblem p) {
                var refused = p.refusal();
                assertThat(refused.message(Languages.VIETNAMESE)).doesNotStartWith("!");
                assertThat(refused.message(Languages.ENGLISH)).doesNotStartWith("!");
                return refused.reasonKey();
            }
        });
        System.out.println("totals file, 3000 mutations: " + outcomes);
        assertThat(outcomes.keySet()).contains("count.file.notJson", "count.file.manifestHash", "count.file.badTallyPoint",
                "count.file.tallyHash", "count.file.badField");
    }

    @Test
    void mutated_partial_decryption_files_are_refused_with_a_reason_and_never_throw() {
        Map<String, Integer> outcomes = fuzz(partial, 1500, 2, bytes -> {
            try {
                PartialDecryption read = PartialDecryptionFile.parse(bytes, "42", conference.manifest(), conference.tally());
                assertThat(read.encode()).isEqualTo(seat2.encode());
                return read;
            } catch (FileProblem p) {
                var refused = p.refusal();
                assertThat(refused.message(Languages.VIETNAMESE)).doesNotStartWith("!");
                assertThat(refused.message(Languages.ENGLISH)).doesNotStartWith("!");
                return refused.reasonKey();
            }
        });
        System.out.println("partial decryption file, 1500 mutations: " + outcomes);
        assertThat(outcomes.keySet()).contains("count.file.notJson", "count.file.BAD_ENCODING", "count.file.WRONG_PROOF",
                "count.file.otherManifest", "count.file.otherTotals");
    }

    @Test
    void the_public_readers_answer_every_mutation_too() {
        Random r = new Random(3);
        for (int i = 0; i < 300; i++) {
            assertThat(EncryptedTotalsFile.read(mutate(totals, r))).isNotNull();
            assertThat(PartialDecryptionFile.read(mutate(partial, r), ElectionId.of(42), conference.manifest(), conference.tally()))
                    .isNotNull();
        }
    }
}
