-- 008_any_size: the reminder dialog pages its candidates and counts them, and three
-- orders of the invoice list that walked a sort index far past what their filter
-- matches read an index of their filter's own invoices instead.

-- The eligible invoices (rule 1 without Amili's own terms: a balance, not with
-- Amili; due before today is a range of the first column): the dialog's count and
-- sum of balances read this narrow index alone.
CREATE INDEX invoices_eligible ON invoices (due_date, total_ore, paid_ore)
	WHERE total_ore > paid_ore AND amili_state = '';

-- The open invoices by invoice date, with the due date beside it so "overdue" is
-- judged in the index: the newest invoices are not due yet, and stepping over a
-- month of them row by row costs more than a page.
CREATE INDEX invoices_open_by_invoice_date ON invoices (invoice_date, id, due_date)
	WHERE total_ore > paid_ore;

-- The invoices with Amili by customer, for their filter's customer order: the list
-- walks the customers by name and seeks each one's few invoices here.
CREATE INDEX invoices_with_amili_by_customer ON invoices (customer_id)
	WHERE amili_state != '';

-- The eligible invoices by earlier reminders, then due date: the dialog's order by
-- reminders, which in the whole book's index would step over the paid invoices.
CREATE INDEX invoices_eligible_by_reminders ON invoices (reminder_count, due_date)
	WHERE total_ore > paid_ore AND amili_state = '';

-- The "reminded" filter by last reminded: the never-reminded invoices (most of a
-- book) sort first in invoices_by_last_reminded and are not in this one.
CREATE INDEX invoices_reminded_by_last_reminded ON invoices (last_reminded)
	WHERE total_ore > paid_ore AND reminder_count > 0;

-- The "paid" filter by last reminded or by reminders: the reminded invoices are
-- mostly unpaid and sort first, descending, in the whole book's indexes. A reminder
-- batch never writes to these (it reminds open invoices only).
CREATE INDEX invoices_paid_by_last_reminded ON invoices (last_reminded)
	WHERE (total_ore - paid_ore) <= 0;
CREATE INDEX invoices_paid_by_reminders ON invoices (reminder_count)
	WHERE (total_ore - paid_ore) <= 0;

-- The invoice numbers longest first, and in text order within a length, which is
-- numeric order for numbers of one pattern: the new-invoice form suggests the number
-- after the highest from the first few, without reading every number.
CREATE INDEX invoices_by_number_length ON invoices (length(number), number);

-- The list's totals and the dialog's count, kept up to date instead of counted: the
-- invoices' count and balance by due date and by the three facts the filters test
-- (a balance left, reminded, with Amili). "Overdue" is a range of due dates, so every
-- total is a sum over a few thousand rows of this table, however large the book.
CREATE TABLE invoice_sums (
	due_date    TEXT    NOT NULL,
	open        INTEGER NOT NULL, -- total_ore > paid_ore
	reminded    INTEGER NOT NULL, -- reminder_count > 0
	amili       INTEGER NOT NULL, -- amili_state != ''
	n           INTEGER NOT NULL,
	balance_ore INTEGER NOT NULL, -- Σ (total_ore - paid_ore)
	PRIMARY KEY (due_date, open, reminded, amili)
) WITHOUT ROWID;

INSERT INTO invoice_sums (due_date, open, reminded, amili, n, balance_ore)
	SELECT due_date, total_ore > paid_ore, reminder_count > 0, amili_state != '', count(*), sum(total_ore - paid_ore)
	FROM invoices GROUP BY 1, 2, 3, 4;

CREATE TRIGGER invoice_sums_insert AFTER INSERT ON invoices BEGIN
	INSERT INTO invoice_sums (due_date, open, reminded, amili, n, balance_ore)
		VALUES (NEW.due_date, NEW.total_ore > NEW.paid_ore, NEW.reminder_count > 0, NEW.amili_state != '',
			1, NEW.total_ore - NEW.paid_ore)
		ON CONFLICT (due_date, open, reminded, amili)
		DO UPDATE SET n = n + 1, balance_ore = balance_ore + excluded.balance_ore;
END;

CREATE TRIGGER invoice_sums_delete AFTER DELETE ON invoices BEGIN
	UPDATE invoice_sums SET n = n - 1, balance_ore = balance_ore - (OLD.total_ore - OLD.paid_ore)
		WHERE due_date = OLD.due_date AND open = (OLD.total_ore > OLD.paid_ore)
		AND reminded = (OLD.reminder_count > 0) AND amili = (OLD.amili_state != '');
END;

-- Only an update that moves an invoice to another row, or changes its balance, writes
-- here. A manual reminder batch sets reminder_count and last_reminded alone, which
-- this trigger does not follow: run for each of 200 invoices it would cost a third of
-- the batch, so the batch moves its first reminders to "reminded" itself, in two
-- statements (data/batches.go). An Amili batch sets amili_state too, and is followed.
CREATE TRIGGER invoice_sums_update AFTER UPDATE OF due_date, total_ore, paid_ore, amili_state
	ON invoices
	WHEN OLD.due_date != NEW.due_date OR OLD.total_ore != NEW.total_ore OR OLD.paid_ore != NEW.paid_ore
		OR (OLD.reminder_count > 0) != (NEW.reminder_count > 0) OR (OLD.amili_state != '') != (NEW.amili_state != '')
BEGIN
	UPDATE invoice_sums SET n = n - 1, balance_ore = balance_ore - (OLD.total_ore - OLD.paid_ore)
		WHERE due_date = OLD.due_date AND open = (OLD.total_ore > OLD.paid_ore)
		AND reminded = (OLD.reminder_count > 0) AND amili = (OLD.amili_state != '');
	INSERT INTO invoice_sums (due_date, open, reminded, amili, n, balance_ore)
		VALUES (NEW.due_date, NEW.total_ore > NEW.paid_ore, NEW.reminder_count > 0, NEW.amili_state != '',
			1, NEW.total_ore - NEW.paid_ore)
		ON CONFLICT (due_date, open, reminded, amili)
		DO UPDATE SET n = n + 1, balance_ore = balance_ore + excluded.balance_ore;
END;
