-- 028_short_search on PostgreSQL: a search of one or two characters through an index
-- (SQLite's 028, data/migrations/028_short_search.sql, says why). pg_trgm takes no
-- trigram from fewer than three characters, so the numbers and the names get an index
-- of their own: a GIN index of each text's one- and two-character runs as written
-- (short_grams, no case folded, no collation asked), under the names of SQLite's
-- vocabularies. data/pgsearch.go asks it for any of the search's forms in each case
-- (caseInsensitiveGlob's: "qz" is qz, qZ, Qz or QZ), `short_grams(number) && forms`,
-- and tests the rows it gives with the search's regular expression, as before, so
-- the index never changes what a search finds.
--
-- Like 023's indexes, these follow every write of a number or a name by themselves,
-- and a write to an invoice's other columns does not touch them.

-- COST: computing a text's runs costs 10 to 30 µs, far more than PostgreSQL assumes of
-- a function, which then read every customer computing each name's runs for "e"
-- (11 ms at 100,000) rather than the index. PARALLEL RESTRICTED: a search's few rows
-- are read by one process; a parallel worker took 4 ms to start for none ("qz").
CREATE FUNCTION short_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL RESTRICTED COST 1000
AS $$ SELECT ARRAY(SELECT DISTINCT substr(t, i, n) FROM generate_series(1, char_length(t)) i,
	generate_series(1, 2) n WHERE i + n - 1 <= char_length(t)) $$;

CREATE INDEX invoice_number_short_grams ON invoices USING gin (short_grams(number));
CREATE INDEX customer_name_short_grams ON customers USING gin (short_grams(name));
