-- 002_amili_list: the invoice list's "with Amili" filter sorts its few invoices (it
-- reads no index in the list's order) by any column. The Amili index now holds every
-- invoice column a sort key reads, and the customer to join for the customer order,
-- so the sort reads no table row; the page's 100 rows are joined afterwards.
DROP INDEX invoices_with_amili;
CREATE INDEX invoices_with_amili ON invoices (amili_state, amili_case_ref, due_date, number,
	total_ore, paid_ore, reminder_count, invoice_date, last_reminded, customer_id)
	WHERE amili_state != '';
