-- 009_reminder_writes: what a reminder batch writes per invoice, and the "reminded"
-- filter's orders by invoice date and by number.
--
-- SQLite rewrites an invoice's entry in every index that holds or filters on a column
-- an UPDATE's SET names, changed or not, and a batch sets reminder_count and
-- last_reminded on 200 invoices scattered through the book.

-- The open invoices by due date no longer hold the reminder count and last reminded
-- date, so a batch leaves this, the widest index, alone. What reads it reads a page
-- (the open filters by due date, the dialog's candidates by due date) and takes those
-- two from the page's rows; the "reminded" filter by due date seeks below the newest
-- due date of a reminded invoice (from invoice_sums), so it does not step over the
-- open invoices not yet due.
DROP INDEX invoices_open;
CREATE INDEX invoices_open ON invoices (due_date, number, total_ore, paid_ore,
	amili_state, customer_id, invoice_date, currency, ocr, amili_case_ref)
	WHERE total_ore > paid_ore;

-- The "reminded" filter by invoice date and by number: in the whole book's indexes the
-- page steps over the newest invoices (not due yet, so never reminded) before the first
-- reminded one, some 12,000–22,000 entries at 1,000,000 invoices, each with its row read
-- to test the filter. These hold the filter's own invoices, as
-- invoices_reminded_by_last_reminded does for its order. A batch writes to them (they
-- filter on reminder_count): an entry for a first reminder, the entry again for a
-- later one.
CREATE INDEX invoices_reminded_by_invoice_date ON invoices (invoice_date)
	WHERE total_ore > paid_ore AND reminder_count > 0;
CREATE INDEX invoices_reminded_by_number ON invoices (number)
	WHERE total_ore > paid_ore AND reminder_count > 0;
