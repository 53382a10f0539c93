-- 025_changes_by: who made the other changes an invoice's history shows (issue 24:
-- every change records who made it and when; an invoice's history shows it). 024
-- gave invoice_history its by_user; the Historik tab also lists the reminders and
-- hand-overs to Amili sent (reminders), the claim's charges, waivers and credit notes
-- (claim_entries), the money in, credit applied and reversals (payments), and what
-- was told to Amili (amili_reports). Each now says who wrote it as 024 does: on a
-- file, which one user keeps, '' (no one to tell apart); on a server the desktop's
-- own user (pgmigrations/025). Rows written before 025 keep '': not recorded.
ALTER TABLE reminders ADD COLUMN by_user TEXT NOT NULL DEFAULT '';
ALTER TABLE claim_entries ADD COLUMN by_user TEXT NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN by_user TEXT NOT NULL DEFAULT '';
ALTER TABLE amili_reports ADD COLUMN by_user TEXT NOT NULL DEFAULT '';
