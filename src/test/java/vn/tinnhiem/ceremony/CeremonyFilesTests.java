package vn.tinnhiem.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import vn.tinnhiem.crypto.Ceremony;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.Point;
import vn.tinnhiem.shared.files.FileResult;
import vn.tinnhiem.shared.i18n.Languages;

/**
 * The two files the offline ceremony exchanges with the server: the request goes out, the public key
 * file comes back. Both read back exactly what was written; anything else is refused with a reason a
 * person can read, never an exception.
 */
class CeremonyFilesTests {

    private static final SecureRandom RNG = new SecureRandom();

    /** A made ceremony: the request, its manifest and the key file the laptop writes. */
    private record Made(CeremonyRequest request, Manifest manifest, ElectionKeyFile file) {
    }

    private static Made made(int k, int n) {
        CeremonyRequest r = Requests.of(k, n);
        try (Ceremony.Dealing d = Ceremony.deal(k, n, RNG)) {
            Manifest m = r.manifest(d.electionKey(), d.commitments());
            return new Made(r, m, ElectionKeyFile.of(m));
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Asserts a refusal with this key whose message exists in both languages. */
    private static void assertRefused(FileResult<?> parsed, String key) {
        assertThat(parsed).isInstanceOf(FileResult.Refused.class);
        var refused = (FileResult.Refused<?>) parsed;
        assertThat(refused.reasonKey()).isEqualTo(key);
        String vi = refused.message(Languages.VIETNAMESE);
        String en = refused.message(Languages.ENGLISH);
        assertThat(vi).doesNotStartWith("!").isNotEqualTo(en);
        assertThat(en).doesNotStartWith("!");
    }

    private static <T> T ok(FileResult<T> parsed) {
        assertThat(parsed).isInstanceOf(FileResult.Ok.class);
        return ((FileResult.Ok<T>) parsed).value();
    }

    // The request.

    @Test
    void a_request_reads_back_as_written_and_its_json_is_canonical() {
        CeremonyRequest r = Requests.of(2, 3);
        String json = r.toJson();
        assertThat(json).startsWith("{\"format\":\"tinnhiem-ceremony-request/1\",\"electionId\":\"42\",\"title\":")
                .contains("\"startsAt\":\"2026-12-01T08:00\",\"kind\":\"THREE_LEVEL\",\"ruleSet\":\"QD_96_2023\"")
                .contains("{\"id\":\"7\",\"order\":1,\"name\":\"Nguyễn Văn An\",")
                .contains("\"k\":2,\"n\":3,\"tellers\":[{\"seat\":1,\"name\":\"Trần Văn Khải\",\"head\":true}")
                .doesNotContain(" \"", "\n");
        CeremonyRequest back = ok(CeremonyRequest.parse(utf8(json)));
        assertThat(back).isEqualTo(r);
        assertThat(back.toJson()).isEqualTo(json);
        // Pretty-printed or reordered by hand, it is the same request.
        String reordered = "{ \"n\": 3, \"k\": 2,\n" + json.substring(1).replace(",\"k\":2,\"n\":3", "");
        assertThat(ok(CeremonyRequest.parse(utf8(reordered)))).isEqualTo(r);
    }

    @Test
    void a_request_that_no_ceremony_could_run_on_is_refused_with_its_reason() {
        String json = Requests.of(2, 3).toJson();
        assertRefused(CeremonyRequest.parse(utf8(json.replace("ceremony-request/1", "ceremony-request/2"))),
                "ceremony.file.notARequest");
        assertRefused(CeremonyRequest.parse(utf8(made(2, 3).file().toJson())), "ceremony.file.notARequest");
        assertRefused(CeremonyRequest.parse(utf8(json.replace("\"k\":2", "\"k\":4"))), "ceremony.file.badThreshold");
        assertRefused(CeremonyRequest.parse(utf8(json.replace("\"k\":2", "\"k\":0"))), "ceremony.file.badThreshold");
        assertRefused(CeremonyRequest.parse(utf8(json.replace("\"k\":2", "\"k\":\"2\""))), "ceremony.file.badField");
        assertRefused(CeremonyRequest.parse(utf8(json.replace("\"n\":3", "\"n\":4"))), "ceremony.file.badTellers");
        assertRefused(CeremonyRequest.parse(utf8(json.replace("\"seat\":2", "\"seat\":3"))), "ceremony.file.badTellers");
        assertRefused(CeremonyRequest.parse(utf8(json.replace("\"head\":false", "\"head\":true"))),
                "ceremony.file.badTellers");
        assertRefused(CeremonyRequest.parse(utf8(json.replace("\"id\":\"8\"", "\"id\":\"7\""))),
                "ceremony.file.badCandidates");
        assertRefused(CeremonyRequest.parse(utf8(json.replace("\"order\":2", "\"order\":5"))),
                "ceremony.file.badCandidates");
        assertRefused(CeremonyRequest.parse(utf8(json.replace("2026-12-01T08:00", "01/12/2026"))),
                "ceremony.file.badField");
        assertRefused(CeremonyRequest.parse(utf8(json.replace("THREE_LEVEL", "FOUR_LEVEL"))), "ceremony.file.badField");
        assertRefused(CeremonyRequest.parse(utf8(json.replace("\"place\":", "\"plaice\":"))), "ceremony.file.badField");
        assertRefused(CeremonyRequest.parse(utf8(json.replace("{\"format\"", "{\"k\":2,\"format\""))),
                "ceremony.file.notJson");
        assertRefused(CeremonyRequest.parse(utf8(json + "{}")), "ceremony.file.notJson");
        assertRefused(CeremonyRequest.parse(utf8(json.substring(0, json.length() / 2))), "ceremony.file.notJson");
        assertRefused(CeremonyRequest.parse(new byte[0]), "ceremony.file.notJson");
        assertRefused(CeremonyRequest.parse(utf8("[1,2,3]")), "ceremony.file.notJson");
        assertRefused(CeremonyRequest.parse(new byte[11 * 1024 * 1024]), "ceremony.file.tooLarge");
    }

    // The election key file.

    @Test
    void a_key_file_reads_back_as_written_and_matches_the_manifest_it_was_made_for() {
        Made made = made(2, 3);
        String json = made.file().toJson();
        assertThat(json).isEqualTo("{\"format\":\"tinnhiem-election-key/1\",\"electionId\":\"42\",\"k\":2,\"n\":3"
                + ",\"electionKey\":\"" + made.manifest().electionKey().toHex() + "\",\"commitments\":[\""
                + made.manifest().commitments().get(0).toHex() + "\",\"" + made.manifest().commitments().get(1).toHex()
                + "\"],\"manifestHash\":\"" + made.manifest().hashHex() + "\"}");
        ElectionKeyFile back = ok(ElectionKeyFile.parse(utf8(json)));
        assertThat(back).isEqualTo(made.file());
        // The server rebuilds its own manifest with the file's key and commitments: the hashes agree.
        Manifest server = made.request().manifest(back.electionKey(), back.commitments());
        assertThat(back.against(server)).isEqualTo(new FileResult.Ok<>(back));
        assertThat(back.refusalAgainst(server)).isEmpty();
        // The widest board: 255 seats, threshold 255.
        Made widest = made(255, 255);
        assertThat(ok(ElectionKeyFile.parse(widest.file().toJsonBytes()))).isEqualTo(widest.file());
    }

    @Test
    void a_mutated_key_file_is_refused_with_its_reason() {
        Made made = made(2, 3);
        String json = made.file().toJson();
        String key = made.manifest().electionKey().toHex();
        String c1 = made.manifest().commitments().get(1).toHex();
        Function<String, FileResult<ElectionKeyFile>> parse = s -> ElectionKeyFile.parse(utf8(s));

        assertRefused(parse.apply(json.replace("election-key/1", "election-key/2")), "ceremony.file.notAKeyFile");
        assertRefused(parse.apply(json.replace("\"format\":\"tinnhiem-election-key/1\",", "")),
                "ceremony.file.notAKeyFile");
        assertRefused(parse.apply(made.request().toJson()), "ceremony.file.notAKeyFile");
        assertRefused(parse.apply(json.replace("\"k\":2,\"n\":3", "\"k\":3,\"n\":2")), "ceremony.file.badThreshold");
        assertRefused(parse.apply(json.replace("\"n\":3", "\"n\":256")), "ceremony.file.badThreshold");
        assertRefused(parse.apply(json.replace("\"k\":2", "\"k\":1")), "ceremony.file.commitmentCount");
        assertRefused(parse.apply(json.replace("\"n\":3", "\"n\":3.5")), "ceremony.file.badField");
        assertRefused(parse.apply(json.replace("\"electionId\":\"42\"", "\"electionId\":42")), "ceremony.file.badField");
        assertRefused(parse.apply(json.replace(",\"manifestHash\"", ",\"hash\"")), "ceremony.file.badField");
        assertRefused(parse.apply(json.replace("\"" + c1 + "\"", "7")), "ceremony.file.badField");
        // A point off the curve, one not in compressed form, and one in upper case.
        assertRefused(parse.apply(json.replace(c1, offTheCurve(c1))), "ceremony.file.badPoint");
        assertRefused(parse.apply(json.replace(c1, "04" + c1.substring(2))), "ceremony.file.badPoint");
        assertRefused(parse.apply(json.replace(c1, c1.toUpperCase())), "ceremony.file.badPoint");
        assertRefused(parse.apply(json.replace("\"electionKey\":\"" + key, "\"electionKey\":\"" + offTheCurve(key))),
                "ceremony.file.badPoint");
        // C_0 must be K.
        assertRefused(parse.apply(json.replace("\"electionKey\":\"" + key, "\"electionKey\":\"" + c1)),
                "ceremony.file.keyMismatch");
        assertRefused(parse.apply(json.replace("\"" + key + "\",\"" + c1 + "\"", "\"" + c1 + "\",\"" + key + "\"")),
                "ceremony.file.keyMismatch");
        String hash = made.manifest().hashHex();
        assertRefused(parse.apply(json.replace(hash, hash.toUpperCase())), "ceremony.file.badHash");
        assertRefused(parse.apply(json.replace(hash, hash.substring(2))), "ceremony.file.badHash");
        // Damaged files.
        assertRefused(parse.apply(json.substring(0, json.length() - 3)), "ceremony.file.notJson");
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        assertRefused(ElectionKeyFile.parse(noise), "ceremony.file.notJson");
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        byte[] body = made.file().toJsonBytes();
        System.arraycopy(body, 0, huge, 0, body.length);
        assertRefused(ElectionKeyFile.parse(huge), "ceremony.file.tooLarge");
    }

    @Test
    void a_key_file_made_for_another_conference_board_or_list_is_refused_on_import() {
        Made made = made(2, 3);
        ElectionKeyFile file = made.file();
        CeremonyRequest r = made.request();

        // Another conference.
        var other = new CeremonyRequest("43", r.title(), r.body(), r.place(), r.startsAt(), r.kind(), r.ruleSet(),
                r.candidates(), r.k(), r.n(), r.tellers());
        assertRefused(file.against(other.manifest(file.electionKey(), file.commitments())),
                "ceremony.file.otherElection");
        // Another board: the server has four seats.
        var fourSeats = new ArrayList<>(r.tellers());
        fourSeats.add(new CeremonyRequest.Seat(4, "Bùi Thị Thu", false));
        var wider = new CeremonyRequest(r.electionId(), r.title(), r.body(), r.place(), r.startsAt(), r.kind(),
                r.ruleSet(), r.candidates(), r.k(), 4, fourSeats);
        var refusal = file.refusalAgainst(wider.manifest(file.electionKey(), file.commitments()));
        assertThat(refusal).isPresent();
        assertRefused(refusal.get(), "ceremony.file.boardMismatch");
        assertThat(refusal.get().message(Languages.VIETNAMESE)).contains("2 trong 3", "2 trong 4");
        // A candidate's name changed on the server after the request was exported.
        var renamed = new ArrayList<>(r.candidates());
        var first = renamed.get(0);
        renamed.set(0, new Manifest.Candidate(first.id(), first.order(), "Nguyễn Văn Ân", first.position()));
        var changed = new CeremonyRequest(r.electionId(), r.title(), r.body(), r.place(), r.startsAt(), r.kind(),
                r.ruleSet(), renamed, r.k(), r.n(), r.tellers());
        assertRefused(file.against(changed.manifest(file.electionKey(), file.commitments())),
                "ceremony.file.hashMismatch");
        // The server's manifest with another key (another ceremony's file).
        Made again = made(2, 3);
        assertRefused(file.against(again.manifest()), "ceremony.file.keyMismatch");
    }

    @Test
    void fuzzed_files_are_refused_never_thrown() {
        var random = new Random(42);
        byte[] key = made(2, 3).file().toJsonBytes();
        byte[] request = Requests.of(2, 3).toJsonBytes();
        for (int i = 0; i < 3000; i++) {
            byte[] k = key.clone();
            byte[] r = request.clone();
            for (int j = 0; j < 1 + random.nextInt(4); j++) {
                k[random.nextInt(k.length)] = (byte) random.nextInt(256);
                r[random.nextInt(r.length)] = (byte) random.nextInt(256);
            }
            assertThat(ElectionKeyFile.parse(Arrays.copyOf(k, random.nextInt(k.length + 1)))).isNotNull();
            assertThat(ElectionKeyFile.parse(k)).isNotNull();
            assertThat(CeremonyRequest.parse(r)).isNotNull();
        }
    }

    // The passphrase rule.

    @Test
    void a_card_passphrase_needs_twelve_characters_that_are_not_all_spaces() {
        assertThat(CardPassphrase.MIN_LENGTH).isEqualTo(12);
        assertThat(CardPassphrase.problem(new char[0])).contains("ceremony.passphrase.blank");
        assertThat(CardPassphrase.problem("              ".toCharArray())).contains("ceremony.passphrase.blank");
        assertThat(CardPassphrase.problem("hoa sen nở".toCharArray())).contains("ceremony.passphrase.tooShort");
        assertThat(CardPassphrase.problem("hoa sen nở 1".toCharArray())).isEmpty();
        // "ở" typed as o + two combining marks is still one letter.
        assertThat(CardPassphrase.problem("hoa sen no\u031b\u0309 1".toCharArray())).isEmpty();
        assertThat(CardPassphrase.problem("hoa sen no\u031b\u0309".toCharArray())).contains("ceremony.passphrase.tooShort");
        for (String k : List.of("ceremony.passphrase.blank", "ceremony.passphrase.tooShort")) {
            assertRefused(new FileResult.Refused<>(k, CardPassphrase.MIN_LENGTH), k);
        }
    }

    // The fingerprint.

    @Test
    void the_fingerprint_is_eight_groups_of_four_digits_and_differs_between_keys() {
        Made a = made(2, 3);
        Made b = made(2, 3);
        String fa = KeyFingerprint.of(a.manifest().electionKey());
        assertThat(fa).matches("\\d{4}( \\d{4}){7}");
        assertThat(KeyFingerprint.of(Point.fromHex(a.manifest().electionKey().toHex()))).isEqualTo(fa);
        assertThat(KeyFingerprint.of(b.manifest().electionKey())).isNotEqualTo(fa);
        // Known answer for the generator G: tagged SHA-256 of its compressed form, mod 10^32, in groups.
        assertThat(KeyFingerprint.of(Point.G)).isEqualTo(fingerprintOfG());
    }

    private static String fingerprintOfG() {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] tag = "TN1/fingerprint".getBytes(StandardCharsets.US_ASCII);
            byte[] g = Point.G.encode();
            md.update(new byte[] {0, 0, 0, (byte) tag.length});
            md.update(tag);
            md.update(new byte[] {0, 0, 0, (byte) g.length});
            md.update(g);
            String digits = String.format("%032d",
                    new java.math.BigInteger(1, md.digest()).mod(java.math.BigInteger.TEN.pow(32)));
            return String.join(" ", digits.split("(?<=\\G.{4})"));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The same x with another last byte, changed until no point of the curve has it. */
    private static String offTheCurve(String hex) {
        for (int b = 0; b < 256; b++) {
            String candidate = hex.substring(0, hex.length() - 2) + String.format("%02x", b);
            try {
                Point.fromHex(candidate);
            } catch (IllegalArgumentException e) {
                return candidate;
            }
        }
        throw new AssertionError("no x off the curve near " + hex);
    }
}
