-- 010_closed_amili_case: an invoice whose Amili case is closed while money is still
-- owed (withdrawn by the creditor, or closed by Amili) is no longer with Amili
-- (core.AmiliStatesNotWithAmili): it is an ordinary open or overdue invoice again, may
-- be reminded, and leaves the "with Amili" filter and its status rank. "With Amili"
-- was amili_state != ''; it is now amili_state NOT IN ('', 'closed'), and every index
-- and invoice_sums' triggers that test it are made again with the expression the store
-- renders from core (data/invoicefacts.go; invoicefacts_test.go checks they agree).

DROP INDEX invoices_by_status;
CREATE INDEX invoices_by_status ON invoices ((CASE WHEN (total_ore - paid_ore) <= 0 THEN 3
	WHEN amili_state NOT IN ('', 'closed') THEN 2 WHEN reminder_count > 0 THEN 1 ELSE 0 END), due_date, number);

DROP INDEX invoices_with_amili;
CREATE INDEX invoices_with_amili ON invoices (amili_state, amili_case_ref, due_date, number,
	total_ore, paid_ore, reminder_count, invoice_date, last_reminded, customer_id)
	WHERE amili_state NOT IN ('', 'closed');

DROP INDEX invoices_with_amili_by_customer;
CREATE INDEX invoices_with_amili_by_customer ON invoices (customer_id)
	WHERE amili_state NOT IN ('', 'closed');

DROP INDEX invoices_eligible;
CREATE INDEX invoices_eligible ON invoices (due_date, total_ore, paid_ore)
	WHERE total_ore > paid_ore AND amili_state IN ('', 'closed');

DROP INDEX invoices_eligible_by_reminders;
CREATE INDEX invoices_eligible_by_reminders ON invoices (reminder_count, due_date)
	WHERE total_ore > paid_ore AND amili_state IN ('', 'closed');

-- invoice_sums' amili column is "with Amili" as now defined: counted again.
DROP TRIGGER invoice_sums_insert;
DROP TRIGGER invoice_sums_delete;
DROP TRIGGER invoice_sums_update;
DELETE FROM invoice_sums;
INSERT INTO invoice_sums (due_date, open, reminded, amili, n, balance_ore)
	SELECT due_date, total_ore > paid_ore, reminder_count > 0, amili_state NOT IN ('', 'closed'),
		count(*), sum(total_ore - paid_ore)
	FROM invoices GROUP BY 1, 2, 3, 4;

CREATE TRIGGER invoice_sums_insert AFTER INSERT ON invoices BEGIN
	INSERT INTO invoice_sums (due_date, open, reminded, amili, n, balance_ore)
		VALUES (NEW.due_date, NEW.total_ore > NEW.paid_ore, NEW.reminder_count > 0,
			NEW.amili_state NOT IN ('', 'closed'), 1, NEW.total_ore - NEW.paid_ore)
		ON CONFLICT (due_date, open, reminded, amili)
		DO UPDATE SET n = n + 1, balance_ore = balance_ore + excluded.balance_ore;
END;

CREATE TRIGGER invoice_sums_delete AFTER DELETE ON invoices BEGIN
	UPDATE invoice_sums SET n = n - 1, balance_ore = balance_ore - (OLD.total_ore - OLD.paid_ore)
		WHERE due_date = OLD.due_date AND open = (OLD.total_ore > OLD.paid_ore)
		AND reminded = (OLD.reminder_count > 0) AND amili = (OLD.amili_state NOT IN ('', 'closed'));
END;

-- As in 008_any_size.sql: a manual reminder batch moves its first reminders itself
-- (data/batches.go); every other change of a row or a balance is followed here.
CREATE TRIGGER invoice_sums_update AFTER UPDATE OF due_date, total_ore, paid_ore, amili_state
	ON invoices
	WHEN OLD.due_date != NEW.due_date OR OLD.total_ore != NEW.total_ore OR OLD.paid_ore != NEW.paid_ore
		OR (OLD.reminder_count > 0) != (NEW.reminder_count > 0)
		OR (OLD.amili_state NOT IN ('', 'closed')) != (NEW.amili_state NOT IN ('', 'closed'))
BEGIN
	UPDATE invoice_sums SET n = n - 1, balance_ore = balance_ore - (OLD.total_ore - OLD.paid_ore)
		WHERE due_date = OLD.due_date AND open = (OLD.total_ore > OLD.paid_ore)
		AND reminded = (OLD.reminder_count > 0) AND amili = (OLD.amili_state NOT IN ('', 'closed'));
	INSERT INTO invoice_sums (due_date, open, reminded, amili, n, balance_ore)
		VALUES (NEW.due_date, NEW.total_ore > NEW.paid_ore, NEW.reminder_count > 0,
			NEW.amili_state NOT IN ('', 'closed'), 1, NEW.total_ore - NEW.paid_ore)
		ON CONFLICT (due_date, open, reminded, amili)
		DO UPDATE SET n = n + 1, balance_ore = balance_ore + excluded.balance_ore;
END;

-- The open invoices' narrow index served the overdue totals before invoice_sums did;
-- no query reads it now (invoicefacts_test.go), and every payment wrote to it.
DROP INDEX IF EXISTS invoices_open_balance;
