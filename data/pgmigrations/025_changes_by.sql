-- 025_changes_by: SQLite's 026 (data/migrations/025_changes_by.sql says why): who
-- wrote each reminder, claim entry, payment and report to Amili. Each column is
-- added with '' so the rows already there stay unnamed (not the migrating role's
-- name), then defaults to session_user, the user the desktop signed in as: every
-- insert records it without naming the column, so the SQL both engines share
-- stays one. TestPostgresSchemaMatchesSQLite knows this one difference of default.
ALTER TABLE reminders ADD COLUMN by_user text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE reminders ALTER COLUMN by_user SET DEFAULT session_user;
ALTER TABLE claim_entries ADD COLUMN by_user text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE claim_entries ALTER COLUMN by_user SET DEFAULT session_user;
ALTER TABLE payments ADD COLUMN by_user text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE payments ALTER COLUMN by_user SET DEFAULT session_user;
ALTER TABLE amili_reports ADD COLUMN by_user text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE amili_reports ALTER COLUMN by_user SET DEFAULT session_user;
