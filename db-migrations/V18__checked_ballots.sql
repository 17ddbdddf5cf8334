-- Checked ballots (issue 18, "Kiểm tra máy", docs/protocol.md 5.6): a ballot a tablet sealed and then opened on
-- request, never cast. The sealed bytes as committed and the opening the tablet revealed (the choices and every
-- nonce), so anyone can recompute its ciphertexts. Like the ballot table: a random 128-bit id (the ballot's own),
-- no time, no counter, nothing naming the card, the tablet or the person who checked
-- (docs/architecture.md, "Voter-side tables").
CREATE TABLE checked_ballot (
  election_id  BIGINT       NOT NULL,
  id           BINARY(16)   NOT NULL,
  sealed       MEDIUMBLOB   NOT NULL,
  opening      BLOB         NOT NULL,
  CONSTRAINT pk_checked_ballot PRIMARY KEY (election_id, id),
  CONSTRAINT fk_checked_ballot_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A card's state may now also be 'CHECK' (token.state is a VARCHAR(10), no enumeration to widen): a spare card
-- the desk activated for a supervisor's check of a tablet. It opens the ballot and may be used for any number of
-- checks, never casts, and is counted neither as handed to a voter nor as spent.
