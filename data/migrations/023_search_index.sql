-- 023_search_index: the search field's trigram index (issue 24: a typed search shows
-- its first page and count within 20 ms at 1,000,000 invoices; DESIGN.md, "a trigram
-- index, not a scan"). Numbered 022 on its branch; it follows data1m's 022 at merge.
--
-- A search finds the invoices whose number or customer's name contains what was typed
-- (data/search.go). No B-tree index serves "contains", so a search matching few
-- invoices read every invoice number and every customer name to find them. These two
-- FTS5 tables hold each number's and each name's trigrams (every run of three
-- characters, case folded); a search of three characters or more finds the rows
-- holding all of its trigrams here and keeps those its own test (the GLOB of
-- search.go) still matches, so it means exactly what it meant before.
--
-- Contentless (content=''): the texts stay in invoices and customers only; the index
-- holds which rows have which trigram, without positions (detail=none: search.go asks
-- for every trigram of the text and tests the rows it gets). contentless_delete lets
-- the triggers take a row out by its ID.
--
-- The triggers fire on the searched columns only: a reminder batch, a payment or any
-- other write to an invoice's other columns never writes these tables.

CREATE VIRTUAL TABLE invoice_number_trigrams USING fts5(number, content='', contentless_delete=1,
	detail=none, tokenize='trigram');
CREATE VIRTUAL TABLE customer_name_trigrams USING fts5(name, content='', contentless_delete=1,
	detail=none, tokenize='trigram');

INSERT INTO invoice_number_trigrams (rowid, number) SELECT id, number FROM invoices;
INSERT INTO customer_name_trigrams (rowid, name) SELECT id, name FROM customers;
-- One segment each, as a book built row by row would reach by merging.
INSERT INTO invoice_number_trigrams (invoice_number_trigrams) VALUES ('optimize');
INSERT INTO customer_name_trigrams (customer_name_trigrams) VALUES ('optimize');

CREATE TRIGGER invoice_number_trigrams_insert AFTER INSERT ON invoices BEGIN
	INSERT INTO invoice_number_trigrams (rowid, number) VALUES (new.id, new.number);
END;
CREATE TRIGGER invoice_number_trigrams_delete AFTER DELETE ON invoices BEGIN
	DELETE FROM invoice_number_trigrams WHERE rowid = old.id;
END;
CREATE TRIGGER invoice_number_trigrams_update AFTER UPDATE OF number ON invoices BEGIN
	DELETE FROM invoice_number_trigrams WHERE rowid = old.id;
	INSERT INTO invoice_number_trigrams (rowid, number) VALUES (new.id, new.number);
END;

CREATE TRIGGER customer_name_trigrams_insert AFTER INSERT ON customers BEGIN
	INSERT INTO customer_name_trigrams (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER customer_name_trigrams_delete AFTER DELETE ON customers BEGIN
	DELETE FROM customer_name_trigrams WHERE rowid = old.id;
END;
CREATE TRIGGER customer_name_trigrams_update AFTER UPDATE OF name ON customers BEGIN
	DELETE FROM customer_name_trigrams WHERE rowid = old.id;
	INSERT INTO customer_name_trigrams (rowid, name) VALUES (new.id, new.name);
END;

-- The eligible invoices' narrow index served one query: the dialog's count of a
-- search's matches, which walked it whole (some 300,000 entries at 1,000,000
-- invoices) looking each entry's ID up among the matches. The count now reads the
-- matches' rows by their IDs (data/candidates.go, countCandidatesSQL), and nothing
-- else reads the index (TestThePartialIndexesAreUsedByTheRenderedQueries).
DROP INDEX invoices_eligible;
