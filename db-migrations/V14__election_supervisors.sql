-- The supervisors (giám sát viên) named for a conference in its set-up, like the tally board's seats: by
-- the SUPERVISOR account's user name, the account module's own key. A supervisor watches only the
-- conferences they are named for, and never sees a ballot, a result or a name on the roll.
CREATE TABLE election_supervisor (
  election_id       BIGINT      NOT NULL,
  account_username  VARCHAR(64) NOT NULL,
  named_at          DATETIME    NOT NULL,
  CONSTRAINT pk_election_supervisor PRIMARY KEY (election_id, account_username),
  CONSTRAINT fk_election_supervisor_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_election_supervisor_account ON election_supervisor (account_username);
