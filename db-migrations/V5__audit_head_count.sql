-- The head also counts the entries, so an anchor kept outside the database can say "entry N has hash H"
-- and the integrity check can tell a log cut at its tail (fewer entries than an anchor saw).
ALTER TABLE audit_head ADD COLUMN entry_count BIGINT NOT NULL DEFAULT 0;

UPDATE audit_head SET entry_count = (SELECT COUNT(*) FROM audit_entry) WHERE id = 1;
