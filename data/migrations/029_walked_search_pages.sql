-- 029: the list's index by due date holds the customer, so a search matching many
-- invoices (data/search.go, walkTestingRows) tests each walked entry, its number and
-- its customer, without reading its row: the test of a search of three characters or
-- more looks the customer up among those the trigram index finds, a set made once.
-- At 1,000,000 invoices the list's first page of "malin" (6,179 matches, some 16,000
-- entries walked) took 10–11 ms reading each entry's row, 5 ms so. Every index ends
-- in the rowid, the invoice's ID, so a page walked among a search's matches
-- (walkAmongMatches) tests each entry's ID without a row already. PostgreSQL's 029
-- gives its indexes by due date the customer and the ID, and the dialog's the pause
-- too (data/pgmigrations/029_walked_search_pages.sql).
DROP INDEX invoices_by_due_date;
CREATE INDEX invoices_by_due_date ON invoices (due_date, number, customer_id);
