-- 004_interest_lines: interest follows the payments (rule 5), so a reminder's interest
-- may run at several rates on several bases; the letter shows one line for each. The
-- lines are a JSON array (see interestLinesText); '' for a reminder without interest
-- or from before this migration.
ALTER TABLE reminders ADD COLUMN interest_lines TEXT NOT NULL DEFAULT '';
