-- Voting cards (one-time tokens) and who is present at the desk. A card's 128-bit token is never stored:
-- only its keyed hash (HMAC-SHA-256 under a server key kept outside the database), which is also the key
-- after the conference, so the rows sit in random order. No id that grows, no time, and nothing that
-- names the voter the card went to (see docs/architecture.md, "Voter-side tables").
CREATE TABLE token (
  election_id  BIGINT       NOT NULL,
  token_hash   BINARY(32)   NOT NULL,
  state        VARCHAR(10)  NOT NULL,
  CONSTRAINT pk_token PRIMARY KEY (election_id, token_hash),
  CONSTRAINT fk_token_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
-- To tell "another conference's card" from "not one of ours".
CREATE INDEX ix_token_hash ON token (token_hash);

-- Presence is roll data: a tick per voter, with no time and nothing about the card handed over.
ALTER TABLE voter ADD COLUMN present BOOLEAN NOT NULL DEFAULT FALSE;
