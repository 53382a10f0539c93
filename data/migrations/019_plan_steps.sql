-- 019_plan_steps: the reminder plan's step each reminder took (issue 22, core/plan.go,
-- core/service_planrun.go). Until now an invoice's place in its plan was its reminder
-- count. A user's override may skip a step, so the step taken is recorded and the
-- plan's reads follow it.

-- The plan step the reminder took, 1-based, or 0 for a reminder sent outside the plan.
-- Its action (what it did: a reminder, the company's own inkassokrav, the hand-over to
-- Amili), the step's name, and the step's texts as filled in for the invoice ('' where
-- no step text was given: the letter's own words are used).
ALTER TABLE reminders ADD COLUMN step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reminders ADD COLUMN action TEXT NOT NULL DEFAULT 'reminder'
	CHECK (action IN ('reminder', 'inkasso', 'amili'));
ALTER TABLE reminders ADD COLUMN step_name TEXT NOT NULL DEFAULT '';
ALTER TABLE reminders ADD COLUMN letter_text TEXT NOT NULL DEFAULT '';
ALTER TABLE reminders ADD COLUMN email_text TEXT NOT NULL DEFAULT '';

-- The invoice's last plan step taken (0: none), kept by each batch beside the reminder
-- count, so the plan's reads take it from the row and its indexes.
ALTER TABLE invoices ADD COLUMN plan_step INTEGER NOT NULL DEFAULT 0;

-- The reminders before this migration each took the next step, as the plan counted
-- them: numbered in the order they were taken (date, then id). An invoice whose count
-- is higher than its reminders (a count imported with the invoice) has its reminders
-- numbered after the count's untold ones, so every book keeps its place.
UPDATE reminders SET action = 'amili' WHERE type = 'amili';
UPDATE reminders SET step = o.n + max(0, o.counted - o.total)
	FROM (SELECT r.id, row_number() OVER (PARTITION BY r.invoice_id ORDER BY r.date, r.id) AS n,
			count(*) OVER (PARTITION BY r.invoice_id) AS total, i.reminder_count AS counted
		FROM reminders r JOIN invoices i ON i.id = r.invoice_id) AS o
	WHERE o.id = reminders.id;
UPDATE invoices SET plan_step = reminder_count WHERE reminder_count > 0;

-- "Dags enligt planen" (data/plandue.go) counts the reminded invoices due for a step
-- (those reminded outside the plan only, at step 0 and never due on the day of that
-- reminder, and those past their first step) by last reminded date, testing their
-- step, due date, Amili state and pause: the reminded invoices' index by last reminded
-- date (008_any_size.sql, the list's "reminded" filter in that order) holds them all,
-- so the count reads no row. A batch rewrites its invoices' entries in that index
-- already (it sets last_reminded), so this costs a batch nothing more. The invoices
-- never reminded are counted from invoice_sums and rule 1's index by reminder count,
-- as before.
DROP INDEX invoices_reminded_by_last_reminded;
CREATE INDEX invoices_reminded_by_last_reminded ON invoices (last_reminded, plan_step, due_date, amili_state, pause)
	WHERE total_ore > paid_ore AND reminder_count > 0;
