-- 024_history_by: who made each change in an invoice's history (issue 24: every
-- change records who made it and when; an invoice's history shows it). `at` has said
-- when since 015. by_user is the user the desktop signed in to the book as: on a book
-- on a server, the desktop's own PostgreSQL user (the README's set-up gives each
-- desktop one); on a file, which one user keeps, it stays '' (no one to tell apart).
-- The lines written before 024 keep '' too: who wrote them was not recorded.
ALTER TABLE invoice_history ADD COLUMN by_user TEXT NOT NULL DEFAULT '';
