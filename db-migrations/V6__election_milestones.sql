-- What other modules report to the election's lifecycle (the key made, the polls closed, the count
-- done), each with the SHA-256 digest that pins it down (the manifest hash, the ballot box's digest,
-- the results' digest). The election module reads only its own records: no bean another module must
-- provide. No times: the audit log already says when.
CREATE TABLE election_milestone (
  election_id  BIGINT       NOT NULL,
  milestone    VARCHAR(16)  NOT NULL,
  digest       CHAR(64)     NOT NULL,
  CONSTRAINT pk_election_milestone PRIMARY KEY (election_id, milestone),
  CONSTRAINT fk_milestone_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
