-- Every TIMESTAMP becomes DATETIME(6): a TIMESTAMP ends in January 2038, converts through the session's
-- time zone, and under explicit_defaults_for_timestamp=OFF gains a hidden ON UPDATE CURRENT_TIMESTAMP
-- (audit_entry.occurred_at would then change when its hash is written, breaking the chain). A DATETIME
-- is stored as written. The values are UTC: the conversion reads them in the session's zone, pinned here.
SET time_zone = '+00:00';

-- One column per statement: jOOQ's code generator reads these files and parses one MODIFY per ALTER.
ALTER TABLE staff_account MODIFY locked_until DATETIME(6) NULL;
ALTER TABLE staff_account MODIFY created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6);
ALTER TABLE audit_entry MODIFY occurred_at DATETIME(6) NOT NULL;
ALTER TABLE election MODIFY created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6);
ALTER TABLE election MODIFY updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6);
ALTER TABLE checklist_item MODIFY done_at DATETIME(6) NULL;
