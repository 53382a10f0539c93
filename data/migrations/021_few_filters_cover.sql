-- 021_few_filters_cover: the list's first page at 1,000,000 invoices with claims in
-- the book (issue 20's standard; BENCHMARKS.md, "The list at 1,000,000 with claims").
--
-- The filters of few invoices ("with Amili", "costs left") sorted their invoices by
-- the page's key (data/invoicelist.go, fewIndexes), reading each one's row for it:
-- 12–23 ms of CPU for the 9,000 with Amili and the 4,800 with costs left at
-- 1,000,000. Each order of theirs now has an index of the filter's own invoices (as
-- filterIndexes has for the larger filters), so a page reads its rows in order and
-- stops after them. None is written by a manual reminder batch: its invoices are in
-- neither filter.

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

-- "With Amili" in the status order: the Amili invoices by their status, so its page
-- reads them in order (the status order's whole-book index holds every paid invoice
-- before the first one with Amili, walked from the end).
CREATE INDEX invoices_with_amili_by_status ON invoices ((CASE WHEN (total_ore - paid_ore) <= 0 AND charges_ore <= 0 THEN 5
	WHEN (total_ore - paid_ore) <= 0 THEN 4 WHEN amili_state NOT IN ('', 'closed') THEN 3
	WHEN pause != '' THEN 2 WHEN reminder_count > 0 THEN 1 ELSE 0 END), due_date, number)
	WHERE amili_state NOT IN ('', 'closed');

CREATE INDEX invoices_with_amili_by_due_date ON invoices (due_date, number)
	WHERE amili_state NOT IN ('', 'closed');
CREATE INDEX invoices_with_amili_by_number ON invoices (number)
	WHERE amili_state NOT IN ('', 'closed');
CREATE INDEX invoices_with_amili_by_invoice_date ON invoices (invoice_date)
	WHERE amili_state NOT IN ('', 'closed');
CREATE INDEX invoices_with_amili_by_total ON invoices (total_ore)
	WHERE amili_state NOT IN ('', 'closed');
CREATE INDEX invoices_with_amili_by_claim ON invoices ((total_ore - paid_ore + charges_ore), total_ore, paid_ore, due_date, reminder_count)
	WHERE amili_state NOT IN ('', 'closed');
CREATE INDEX invoices_with_amili_by_reminders ON invoices (reminder_count)
	WHERE amili_state NOT IN ('', 'closed');
CREATE INDEX invoices_with_amili_by_last_reminded ON invoices (last_reminded)
	WHERE amili_state NOT IN ('', 'closed');
CREATE INDEX invoices_charged_by_number ON invoices (number)
	WHERE (total_ore - paid_ore) <= 0 AND charges_ore > 0;
CREATE INDEX invoices_charged_by_invoice_date ON invoices (invoice_date)
	WHERE (total_ore - paid_ore) <= 0 AND charges_ore > 0;
CREATE INDEX invoices_charged_by_total ON invoices (total_ore)
	WHERE (total_ore - paid_ore) <= 0 AND charges_ore > 0;
CREATE INDEX invoices_charged_by_claim ON invoices ((total_ore - paid_ore + charges_ore), total_ore, paid_ore, due_date, reminder_count)
	WHERE (total_ore - paid_ore) <= 0 AND charges_ore > 0;
CREATE INDEX invoices_charged_by_reminders ON invoices (reminder_count)
	WHERE (total_ore - paid_ore) <= 0 AND charges_ore > 0;
CREATE INDEX invoices_charged_by_last_reminded ON invoices (last_reminded)
	WHERE (total_ore - paid_ore) <= 0 AND charges_ore > 0;
CREATE INDEX invoices_charged_by_status ON invoices ((CASE WHEN (total_ore - paid_ore) <= 0 AND charges_ore <= 0 THEN 5
	WHEN (total_ore - paid_ore) <= 0 THEN 4 WHEN amili_state NOT IN ('', 'closed') THEN 3
	WHEN pause != '' THEN 2 WHEN reminder_count > 0 THEN 1 ELSE 0 END), due_date, number)
	WHERE (total_ore - paid_ore) <= 0 AND charges_ore > 0;

-- The reminded invoices by last reminded date hold the plan's columns since
-- 019_plan_steps.sql; the ID right after the date keeps the list's order (last
-- reminded, then ID) in the index, so the list's page by last reminded reads in order
-- again (19–21 ms at 1,000,000 with the plan's columns between, sorting each day's
-- thousands), and the plan's count still reads no row.
DROP INDEX invoices_reminded_by_last_reminded;
CREATE INDEX invoices_reminded_by_last_reminded ON invoices (last_reminded, id, plan_step, due_date, amili_state, pause)
	WHERE total_ore > paid_ore AND reminder_count > 0;
