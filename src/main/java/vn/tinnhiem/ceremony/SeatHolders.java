package vn.tinnhiem.ceremony;

import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.PasswordConfirmation;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.Teller;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.Roles;

/**
 * Who holds a seat's share card: only the person whose TELLER account is tied to that seat. Asked when a card
 * is handed over at the ceremony and when a card read in the hall is counted. That person is either the one
 * signed in, or types their own account's password at the console (a card is never given to, nor taken from,
 * whoever happens to be signed in). A refusal is written to the audit log (it survives the caller's rollback)
 * and thrown, to be said at the password field.
 */
@Component
public class SeatHolders {

    private final AccountService accounts;
    private final AuditLog audit;

    SeatHolders(AccountService accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    /**
     * The user name of the seat's teller, once they are known to be the person at the console; otherwise a
     * {@link UserFacingException} with one of the {@code holder.error.*} keys, the refusal recorded under
     * {@code refusedAction}. {@code password} (null when nothing was typed) is cleared before this returns.
     */
    public String confirm(ElectionId electionId, Teller seat, char @Nullable [] password, String refusedAction) {
        try {
            Optional<String> account = seat.account();
            if (account.isEmpty()) {
                throw refuse(electionId, seat, "-", refusedAction, "holder.error.noAccount", seat.seat());
            }
            String holder = account.get();
            if (CurrentStaff.username().filter(holder::equals).isPresent() && CurrentStaff.hasRole(Roles.TELLER)) {
                return holder;
            }
            if (password == null || password.length == 0) {
                throw refuse(electionId, seat, holder, refusedAction, "holder.error.passwordNeeded", seat.seat(),
                        seat.fullName());
            }
            PasswordConfirmation confirmation = accounts.confirmPassword(holder, Role.TELLER, password);
            if (confirmation != PasswordConfirmation.CONFIRMED) {
                throw refuse(electionId, seat, holder, refusedAction, "holder.error." + confirmation.name(),
                        seat.seat(), seat.fullName());
            }
            return holder;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private UserFacingException refuse(ElectionId electionId, Teller seat, String holder, String action, String key,
            Object... args) {
        audit.recordRefusal(action, "election:" + electionId, AuditFields.of("seat", seat.seat()).with("holder", holder)
                .with("reason", key));
        return new UserFacingException(key, args);
    }
}
