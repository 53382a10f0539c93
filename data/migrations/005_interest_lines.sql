-- 005_interest_lines: interest follows the payments (rule 5), so a reminder's interest
-- may run at several rates on several bases; the letter shows one line for each. The
-- lines are a JSON array (see interestLinesText); '' for a reminder without interest
-- or from before this migration.
ALTER TABLE reminders ADD COLUMN interest_lines TEXT NOT NULL DEFAULT '';
-- The interest reads each candidate's payments after its due date: an index holding
-- the date and amount answers that without reading the payments' rows. It serves every
-- lookup the index on invoice_id alone did.
CREATE INDEX payments_by_invoice_date ON payments (invoice_id, date, amount_ore);
DROP INDEX payments_by_invoice;
