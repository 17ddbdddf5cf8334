-- The count of a conference, written by the tally board after the polls close. None of this is voter-side
-- data: figures, the verdict on the ballot box, the tellers' partial decryptions (public values with their
-- proofs, never a share) and the decrypted totals.

-- The close: the quorum and the cards, frozen at the moment the polls closed.
CREATE TABLE poll_closing (
  election_id      BIGINT   NOT NULL,
  closed_at        DATETIME NOT NULL,
  summoned         INT      NOT NULL,
  present          INT      NOT NULL,
  cards_activated  INT      NOT NULL,
  cards_spent      INT      NOT NULL,
  cards_unspent    INT      NOT NULL,
  cards_voided     INT      NOT NULL,
  CONSTRAINT pk_poll_closing PRIMARY KEY (election_id),
  CONSTRAINT fk_poll_closing_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The check of the ballot box before anything is decrypted: the ids counted (16 bytes each, sorted), the
-- rows set aside and the copies (one per line, tab-separated fields), and the encrypted totals of the counted ballots (NULL when none).
CREATE TABLE box_check (
  election_id   BIGINT     NOT NULL,
  checked_at    DATETIME   NOT NULL,
  stored        INT        NOT NULL,
  counted_ids   MEDIUMBLOB NOT NULL,
  set_aside     MEDIUMTEXT NOT NULL,
  copies        MEDIUMTEXT NOT NULL,
  tally         MEDIUMBLOB NULL,
  CONSTRAINT pk_box_check PRIMARY KEY (election_id),
  CONSTRAINT fk_box_check_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One accepted partial decryption per seat, in the order accepted; path HALL (card read on the console) or
-- OFFLINE (a file from the offline laptop).
CREATE TABLE partial_decryption (
  election_id  BIGINT     NOT NULL,
  seat         INT        NOT NULL,
  position     INT        NOT NULL,
  path         VARCHAR(8) NOT NULL,
  encoded      MEDIUMBLOB NOT NULL,
  CONSTRAINT pk_partial_decryption PRIMARY KEY (election_id, seat),
  CONSTRAINT fk_partial_decryption_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The decrypted totals: per candidate in ballot order, the level counts ("448,29,4;437,32,11;..."), and the
-- SHA-256 of the election record made from all of the above.
CREATE TABLE count_result (
  election_id   BIGINT   NOT NULL,
  counted_at    DATETIME NOT NULL,
  level_counts  TEXT     NOT NULL,
  record_hash   CHAR(64) NOT NULL,
  audit_head    CHAR(64) NOT NULL,
  CONSTRAINT pk_count_result PRIMARY KEY (election_id),
  CONSTRAINT fk_count_result_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
