package vn.tinnhiem.verify;

import java.util.Arrays;
import java.util.Map;

/**
 * Rows of the record that carry a sealed ballot's bytes (copies, set-aside rows, checked ballots) and the ids of
 * ballots: each is named by its bytes (10.2), whatever id and code it was stored under.
 */
final class Rows {
    private Rows() {}

    /** A ballot's id: its bytes [5, 21) in lower-case hex (the caller knows there are at least 21). */
    static String id(byte[] ballot) {
        return Group.hex(Arrays.copyOfRange(ballot, 5, 21));
    }

    /** The row's {@code sealed} member as bytes. */
    static byte[] sealed(Map<String, Object> row, String path) throws Bad {
        if (row.get("sealed") instanceof String s && Group.hex(s) != null) {
            return Group.hex(s);
        }
        throw Bad.field(path + ".sealed");
    }

    /**
     * A copy, set-aside or checked row is named by its bytes (10.2): its id is bytes [5, 21) ("" if there are
     * fewer than 21) and its tracking code the one of its bytes (5.3), whatever the row was stored under.
     */
    static void namedByItsBytes(Map<String, Object> row, String path, byte[] sealed) throws Bad {
        String id = Fields.string(row, "id", path);
        String bytesId = sealed.length >= 21 ? id(sealed) : "";
        if (!id.equals(bytesId)) {
            throw new Bad("verify.why.rowId", path, bytesId);
        }
        String code = Ballots.trackingCode(sealed);
        if (!code.equals(Fields.string(row, "trackingCode", path))) {
            throw new Bad("verify.why.trackingCode", path, code);
        }
    }
}
