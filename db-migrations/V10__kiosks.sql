-- Enrolled tablets (kiosks). A voter-side table (docs/architecture.md, "Voter-side tables"): a random
-- id as the primary key, no time column. The enrollment code's deadline and the last contact are held
-- in the server's memory only (see the architecture notes), so nothing here can be put in time order.
-- Both secrets are stored only as SHA-256 hashes: the one-time enrollment code (128 random bits) and
-- the kiosk's long-lived credential (256 random bits, an HttpOnly cookie on the tablet). The enrollment
-- hash is kept once spent, so that a second use is told "already used" rather than "unknown".
CREATE TABLE kiosk (
  id               BINARY(16)   NOT NULL,
  election_id      BIGINT       NOT NULL,
  name             VARCHAR(100) NOT NULL,
  status           VARCHAR(16)  NOT NULL,
  enrollment_hash  BINARY(32)   NOT NULL,
  credential_hash  BINARY(32)   NULL,
  CONSTRAINT pk_kiosk PRIMARY KEY (id),
  CONSTRAINT uq_kiosk_enrollment UNIQUE (enrollment_hash),
  CONSTRAINT uq_kiosk_credential UNIQUE (credential_hash),
  CONSTRAINT fk_kiosk_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
