package vn.tinnhiem.account;

/** A created account and its one-time password, shown once to the administrator. */
public record NewAccount(StaffAccount account, String oneTimePassword) {
}
