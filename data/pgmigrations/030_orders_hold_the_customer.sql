-- 030 on PostgreSQL: the indexes a search's page walks in the list's orders but by
-- customer, and in the dialog by balance and by reminders, hold the ID and every column
-- the page tests and orders by, so the page reads its IDs from the index alone (an
-- index-only scan, data/pglist.go, pgPageByIDs), as 029 made them by due date: an
-- entry not among a listed search's matches, or failing the test of a search of many
-- (its number, its customer), reads no row. Before, such a page read each listed
-- match's row and sorted them (searchPlan.listedFirst; at 1,000,000 invoices the
-- list's page of "bröderna", 4,317 matches, by number 30–34 ms), or read each walked
-- entry's row ("bygg" by claim 28–54 ms). An index-only scan cannot compute an
-- expression the index holds without the columns it is made of: the claim's index
-- gains the charges. SQLite's 030 (data/migrations/030_orders_hold_the_customer.sql)
-- gives its indexes of the other orders the customer, after the ID.

-- The customers by name and then ID, as SQLite's index holds them and the customer
-- order sorts them: a page walking the customers by name, testing each among a
-- search's (searchPlans.byCustomer), reads the index alone. At 1,000,000 invoices the
-- list's page of "malin" by customer read 31,849 customers' rows, 10 ms, before the
-- first Malin.
DROP INDEX customers_by_name;
CREATE INDEX customers_by_name ON customers (name, id);

-- Each customer's invoices, by the customer and then the ID as 027 made them, with
-- the number and what the dialog's eligibility and Amili terms test: a page walking
-- the customers by name tests each of their invoices from this index alone. At
-- 1,000,000 invoices the list's page of "q" by customer read 3,979 invoice rows (and
-- looked each one's customer up again) to fill 100.
DROP INDEX invoices_by_customer;
CREATE INDEX invoices_by_customer ON invoices (customer_id, id)
	INCLUDE (number, total_ore, paid_ore, due_date, amili_state, pause, currency, amili_case_ref);

-- The list by claim.
DROP INDEX invoices_by_claim;
CREATE INDEX invoices_by_claim ON invoices ((total_ore - paid_ore + charges_ore), total_ore, paid_ore,
	due_date, reminder_count, id) INCLUDE (charges_ore, number, customer_id);

-- The list by number.
DROP INDEX invoices_by_number;
CREATE UNIQUE INDEX invoices_by_number ON invoices (number) INCLUDE (id, customer_id);

-- The list's other orders, each ending in the ID as 027 made them: with the number
-- and the customer; by status with what its rank is made of.
DROP INDEX invoices_by_invoice_date;
CREATE INDEX invoices_by_invoice_date ON invoices (invoice_date, id) INCLUDE (number, customer_id);
DROP INDEX invoices_by_total;
CREATE INDEX invoices_by_total ON invoices (total_ore, id) INCLUDE (number, customer_id);
DROP INDEX invoices_by_reminders;
CREATE INDEX invoices_by_reminders ON invoices (reminder_count, id) INCLUDE (number, customer_id);
DROP INDEX invoices_by_last_reminded;
CREATE INDEX invoices_by_last_reminded ON invoices (last_reminded, id) INCLUDE (number, customer_id);
DROP INDEX invoices_by_status;
CREATE INDEX invoices_by_status ON invoices ((CASE WHEN (total_ore - paid_ore) <= 0 AND charges_ore <= 0 THEN 5
	WHEN (total_ore - paid_ore) <= 0 THEN 4 WHEN amili_state NOT IN ('', 'closed') THEN 3
	WHEN pause != '' THEN 2 WHEN reminder_count > 0 THEN 1 ELSE 0 END), due_date, number)
	INCLUDE (total_ore, paid_ore, charges_ore, amili_state, pause, reminder_count, id, customer_id);

-- The dialog by balance, its candidates alone (the eligibility's terms that need no
-- date, as invoices_eligible_by_reminders has them), by the balance and then the ID
-- as the dialog orders them, with the due date (the eligibility's last term) and what
-- the Amili terms test. Only the dialog sorts by the balance (candidateSorts; the
-- list's balance column sorts by claim).
DROP INDEX invoices_by_balance;
CREATE INDEX invoices_by_balance ON invoices ((total_ore - paid_ore), id)
	INCLUDE (total_ore, paid_ore, due_date, number, customer_id, currency, amili_case_ref)
	WHERE total_ore > paid_ore AND amili_state IN ('', 'closed') AND pause = '';

-- The dialog by reminders, ending in the ID as the dialog orders them.
DROP INDEX invoices_eligible_by_reminders;
CREATE INDEX invoices_eligible_by_reminders ON invoices (reminder_count, due_date, id)
	INCLUDE (total_ore, paid_ore, number, customer_id, currency, amili_case_ref)
	WHERE total_ore > paid_ore AND amili_state IN ('', 'closed') AND pause = '';
