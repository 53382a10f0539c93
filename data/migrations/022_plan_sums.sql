-- 022_plan_sums: "Dags enligt planen"'s count (data/plandue.go, CountDueByPlan) kept as
-- sums, as invoice_sums keeps the list's totals (issue 22: the count ≤ 20 ms at
-- 1,000,000 invoices; it read one index entry per reminded open invoice, 39–47 ms).
--
-- core's rule (core.Plan.NextStep, as cutoffs: core.Plan.Cutoffs) for an invoice that
-- is open, not with Amili and not paused, having taken k steps (plan_step): its next
-- step is due on today when the day it counts from — its due date at step 0 (or with
-- no reminder day), else its last reminder's day — is on or before cutoffs[k] (which
-- lies before today), it is due before today, and, at step 0, it was not reminded
-- today. plan_sums counts those invoices by customer kind, step and that day; `due` is
-- '' where the day already shows the invoice due before it (every cutoff lies before
-- today, so "due < today" holds for it), else the due date, so a count tests
-- "due < today" on the row. The step-0 invoices reminded on or after today (a batch of
-- today, outside the plan) are few and taken off by the count from the index by last
-- reminded date.
CREATE TABLE plan_sums (
	step    INTEGER NOT NULL, -- plan_step
	company INTEGER NOT NULL, -- the customer's is_company != 0
	day     TEXT    NOT NULL, -- due_date at step 0 or without a reminder day, else last_reminded
	due     TEXT    NOT NULL, -- '' when due_date is on or before day, else due_date
	n       INTEGER NOT NULL,
	PRIMARY KEY (step, company, day, due)
) WITHOUT ROWID;

INSERT INTO plan_sums (step, company, day, due, n)
	SELECT i.plan_step, c.is_company != 0,
		CASE WHEN i.plan_step = 0 OR i.last_reminded = '' THEN i.due_date ELSE i.last_reminded END,
		CASE WHEN i.plan_step = 0 OR i.last_reminded = '' OR i.due_date <= i.last_reminded THEN '' ELSE i.due_date END,
		count(*)
	FROM invoices i JOIN customers c ON c.id = i.customer_id
	WHERE i.total_ore > i.paid_ore AND i.amili_state IN ('', 'closed') AND i.pause = ''
	GROUP BY 1, 2, 3, 4;

CREATE TRIGGER plan_sums_insert AFTER INSERT ON invoices
	WHEN NEW.total_ore > NEW.paid_ore AND NEW.amili_state IN ('', 'closed') AND NEW.pause = ''
BEGIN
	INSERT INTO plan_sums (step, company, day, due, n)
		VALUES (NEW.plan_step, coalesce((SELECT c.is_company != 0 FROM customers c WHERE c.id = NEW.customer_id), 0),
			CASE WHEN NEW.plan_step = 0 OR NEW.last_reminded = '' THEN NEW.due_date ELSE NEW.last_reminded END,
			CASE WHEN NEW.plan_step = 0 OR NEW.last_reminded = '' OR NEW.due_date <= NEW.last_reminded THEN '' ELSE NEW.due_date END,
			1)
		ON CONFLICT (step, company, day, due) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER plan_sums_delete AFTER DELETE ON invoices
	WHEN OLD.total_ore > OLD.paid_ore AND OLD.amili_state IN ('', 'closed') AND OLD.pause = ''
BEGIN
	UPDATE plan_sums SET n = n - 1
		WHERE step = OLD.plan_step
		AND company = coalesce((SELECT c.is_company != 0 FROM customers c WHERE c.id = OLD.customer_id), 0)
		AND day = CASE WHEN OLD.plan_step = 0 OR OLD.last_reminded = '' THEN OLD.due_date ELSE OLD.last_reminded END
		AND due = CASE WHEN OLD.plan_step = 0 OR OLD.last_reminded = '' OR OLD.due_date <= OLD.last_reminded THEN '' ELSE OLD.due_date END;
END;

