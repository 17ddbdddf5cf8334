-- The election key made by the key ceremony: public values only. The server never stores the secret s, the
-- polynomial or any teller's share: a share leaves the ceremony only on its teller's printed card.
-- The manifest hash binds the key to the lists it was made for; the key counts only while the election's
-- KEY_MADE milestone carries that same hash.
CREATE TABLE election_key (
  election_id    BIGINT        NOT NULL,
  manifest_hash  CHAR(64)      NOT NULL,
  election_key   CHAR(66)      NOT NULL,
  commitments    TEXT          NOT NULL,
  threshold_k    INT           NOT NULL,
  tellers_n      INT           NOT NULL,
  origin         VARCHAR(16)   NOT NULL,
  CONSTRAINT pk_election_key PRIMARY KEY (election_id),
  CONSTRAINT fk_election_key_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each seat's card: handed out (printed or made offline) and checked back against the commitments.
CREATE TABLE election_key_seat (
  election_id    BIGINT        NOT NULL,
  seat           INT           NOT NULL,
  card_issued    BOOLEAN       NOT NULL DEFAULT FALSE,
  passphrase     BOOLEAN       NOT NULL DEFAULT FALSE,
  card_checked   BOOLEAN       NOT NULL DEFAULT FALSE,
  CONSTRAINT pk_election_key_seat PRIMARY KEY (election_id, seat),
  CONSTRAINT fk_election_key_seat_key FOREIGN KEY (election_id) REFERENCES election_key (election_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
