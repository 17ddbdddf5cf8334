package vn.tinnhiem.shared.database;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a service (or a method of one) whose {@code @Transactional} methods are whole units of work that write only
 * to the database: a call that begins its own transaction is retried as {@link DatabaseRetry} says (a
 * deadlock, a certification failure, a lock wait timed out, a connection lost before the commit), and when the
 * tries run out the user reads "busy, try again" ({@link DatabaseBusyException}). A call made inside another
 * transaction runs once: the outermost unit retries. Not for work with effects outside the database (a file
 * written, a message sent), which a retry would repeat.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RetriedWhenBusy {
}
