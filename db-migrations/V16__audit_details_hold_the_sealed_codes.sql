-- The close chains the box's sorted tracking codes into the audit log (count.trackingCodes): 20 characters a
-- ballot, so TEXT's 65,535 bytes would hold only about 3,200 ballots. MEDIUMTEXT holds 16 MB: any hall's box.
ALTER TABLE audit_entry MODIFY details MEDIUMTEXT NOT NULL;
