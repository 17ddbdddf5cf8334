package vn.tinnhiem.verify;

import java.util.List;
import java.util.Map;

/**
 * The record's members, exactly and in order (docs/protocol.md 10.2, "Layout"): a canonical record has one
 * spelling, so a member added, left out or moved is refused before anything is checked. The ballots are
 * checked as they are read ({@link Ballots.Read}), since their parsed form is dropped at once.
 */
final class Layout {
    private Layout() {}

    static final List<String> ROOT = List.of("format", "manifest", "conference", "closing", "box", "ballots",
            "copies", "setAside", "tally", "partials", "results");
    /** The record as written since checked ballots are kept (10.2 "checked"); ROOT is a record from before. */
    static final List<String> ROOT_CHECKED = List.of("format", "manifest", "conference", "closing", "box", "ballots",
            "copies", "setAside", "checked", "tally", "partials", "results");
    static final List<String> CHECKED = List.of("id", "trackingCode", "sealed", "opening", "choices");
    static final List<String> MANIFEST = List.of("electionId", "title", "kind", "ruleSet", "candidates", "k", "n",
            "electionKey", "commitments", "hash");
    static final List<String> CANDIDATE = List.of("id", "order", "name", "position");
    static final List<String> CONFERENCE = List.of("body", "place", "startsAt");
    static final List<String> CLOSING = List.of("summoned", "present", "quorumMet", "cardsActivated", "cardsSpent",
            "cardsUnspent", "cardsVoided");
    /** The closing block of a record that names the close's audit entry (10.2, "closing"). */
    static final List<String> CLOSING_AUDITED = List.of("summoned", "present", "quorumMet", "cardsActivated",
            "cardsSpent", "cardsUnspent", "cardsVoided", "auditSeq", "auditHash");
    static final List<String> BOX = List.of("stored", "counted", "spentCards", "difference");
    static final List<String> BALLOT = List.of("id", "trackingCode", "m", "levels", "candidates");
    static final List<String> BALLOT_CANDIDATE = List.of("levels", "sumProof");
    static final List<String> BALLOT_ITEM = List.of("alpha", "beta", "proof");
    static final List<String> PROOF = List.of("a0", "b0", "a1", "b1", "c0", "v0", "v1");
    static final List<String> COPY = List.of("id", "trackingCode", "sealed", "copyOf");
    static final List<String> SET_ASIDE = List.of("id", "trackingCode", "sealed", "reasons");
    static final List<String> TALLY = List.of("ballots", "entries");
    static final List<String> TALLY_ENTRY = List.of("alpha", "beta");
    static final List<String> PARTIAL = List.of("path", "teller", "entries");
    static final List<String> PARTIAL_ENTRY = List.of("share", "challenge", "response");
    static final List<String> RESULTS = List.of("ruleSet", "kind", "denominator", "members", "issued", "returned",
            "candidates");
    static final List<String> RESULT_ROW = List.of("id", "order", "levels", "valid", "invalid", "percentages", "band");

    /** Every object of the record but the ballots has exactly its members, in their order. */
    static void check(Map<String, Object> root) throws Bad {
        if (!List.copyOf(root.keySet()).equals(ROOT)) {
            members(root, "", ROOT_CHECKED);
            each(root, "checked", "", CHECKED);
        }
        Map<String, Object> mf = Fields.object(root, "manifest", "");
        members(mf, "manifest", MANIFEST);
        each(mf, "candidates", "manifest", CANDIDATE);
        members(Fields.object(root, "conference", ""), "conference", CONFERENCE);
        Map<String, Object> cl = Fields.object(root, "closing", "");
        if (!List.copyOf(cl.keySet()).equals(CLOSING_AUDITED)) {
            members(cl, "closing", CLOSING);
        }
        members(Fields.object(root, "box", ""), "box", BOX);
        each(root, "copies", "", COPY);
        each(root, "setAside", "", SET_ASIDE);
        Map<String, Object> t = Fields.object(root, "tally", "");
        members(t, "tally", TALLY);
        each(t, "entries", "tally", TALLY_ENTRY);
        List<Object> ps = Fields.array(root, "partials", "");
        for (int i = 0; i < ps.size(); i++) {
            Map<String, Object> p = Fields.object(ps.get(i), "partials[" + i + "]");
            members(p, "partials[" + i + "]", PARTIAL);
            each(p, "entries", "partials[" + i + "]", PARTIAL_ENTRY);
        }
        Map<String, Object> r = Fields.object(root, "results", "");
        members(r, "results", RESULTS);
        each(r, "candidates", "results", RESULT_ROW);
    }

    private static void each(Map<String, Object> o, String key, String path, List<String> keys) throws Bad {
        List<Object> list = Fields.array(o, key, path);
        String p = Fields.join(path, key);
        for (int i = 0; i < list.size(); i++) {
            members(Fields.object(list.get(i), p + "[" + i + "]"), p + "[" + i + "]", keys);
        }
    }

    static void members(Map<String, Object> o, String path, List<String> keys) throws Bad {
        if (!List.copyOf(o.keySet()).equals(keys)) {
            throw new Bad("verify.why.members", path.isEmpty() ? "{}" : path, String.join(", ", keys));
        }
    }
}
