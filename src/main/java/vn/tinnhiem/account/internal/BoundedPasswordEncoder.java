package vn.tinnhiem.account.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id costs 16 MiB per check: without a bound, a few hundred simultaneous sign-in attempts from
 * the hall network would exhaust the server's memory, and would outrun the lock-out. At most a few
 * checks run at once; the rest wait briefly, then are turned away as "busy" (not counted as a wrong
 * password).
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore permits;
    private final long waitMillis;

    BoundedPasswordEncoder(PasswordEncoder delegate, int concurrent, java.time.Duration wait) {
        this.delegate = delegate;
        this.permits = new Semaphore(concurrent, true);
        this.waitMillis = wait.toMillis();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        acquire();
        try {
            return delegate.encode(rawPassword);
        } finally {
            permits.release();
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        acquire();
        try {
            return delegate.matches(rawPassword, encodedPassword);
        } finally {
            permits.release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new AuthenticationServiceException("busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationServiceException("interrupted", e);
        }
    }
}
