-- Wrong passwords are counted, and sign-in paused, per (account, client address) pair, no longer per account:
-- five wrong passwords typed on one device pause that account on that device only, so one device cannot
-- shut a member of the tally board out of every other (issue 16). Rows are deleted by a sign-in from the
-- pair and by the organiser's unlock (DML only at run time).
CREATE TABLE sign_in_failure (
  username             VARCHAR(64)  NOT NULL,
  address              VARCHAR(64)  NOT NULL,
  failed_attempts      INT          NOT NULL,
  locked_until         DATETIME(6)  NULL,
  refused_while_locked INT          NOT NULL DEFAULT 0,
  CONSTRAINT pk_sign_in_failure PRIMARY KEY (username, address),
  CONSTRAINT fk_sign_in_failure_account FOREIGN KEY (username) REFERENCES staff_account (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE staff_account DROP COLUMN failed_attempts, DROP COLUMN locked_until, DROP COLUMN refused_while_locked;
