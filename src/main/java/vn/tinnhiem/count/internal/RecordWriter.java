package vn.tinnhiem.count.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.Json;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.SealedBallot;

/**
 * Writes the election record (docs/protocol.md 10.2) as canonical JSON, streamed: the same stored data
 * always gives the same bytes, so the record hash printed in the minutes names exactly this file.
 */
public final class RecordWriter {

    /**
     * Everything the record holds, read from the count's tables and the ballot box. {@code closeEntry} is the
     * audit entry {@code count.closed} (docs/protocol.md 10.2, "closing"); without it the closing block has no
     * {@code auditSeq} and {@code auditHash}.
     */
    public record Content(Manifest manifest, String body, String place, LocalDateTime startsAt,
            CountRepository.Closing closing, int stored, List<SealedBallot> counted, int spentCards,
            List<Copy> copies, List<SetAside> setAside, List<Checked> checked, @Nullable EncryptedTally tally,
            List<CountRepository.PartialRow> partials, String resultsJson, @Nullable CloseEntry closeEntry) {
    }

    /** The close's audit entry: its sequence number in the conference's chain and its entry hash (64 hex). */
    public record CloseEntry(long seq, String hash) {}

    /**
     * A stored row not counted because it repeats a counted ballot. The record names it by its bytes (id
     * [5, 21) and the tracking code of the bytes), not by {@code id} and {@code trackingCode} as stored, which
     * a row changed in the database may contradict: only what its bytes give can be checked.
     */
    public record Copy(String id, String trackingCode, byte[] sealed, String copyOf) {}

    /** A stored row that fails verification; named in the record by its bytes, as {@link Copy}. */
    public record SetAside(String id, String trackingCode, byte[] sealed, List<String> reasons) {}

    /**
     * A ballot a voter or a supervisor used to check a tablet (docs/protocol.md 5.6, 10.2 "checked"): the sealed
     * ballot as committed and the opening the tablet revealed; never counted. The record names it by its bytes and
     * lists the choices the opening reveals, so that anyone can compare them with what was marked.
     */
    public record Checked(byte[] sealed, byte[] opening) {}

    private RecordWriter() {}

    public static void write(Content c, OutputStream out) {
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write("{\"format\":\"tinnhiem-election-record/1\",\"manifest\":");
            w.write(c.manifest().toJson());
            w.write(",\"conference\":{\"body\":" + string(c.body()) + ",\"place\":" + string(c.place())
                    + ",\"startsAt\":" + string(c.startsAt().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")))
                    + "}");
            CountRepository.Closing cl = c.closing();
            boolean quorum = cl.summoned() > 0 && 3L * cl.present() >= 2L * cl.summoned();
            w.write(",\"closing\":{\"summoned\":" + cl.summoned() + ",\"present\":" + cl.present() + ",\"quorumMet\":"
                    + quorum + ",\"cardsActivated\":" + cl.cardsActivated() + ",\"cardsSpent\":" + cl.cardsSpent()
                    + ",\"cardsUnspent\":" + cl.cardsUnspent() + ",\"cardsVoided\":" + cl.cardsVoided()
                    + (c.closeEntry() == null ? "" : ",\"auditSeq\":" + c.closeEntry().seq() + ",\"auditHash\":"
                            + string(c.closeEntry().hash()))
                    + "}");
            int n = c.counted().size();
            w.write(",\"box\":{\"stored\":" + c.stored() + ",\"counted\":" + n + ",\"spentCards\":" + c.spentCards()
                    + ",\"difference\":" + (n - c.spentCards()) + "}");
            w.write(",\"ballots\":[");
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    w.write(',');
                }
                w.write(c.counted().get(i).toJson());
            }
            w.write("],\"copies\":[");
            for (int i = 0; i < c.copies().size(); i++) {
                Copy x = c.copies().get(i);
                SealedBallot b = SealedBallot.of(x.sealed());
                w.write((i > 0 ? "," : "") + "{\"id\":" + string(b.id()) + ",\"trackingCode\":" + string(b.trackingCode())
                        + ",\"sealed\":\"" + HexFormat.of().formatHex(x.sealed()) + "\",\"copyOf\":" + string(x.copyOf())
                        + "}");
            }
            w.write("],\"setAside\":[");
            for (int i = 0; i < c.setAside().size(); i++) {
                SetAside x = c.setAside().get(i);
                SealedBallot b = SealedBallot.of(x.sealed());
                w.write((i > 0 ? "," : "") + "{\"id\":" + string(b.id()) + ",\"trackingCode\":"
                        + string(b.trackingCode()) + ",\"sealed\":\"" + HexFormat.of().formatHex(x.sealed())
                        + "\",\"reasons\":[" + String.join(",", x.reasons().stream().map(RecordWriter::string).toList())
                        + "]}");
            }
            w.write("],\"checked\":[");
            List<Checked> checked = new java.util.ArrayList<>(c.checked());
            checked.sort(java.util.Comparator.comparing(x -> SealedBallot.of(x.sealed()).id()));
            for (int i = 0; i < checked.size(); i++) {
                Checked x = checked.get(i);
                SealedBallot b = SealedBallot.of(x.sealed());
                w.write((i > 0 ? "," : "") + "{\"id\":" + string(b.id()) + ",\"trackingCode\":"
                        + string(b.trackingCode()) + ",\"sealed\":\"" + HexFormat.of().formatHex(x.sealed())
                        + "\",\"opening\":\"" + HexFormat.of().formatHex(x.opening()) + "\",\"choices\":["
                        + String.join(",", choices(c.manifest(), x.opening())) + "]}");
            }
            w.write("],\"tally\":");
            w.write(c.tally() == null ? EncryptedTally.noBallotsJson(ElectionContext.of(c.manifest())) : c.tally().toJson());
            w.write(",\"partials\":[");
            for (int i = 0; i < c.partials().size(); i++) {
                CountRepository.PartialRow p = c.partials().get(i);
                String json = PartialDecryption.decode(p.encoded()).toJson();
                w.write((i > 0 ? "," : "") + "{\"path\":" + string(p.path()) + "," + json.substring(1));
            }
            w.write("],\"results\":");
            w.write(c.resultsJson());
            w.write("}");
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The level name of each candidate's choice in the opening (bytes [24, 24 + m), 5.6), {@code null} for
     * blank: what the opening says, whether or not it opens the ballot (the verifier checks that).
     */
    private static List<String> choices(Manifest manifest, byte[] opening) {
        List<String> levels = manifest.kind().levels();
        List<String> out = new java.util.ArrayList<>();
        for (int c = 0; c < manifest.candidateCount(); c++) {
            int choice = 24 + c < opening.length ? opening[24 + c] & 0xff : 0xff;
            out.add(choice < levels.size() ? string(levels.get(choice)) : "null");
        }
        return out;
    }

    private static String string(String s) {
        return Json.str(s);
    }
}
