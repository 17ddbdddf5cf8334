-- Each seat on the tally board is tied to the TELLER account of the person who sits there: a teller acts
-- only on the conferences whose board they sit on. By user name, the account module's own key; a name
-- sits at most once on one board.
ALTER TABLE teller ADD COLUMN account_username VARCHAR(64) NULL;
ALTER TABLE teller ADD CONSTRAINT uq_teller_account UNIQUE (election_id, account_username);
