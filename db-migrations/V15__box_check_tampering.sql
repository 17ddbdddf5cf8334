-- What the check of the ballot box found changed behind the count's back, one per line, tab-separated: the kind
-- (rowColumns: a row whose id or tracking-code column is not what its bytes give; closeFigure: a frozen figure
-- of poll_closing that is not the one the close's audit entry carries; closeDigest: the POLLS_CLOSED milestone
-- not the entry's digest; boxDigest: the box's tracking codes no longer the ones the close sealed; closeEntry:
-- no audit entry of the close at all), what it concerns, the value found, and the value expected.
ALTER TABLE box_check ADD COLUMN tampering MEDIUMTEXT NOT NULL DEFAULT '';
