-- Sealed ballots: a random 128-bit id (the ballot's own, from its canonical bytes), the canonical bytes
-- (ciphertexts and proofs only) and the tracking code shown to the voter. The primary key is
-- (election_id, id), so InnoDB keeps a conference's ballots in the order of their random ids; no time, no
-- counter, and nothing naming the card, the tablet or the voter (docs/architecture.md, "Voter-side tables").
-- A copy under the same id is impossible by the key; the same content under a new id is caught at the count.
CREATE TABLE ballot (
  election_id    BIGINT       NOT NULL,
  id             BINARY(16)   NOT NULL,
  tracking_code  CHAR(19)     NOT NULL,
  sealed         MEDIUMBLOB   NOT NULL,
  CONSTRAINT pk_ballot PRIMARY KEY (election_id, id),
  CONSTRAINT fk_ballot_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
