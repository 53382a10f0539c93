-- 030: the indexes of the list's and the dialog's other orders hold the customer, so
-- a search of many walked in one of them (data/search.go, walkMatchingCustomers)
-- tests each entry by its customer, among those whose names match, and by its ID,
-- among the invoices whose numbers match, without reading its row: at 1,000,000
-- invoices the list's page of "bygg" (some 20,000 matches) by claim read each walked
-- row, 74 ms. The customer comes after the invoice's ID (the rowid, named as id),
-- which is unique: the index's order is its order without the customer, the one the
-- pages' ORDER BY reads (listSorts, candidateSorts, claimOrder), and the expressions
-- are those of the indexes they replace (021_few_filters_cover.sql, 017_pauses.sql,
-- 001_init.sql). By status the number, unique too, comes before the customer.
-- PostgreSQL's 030 (data/pgmigrations/030_orders_hold_the_customer.sql) keeps the
-- two engines' migrations numbered alike.
DROP INDEX invoices_by_claim;
CREATE INDEX invoices_by_claim ON invoices ((total_ore - paid_ore + charges_ore), total_ore, paid_ore,
	due_date, reminder_count, id, customer_id);

DROP INDEX invoices_by_balance;
CREATE INDEX invoices_by_balance ON invoices ((total_ore - paid_ore), id, customer_id);

DROP INDEX invoices_eligible_by_reminders;
CREATE INDEX invoices_eligible_by_reminders ON invoices (reminder_count, due_date, id, customer_id)
	WHERE total_ore > paid_ore AND amili_state IN ('', 'closed') AND pause = '';

DROP INDEX invoices_by_reminders;
CREATE INDEX invoices_by_reminders ON invoices (reminder_count, id, customer_id);

DROP INDEX invoices_by_invoice_date;
CREATE INDEX invoices_by_invoice_date ON invoices (invoice_date, id, customer_id);

DROP INDEX invoices_by_total;
CREATE INDEX invoices_by_total ON invoices (total_ore, id, customer_id);

DROP INDEX invoices_by_last_reminded;
CREATE INDEX invoices_by_last_reminded ON invoices (last_reminded, id, customer_id);

DROP INDEX invoices_by_status;
CREATE INDEX invoices_by_status ON invoices ((CASE WHEN (total_ore - paid_ore) <= 0 AND charges_ore <= 0 THEN 5
	WHEN (total_ore - paid_ore) <= 0 THEN 4 WHEN amili_state NOT IN ('', 'closed') THEN 3
	WHEN pause != '' THEN 2 WHEN reminder_count > 0 THEN 1 ELSE 0 END), due_date, number, customer_id);