-- A manual reminder batch keeps plan_sums for its invoices itself, as it keeps
-- invoice_sums (data/plansums.go, batchPlanSumsSQL): only a batch writes plan_step and
-- last_reminded once an invoice is in the book (data/plansums_test.go holds the
-- store's code to that), so this trigger does not name them, and is not compiled into
-- a batch's UPDATE (see invoice_sums_update below). An Amili batch changes
-- amili_state, which takes its invoices out of the sums here. Every other change that
-- moves an invoice in or out of the sums or to another row of them (a payment that
-- settles it or opens it again, Amili, a pause, a changed due date or customer) is
-- followed here; a part payment is not one.
CREATE TRIGGER plan_sums_update AFTER UPDATE OF total_ore, paid_ore, amili_state, pause, due_date, customer_id
	ON invoices
	WHEN (OLD.reminder_count = NEW.reminder_count
			OR (OLD.amili_state IN ('', 'closed')) != (NEW.amili_state IN ('', 'closed')))
		AND ((OLD.total_ore > OLD.paid_ore AND OLD.amili_state IN ('', 'closed') AND OLD.pause = '')
			!= (NEW.total_ore > NEW.paid_ore AND NEW.amili_state IN ('', 'closed') AND NEW.pause = '')
			OR ((NEW.total_ore > NEW.paid_ore AND NEW.amili_state IN ('', 'closed') AND NEW.pause = '')
				AND (OLD.plan_step != NEW.plan_step OR OLD.last_reminded != NEW.last_reminded
					OR OLD.due_date != NEW.due_date OR OLD.customer_id != NEW.customer_id)))
BEGIN
	UPDATE plan_sums SET n = n - 1
		WHERE OLD.total_ore > OLD.paid_ore AND OLD.amili_state IN ('', 'closed') AND OLD.pause = ''
		AND step = OLD.plan_step
		AND company = coalesce((SELECT c.is_company != 0 FROM customers c WHERE c.id = OLD.customer_id), 0)
		AND day = CASE WHEN OLD.plan_step = 0 OR OLD.last_reminded = '' THEN OLD.due_date ELSE OLD.last_reminded END
		AND due = CASE WHEN OLD.plan_step = 0 OR OLD.last_reminded = '' OR OLD.due_date <= OLD.last_reminded THEN '' ELSE OLD.due_date END;
	INSERT INTO plan_sums (step, company, day, due, n)
		SELECT NEW.plan_step, coalesce((SELECT c.is_company != 0 FROM customers c WHERE c.id = NEW.customer_id), 0),
			CASE WHEN NEW.plan_step = 0 OR NEW.last_reminded = '' THEN NEW.due_date ELSE NEW.last_reminded END,
			CASE WHEN NEW.plan_step = 0 OR NEW.last_reminded = '' OR NEW.due_date <= NEW.last_reminded THEN '' ELSE NEW.due_date END,
			1
		WHERE NEW.total_ore > NEW.paid_ore AND NEW.amili_state IN ('', 'closed') AND NEW.pause = ''
		ON CONFLICT (step, company, day, due) DO UPDATE SET n = n + 1;
END;

-- A customer who becomes a company (or stops being one) takes its invoices to the
-- other plan's rows.
CREATE TRIGGER plan_sums_company AFTER UPDATE OF is_company ON customers
	WHEN (OLD.is_company != 0) != (NEW.is_company != 0)
BEGIN
	INSERT INTO plan_sums (step, company, day, due, n)
		SELECT i.plan_step, k.company,
			CASE WHEN i.plan_step = 0 OR i.last_reminded = '' THEN i.due_date ELSE i.last_reminded END,
			CASE WHEN i.plan_step = 0 OR i.last_reminded = '' OR i.due_date <= i.last_reminded THEN '' ELSE i.due_date END,
			k.sign * count(*)
		FROM invoices i, (SELECT OLD.is_company != 0 AS company, -1 AS sign
			UNION ALL SELECT NEW.is_company != 0, 1) k
		WHERE i.customer_id = NEW.id
		AND i.total_ore > i.paid_ore AND i.amili_state IN ('', 'closed') AND i.pause = ''
		GROUP BY 1, 2, 3, 4
		ON CONFLICT (step, company, day, due) DO UPDATE SET n = n + excluded.n;
END;

-- invoice_sums' update trigger (017_pauses.sql) no longer names charges_ore: only a
-- manual reminder batch changes the charges without the principal paid (payments,
-- waivers and reversals change paid_ore with them), and it keeps invoice_sums itself.
-- A trigger that names a column a batch's UPDATE sets is compiled into that UPDATE:
-- its program runs for each of the 200 invoices, and its upsert (which may abort)
-- makes SQLite keep a statement journal of every page the UPDATE changes.
DROP TRIGGER invoice_sums_update;
CREATE TRIGGER invoice_sums_update AFTER UPDATE OF due_date, total_ore, paid_ore, amili_state, pause
	ON invoices
	WHEN (OLD.reminder_count = NEW.reminder_count
			OR (OLD.amili_state NOT IN ('', 'closed')) != (NEW.amili_state NOT IN ('', 'closed')))
		AND (OLD.due_date != NEW.due_date OR OLD.total_ore != NEW.total_ore OR OLD.paid_ore != NEW.paid_ore
			OR OLD.charges_ore != NEW.charges_ore OR (OLD.reminder_count > 0) != (NEW.reminder_count > 0)
			OR (OLD.amili_state NOT IN ('', 'closed')) != (NEW.amili_state NOT IN ('', 'closed'))
			OR (OLD.pause != '') != (NEW.pause != ''))
BEGIN
	UPDATE invoice_sums SET n = n - 1, balance_ore = balance_ore - (OLD.total_ore - OLD.paid_ore),
		charges_ore = charges_ore - OLD.charges_ore
		WHERE due_date = OLD.due_date AND open = (OLD.total_ore > OLD.paid_ore)
		AND reminded = (OLD.reminder_count > 0) AND amili = (OLD.amili_state NOT IN ('', 'closed'))
		AND charged = (OLD.charges_ore > 0) AND paused = (OLD.pause != '');
	INSERT INTO invoice_sums (due_date, open, reminded, amili, charged, paused, n, balance_ore, charges_ore)
		VALUES (NEW.due_date, NEW.total_ore > NEW.paid_ore, NEW.reminder_count > 0,
			NEW.amili_state NOT IN ('', 'closed'), NEW.charges_ore > 0, NEW.pause != '', 1,
			NEW.total_ore - NEW.paid_ore, NEW.charges_ore)
		ON CONFLICT (due_date, open, reminded, amili, charged, paused)
		DO UPDATE SET n = n + 1, balance_ore = balance_ore + excluded.balance_ore,
			charges_ore = charges_ore + excluded.charges_ore;
END;
