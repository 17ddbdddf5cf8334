-- Sign-in refusals while an account is locked are counted here and written to the audit log once,
-- not one entry per attempt; a password change or reset raises the credentials version, which ends
-- the account's other sessions.
ALTER TABLE staff_account ADD COLUMN refused_while_locked INT NOT NULL DEFAULT 0;
ALTER TABLE staff_account ADD COLUMN credentials_version INT NOT NULL DEFAULT 0;
