-- 003_any_size: the reminder dialog pages its candidates and counts them, and three
-- orders of the invoice list that walked a sort index far past what their filter
-- matches read an index of their filter's own invoices instead.

-- The eligible invoices (rule 1 without Amili's own terms: a balance, not with
-- Amili; due before today is a range of the first column): the dialog's count and
-- sum of balances read this narrow index alone.
CREATE INDEX invoices_eligible ON invoices (due_date, total_ore, paid_ore)
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
