-- 023_search_index on PostgreSQL: data/migrations/023_search_index.sql ported (the
-- comments there say why a search needs a trigram index). PostgreSQL's trigram index
-- is pg_trgm's GIN index on the searched columns themselves, under the names of
-- SQLite's FTS5 tables: it follows every insert, update and delete of a number or a
-- name by itself, so SQLite's six triggers have no counterpart, and a write to an
-- invoice's other columns does not touch it (a HOT update of an unindexed column
-- leaves every index alone). data/pgsearch.go's regular expression is what a search
-- tests; PostgreSQL takes its trigrams itself and tests every row the index gives, so
-- the index never changes what a search finds.
--
-- pg_trgm ships with PostgreSQL (Debian's postgresql package holds it) and is a
-- trusted extension: the book's owner may create it without being a superuser.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX invoice_number_trigrams ON invoices USING gin (number gin_trgm_ops);
CREATE INDEX customer_name_trigrams ON customers USING gin (name gin_trgm_ops);

-- As on SQLite: nothing reads the eligible invoices' narrow index any more.
DROP INDEX invoices_eligible;
