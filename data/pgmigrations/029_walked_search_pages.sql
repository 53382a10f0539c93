-- 029 on PostgreSQL: the indexes a search's page walks by due date hold the ID and
-- every column the page tests, so the page reads its IDs from the index alone (an
-- index-only scan): a walked entry that is not among the search's matches, or that
-- fails the test of a search matching many, reads no row (data/search.go, the plans;
-- data/pglist.go, pgPageByIDs). At 1,000,000 invoices the list's first page of "café"
-- (1,188 matches) walks some 83,000 entries, 10.7 ms from the index alone, where
-- reading each entry's row took about three times as long; the dialog's page of
-- "malin" (6,179) took 12 ms so, 20 ms reading each row. SQLite's indexes end in the
-- rowid by themselves, and its walk tests an entry before it reads the row; its 029
-- gives its index by due date the customer alone.

-- The list by due date, with the customer, which a search matching many tests.
DROP INDEX invoices_by_due_date;
CREATE INDEX invoices_by_due_date ON invoices (due_date, number, customer_id, id);

-- The open invoices by due date, which the dialog's candidates walk: with the pause,
-- the last of the eligibility's terms (core.EligibleTerms) the index lacked.
DROP INDEX invoices_open;
CREATE INDEX invoices_open ON invoices (due_date, number, total_ore, paid_ore,
	amili_state, customer_id, invoice_date, currency, ocr, amili_case_ref, pause, id)
	WHERE total_ore > paid_ore;

-- The open invoices by ID, with what the dialog tests and orders by: the dialog's
-- page and count of a search matching up to 5,000 invoices read the matches the
-- plan's question listed by their IDs (data/pgsearch.go, pgListedFrom; pgPageByIDs)
-- from this index alone. Reading each match's row took about 5 µs: the dialog's page
-- of "vvs hb" (2,962 matches of 1,000,000) 14 ms, its count 15. PostgreSQL's own, as
-- 027's two: SQLite reads a row by its ID from the table's own tree, whose key it is.
CREATE INDEX invoices_open_by_id ON invoices (id) INCLUDE (due_date, number, total_ore, paid_ore,
	amili_state, pause) WHERE total_ore > paid_ore;
