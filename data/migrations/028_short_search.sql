-- 028_short_search: a search of one or two characters through the trigram index
-- (issue 24: a typed search shows its first page and count within 20 ms at 1,000,000
-- invoices, through an index, not a scan; data/searchshort.go).
--
-- A trigram index (023) cannot answer "contains qz": a trigram is three characters.
-- But if every indexed text ends in two characters no typed search can hold, every
-- character of the text starts a trigram of its own ("Qz9" is indexed as "qz9",
-- "z9·", "9··", the pad being char(1)), and a text contains "qz" exactly when one of
-- its trigrams starts with "qz" (case folded as the index folds it). The trigrams
-- starting with some text are a range of the index's terms, which its vocabulary
-- (FTS5's fts5vocab) reads by seeking to the range's start; a vocabulary of type
-- "instance" gives each term's rows (doc) as it reads them, so a question asking
-- for the first few hundred rows stops there. (A vocabulary of type "row" counts
-- each term's rows first: with detail=none it reads every list it is asked about.)
--
-- The pad, char(1), is a control character: it cannot be typed, and a search holding
-- one (pasted) is found without this path (searchshort.go). The trigrams holding it
-- are never asked for by a search of three characters or more that holds none, so the
-- 023 path finds what it found. As before, the index only finds candidates: the
-- search's GLOB pattern keeps those that match (search.go).
--
-- The tables are made again with the padded texts (a contentless FTS5 table cannot
-- be updated in place) under their names, and the triggers with them; the triggers
-- still fire on the searched columns only.

DROP TRIGGER invoice_number_trigrams_insert;
DROP TRIGGER invoice_number_trigrams_delete;
DROP TRIGGER invoice_number_trigrams_update;
DROP TRIGGER customer_name_trigrams_insert;
DROP TRIGGER customer_name_trigrams_delete;
DROP TRIGGER customer_name_trigrams_update;
DROP TABLE invoice_number_trigrams;
DROP TABLE customer_name_trigrams;

CREATE VIRTUAL TABLE invoice_number_trigrams USING fts5(number, content='', contentless_delete=1,
	detail=none, tokenize='trigram');
CREATE VIRTUAL TABLE customer_name_trigrams USING fts5(name, content='', contentless_delete=1,
	detail=none, tokenize='trigram');

INSERT INTO invoice_number_trigrams (rowid, number) SELECT id, number || char(1, 1) FROM invoices;
INSERT INTO customer_name_trigrams (rowid, name) SELECT id, name || char(1, 1) FROM customers;
INSERT INTO invoice_number_trigrams (invoice_number_trigrams) VALUES ('optimize');
INSERT INTO customer_name_trigrams (customer_name_trigrams) VALUES ('optimize');

-- The vocabularies: (term, doc) for each trigram and each row holding it.
CREATE VIRTUAL TABLE invoice_number_short_grams USING fts5vocab(invoice_number_trigrams, instance);
CREATE VIRTUAL TABLE customer_name_short_grams USING fts5vocab(customer_name_trigrams, instance);

CREATE TRIGGER invoice_number_trigrams_insert AFTER INSERT ON invoices BEGIN
	INSERT INTO invoice_number_trigrams (rowid, number) VALUES (new.id, new.number || char(1, 1));
END;
CREATE TRIGGER invoice_number_trigrams_delete AFTER DELETE ON invoices BEGIN
	DELETE FROM invoice_number_trigrams WHERE rowid = old.id;
END;
CREATE TRIGGER invoice_number_trigrams_update AFTER UPDATE OF number ON invoices BEGIN
	DELETE FROM invoice_number_trigrams WHERE rowid = old.id;
	INSERT INTO invoice_number_trigrams (rowid, number) VALUES (new.id, new.number || char(1, 1));
END;

CREATE TRIGGER customer_name_trigrams_insert AFTER INSERT ON customers BEGIN
	INSERT INTO customer_name_trigrams (rowid, name) VALUES (new.id, new.name || char(1, 1));
END;
CREATE TRIGGER customer_name_trigrams_delete AFTER DELETE ON customers BEGIN
	DELETE FROM customer_name_trigrams WHERE rowid = old.id;
END;
CREATE TRIGGER customer_name_trigrams_update AFTER UPDATE OF name ON customers BEGIN
	DELETE FROM customer_name_trigrams WHERE rowid = old.id;
	INSERT INTO customer_name_trigrams (rowid, name) VALUES (new.id, new.name || char(1, 1));
END;
