package vn.tinnhiem.verify;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Typed reads from the parsed record; a missing or mistyped field is a {@link Bad} naming its path. */
final class Fields {
    private Fields() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object v, String path) throws Bad {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw Bad.field(path);
    }

    static Map<String, Object> object(Map<String, Object> o, String key, String path) throws Bad {
        return object(o.get(key), join(path, key));
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(Map<String, Object> o, String key, String path) throws Bad {
        if (o.get(key) instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw Bad.field(join(path, key));
    }

    static String string(Map<String, Object> o, String key, String path) throws Bad {
        if (o.get(key) instanceof String s) {
            return s;
        }
        throw Bad.field(join(path, key));
    }

    /** A non-negative integer that fits in a long. */
    static long integer(Map<String, Object> o, String key, String path) throws Bad {
        return integer(o.get(key), join(path, key));
    }

    static long integer(Object v, String path) throws Bad {
        if (v instanceof BigInteger b && b.signum() >= 0 && b.bitLength() < 63) {
            return b.longValue();
        }
        throw Bad.field(path);
    }

    static boolean bool(Map<String, Object> o, String key, String path) throws Bad {
        if (o.get(key) instanceof Boolean b) {
            return b;
        }
        throw Bad.field(join(path, key));
    }

    /** Lower-case hex of exactly {@code bytes} bytes. */
    static byte[] hex(Map<String, Object> o, String key, String path, int bytes) throws Bad {
        return hex(o.get(key), join(path, key), bytes);
    }

    static byte[] hex(Object v, String path, int bytes) throws Bad {
        if (v instanceof String s && s.length() == 2 * bytes) {
            byte[] b = Group.hex(s);
            if (b != null) {
                return b;
            }
        }
        throw Bad.field(path);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
