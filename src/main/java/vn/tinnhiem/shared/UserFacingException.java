package vn.tinnhiem.shared;

import java.util.Arrays;

/**
 * A refusal the user must read: carries a message key of the resource bundles and its arguments, so
 * the screen shows it in the user's language. Never carries secrets or vote content.
 */
public class UserFacingException extends RuntimeException {

    private final String key;
    private final Object[] args;

    public UserFacingException(String key, Object... args) {
        super(key + (args.length == 0 ? "" : " " + Arrays.toString(args)));
        this.key = key;
        this.args = args.clone();
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }
}
