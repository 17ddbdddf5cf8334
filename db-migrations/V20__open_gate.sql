-- The open gate (docs/architecture.md, "One writer, and a close that holds even with two"): 32 rows per
-- conference. Every piece of work done while the polls are OPEN (a cast, a check, a presence tick, a card
-- activated) also updates one of them, chosen at random, as its last write; leaving OPEN updates all 32.
-- On one server the election row's share lock already orders casts against the close. On a Galera cluster
-- locks are local to a node, but write-sets that change the same row conflict at certification: a cast
-- committed through one node while the close commits through another is aborted (error 1213) and retried,
-- and then finds the polls closed; or the close is aborted and retried, and then counts the cast.
-- 32 rows rather than one so that casts do not queue behind each other on a single row.
-- No time and no order: a slot is random and `passes` only makes each pass a real change of the row.
CREATE TABLE open_gate (
  election_id  BIGINT   NOT NULL,
  slot         TINYINT  NOT NULL,
  passes       BIGINT   NOT NULL DEFAULT 0,
  shut         BOOLEAN  NOT NULL DEFAULT FALSE,
  CONSTRAINT pk_open_gate PRIMARY KEY (election_id, slot),
  CONSTRAINT fk_open_gate_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Conferences already OPEN when this migration runs get their gate now.
INSERT INTO open_gate (election_id, slot)
WITH RECURSIVE slots (n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM slots WHERE n < 31)
SELECT e.id, slots.n FROM election e CROSS JOIN slots WHERE e.status = 'OPEN';
