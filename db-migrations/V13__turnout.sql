-- Turnout over time for the supervision screen's chart (docs/architecture.md, "Voter-side tables",
-- rule 6, and "Supervision"): per OPEN conference, the number of cards spent at the end of each coarse
-- step (15 minutes), sampled by a scheduled task and never written by the casting path. A step is an
-- integer (the step's number since 1970, seconds / 900), not a time column: one row per conference and
-- step, updated in place, so no row stands for a ballot and no step is small enough to date one.
-- INSERT ... ON DUPLICATE KEY UPDATE lets two app instances sample the same step and agree.
CREATE TABLE turnout_step (
  election_id  BIGINT  NOT NULL,
  step         INT     NOT NULL,
  cast         INT     NOT NULL,
  CONSTRAINT pk_turnout_step PRIMARY KEY (election_id, step),
  CONSTRAINT fk_turnout_step_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
