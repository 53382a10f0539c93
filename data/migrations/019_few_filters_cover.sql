-- 019_few_filters_cover: the list's first page at 1,000,000 invoices with claims in
-- the book (issue 20's standard; BENCHMARKS.md, "The list at 1,000,000 with claims").
--
-- The filters of few invoices ("with Amili", "costs left") sort their invoices by any
-- column rather than walk an order's index (data/invoicelist.go, fewIndexes). Their
-- indexes now hold every column a sort key reads, the claim's charges_ore and the
-- status's pause among them, so the sort reads no table row, as 002_amili_list.sql
-- first made the Amili index do.
DROP INDEX invoices_with_amili;
CREATE INDEX invoices_with_amili ON invoices (amili_state, amili_case_ref, due_date, number,
	total_ore, paid_ore, charges_ore, reminder_count, invoice_date, last_reminded, customer_id, pause)
	WHERE amili_state NOT IN ('', 'closed');

DROP INDEX invoices_charged;
CREATE INDEX invoices_charged ON invoices (due_date, number, total_ore, paid_ore, charges_ore,
	reminder_count, invoice_date, last_reminded, customer_id, amili_state, pause)
	WHERE (total_ore - paid_ore) <= 0 AND charges_ore > 0;

-- Sorted by customer, "costs left" walks the customers by name and each one's few
-- such invoices, as "with Amili" does (invoices_with_amili_by_customer).
CREATE INDEX invoices_charged_by_customer ON invoices (customer_id)
	WHERE (total_ore - paid_ore) <= 0 AND charges_ore > 0;

-- The claim's order holds what the open filters test, so a page by balance skips the
-- claims it cannot show (the paid invoices' costs left, the not yet due) in the index
-- instead of reading each one's row.
DROP INDEX invoices_by_claim;
CREATE INDEX invoices_by_claim ON invoices ((total_ore - paid_ore + charges_ore), total_ore, paid_ore,
	due_date, reminder_count);
