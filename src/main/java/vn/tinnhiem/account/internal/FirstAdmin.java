package vn.tinnhiem.account.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import vn.tinnhiem.account.AccountService;

/**
 * On the very first start, creates the administrator and prints its one-time password to the console
 * (standard output, not the log files): the only time a secret is shown outside a screen.
 */
@Component
@Order(0)
class FirstAdmin implements ApplicationRunner {

    private final AccountService accounts;

    FirstAdmin(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        accounts.createFirstAdminIfNone().ifPresent(admin -> System.out.printf("""

                ================================================================
                 TinNhiem: first start. Sign in as the administrator:
                   user name: %s
                   one-time password: %s
                 You will be asked to choose your own password at once.
                 Lần đầu khởi động: đăng nhập với tài khoản trên, rồi đổi mật khẩu.
                ================================================================
                %n""", admin.account().username(), admin.oneTimePassword()));
    }
}
