package vn.tinnhiem.support;

import org.jspecify.annotations.Nullable;

import java.util.Optional;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.shared.ElectionId;

/**
 * Share cards for tests that need a key made, not the ceremony's screens: each card handed to its seat's teller
 * (whose account's password is {@link Staff#PASSWORD}, typed at the console) and taken, as the card dialog's
 * download does. Run as the organiser.
 */
public final class Cards {

    private Cards() {
    }

    /** The seat's card as its PDF, taken (the seat's share is gone from the server). */
    public static byte[] issuePdf(CeremonyService ceremonies, ElectionId electionId, int seat, char @Nullable [] passphrase) {
        byte[] pdf = ceremonies.issueCard(electionId, seat, passphrase, Staff.PASSWORD.toCharArray());
        ceremonies.cardTaken(electionId, seat);
        return pdf;
    }

    /** The seat's card as the text of its QR code, taken. */
    public static String issue(CeremonyService ceremonies, ElectionId electionId, int seat, char @Nullable [] passphrase) {
        return Pdfs.qrText(issuePdf(ceremonies, electionId, seat, passphrase), 0);
    }

    /**
     * For a READY conference whose seat has no teller yet (a demo's): ties a new TELLER account to the seat, then
     * makes that seat's card for it. Run as the organiser.
     */
    public static String issueToNewTeller(AccountService accounts, ElectionServices elections, CeremonyService ceremonies,
            ElectionId electionId, int seat) {
        var teller = elections.tallyBoard().tellers(electionId).stream().filter(t -> t.seat() == seat).findFirst().orElseThrow();
        if (teller.account().isEmpty()) {
            String username = Staff.createNamed(accounts, "seat" + seat + "." + electionId + "."
                    + Long.toString(System.nanoTime() % 100000, 36), teller.fullName(), Role.TELLER);
            elections.tallyBoard().setSeatAccount(electionId, teller.id(), Optional.of(username));
        }
        return issue(ceremonies, electionId, seat, null);
    }
}
