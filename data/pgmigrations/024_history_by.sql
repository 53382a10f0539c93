-- 024_history_by: SQLite's 024 (data/migrations/024_history_by.sql says why): who
-- made each change in an invoice's history. A server book's line is written with
-- session_user, the user the desktop signed in as (history.go's twin), which a
-- migration acting as the book's role (actAsBookOwner) leaves as it is.
ALTER TABLE invoice_history ADD COLUMN by_user text COLLATE "C" NOT NULL DEFAULT '';
