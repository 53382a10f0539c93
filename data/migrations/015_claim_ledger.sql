-- 015_claim_ledger: Påminn keeps each invoice's claim like a ledger (core/claim.go).
-- A claim is the unpaid principal plus what committed reminders charged (reminder
-- fee, förseningsersättning, interest) less what settled it. Every amount is split
-- into four parts — principal, fee, compensation (förseningsersättning), interest —
-- signed: what raises the claim is positive, what settles it negative in
-- claim_entries, and money in is positive in payments (a reversal negative).

-- The open part of what reminders charged (fees, förseningsersättning, interest) less
-- what payments, waivers and customer credit settled of it, kept by the store in the
-- same transaction as every entry. invoices.paid_ore stays the principal settled
-- (payments' principal parts and credit notes), so total_ore - paid_ore is still the
-- unpaid principal every open-invoice index tests, and the claim is that plus this.
ALTER TABLE invoices ADD COLUMN charges_ore INTEGER NOT NULL DEFAULT 0;

-- A payment's allocation over the four parts (their sum is amount_ore). Payments
-- written before this version went to the principal alone.
ALTER TABLE payments ADD COLUMN principal_ore INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN fee_ore INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN compensation_ore INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN interest_ore INTEGER NOT NULL DEFAULT 0;
UPDATE payments SET principal_ore = amount_ore;
-- 'payment': money received; 'credit': the customer's credit (tillgodo) applied;
-- 'reversal': the undoing of the payment named in reverses, with every amount negated.
-- A payment is never deleted, and reversed at most once.
ALTER TABLE payments ADD COLUMN kind TEXT NOT NULL DEFAULT 'payment'
	CHECK (kind IN ('payment', 'credit', 'reversal'));
ALTER TABLE payments ADD COLUMN reverses INTEGER REFERENCES payments (id);
ALTER TABLE payments ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX payments_reversed ON payments (reverses) WHERE reverses IS NOT NULL;
-- The bookkeeping export reads a period's events by date.
CREATE INDEX payments_by_date ON payments (date);

-- What raises or lowers a claim other than money in:
-- 'charge': what a committed reminder charged (positive fee, compensation, interest;
--   interest is the part beyond what earlier reminders stated: each reminder states
--   the interest from the due date, so the claim holds the latest statement);
-- 'waiver': costs or interest the owner let go, with a reason (negative);
-- 'credit_note': the invoice credited, in full or part, with a reason (negative
--   principal).
CREATE TABLE claim_entries (
	id               INTEGER PRIMARY KEY,
	invoice_id       INTEGER NOT NULL REFERENCES invoices (id),
	kind             TEXT NOT NULL CHECK (kind IN ('charge', 'waiver', 'credit_note')),
	date             TEXT NOT NULL, -- the day it takes effect (a charge: the reminder's date)
	principal_ore    INTEGER NOT NULL DEFAULT 0,
	fee_ore          INTEGER NOT NULL DEFAULT 0,
	compensation_ore INTEGER NOT NULL DEFAULT 0,
	interest_ore     INTEGER NOT NULL DEFAULT 0,
	reminder_id      INTEGER REFERENCES reminders (id), -- a charge's reminder
	reason           TEXT NOT NULL DEFAULT '',
	created_at       TEXT NOT NULL
);
CREATE INDEX claim_entries_by_invoice ON claim_entries (invoice_id, date);
CREATE INDEX claim_entries_by_date ON claim_entries (date);
CREATE UNIQUE INDEX claim_entries_by_reminder ON claim_entries (reminder_id) WHERE reminder_id IS NOT NULL;

-- What became of a customer's credit (customer_credits): applied to an open invoice
-- (through a payments row of kind 'credit') or refunded to the customer.
CREATE TABLE customer_credit_uses (
	id          INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers (id),
	kind        TEXT NOT NULL CHECK (kind IN ('applied', 'refunded')),
	date        TEXT NOT NULL,
	amount_ore  INTEGER NOT NULL CHECK (amount_ore > 0),
	payment_id  INTEGER REFERENCES payments (id), -- 'applied': the payment on the invoice
	reason      TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL
);
CREATE INDEX customer_credit_uses_by_customer ON customer_credit_uses (customer_id);
CREATE INDEX customer_credit_uses_by_date ON customer_credit_uses (date);
CREATE INDEX customer_credits_by_date ON customer_credits (date);

-- An invoice's changes that no other table tells: edited fields (old and new values),
-- a deletion. action is a message template, data its values as JSON (core.Message).
-- No foreign key: the history of a deleted invoice stays.
CREATE TABLE invoice_history (
	id         INTEGER PRIMARY KEY,
	invoice_id INTEGER NOT NULL,
	at         TEXT NOT NULL,
	message    TEXT NOT NULL
);
CREATE INDEX invoice_history_by_invoice ON invoice_history (invoice_id, at);

-- A räntefaktura (an invoice of the interest a late payment left) names the invoice
-- whose late payment it charges (one räntefaktura per invoice); 0 for an ordinary invoice.
ALTER TABLE invoices ADD COLUMN interest_for INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX invoices_interest_for ON invoices (interest_for) WHERE interest_for != 0;

-- What reminders charged before this version becomes their charges (Amili charges its
-- own and delivers itself: its hand-overs charged nothing here). Each reminder stated
-- the interest from the due date, so a charge's interest is what its reminder stated
-- beyond the most any earlier reminder of the invoice stated.
INSERT INTO claim_entries (invoice_id, kind, date, fee_ore, compensation_ore, interest_ore, reminder_id, created_at)
	SELECT r.invoice_id, 'charge', r.date, r.fee_ore, r.late_compensation_ore,
		max(0, r.interest_ore - coalesce((SELECT max(e.interest_ore) FROM reminders e
			WHERE e.invoice_id = r.invoice_id AND e.type = 'manual' AND e.id < r.id), 0)),
		r.id, r.updated_at
	FROM reminders r
	WHERE r.type = 'manual' AND (r.fee_ore > 0 OR r.late_compensation_ore > 0 OR r.interest_ore > 0);
UPDATE invoices SET charges_ore = (SELECT sum(e.fee_ore + e.compensation_ore + e.interest_ore)
		FROM claim_entries e WHERE e.invoice_id = invoices.id)
	WHERE id IN (SELECT invoice_id FROM claim_entries);

-- A credit note used to lower the invoice's total (credits, 003); it is now an entry
-- of negative principal that raises paid_ore, the total staying what was invoiced.
-- The credit notes written before this version become such entries, their invoices'
-- totals and paid amounts raised alike, so the balance is unchanged. (The credits
-- table stays what is reported to Amili.)
INSERT INTO claim_entries (invoice_id, kind, date, principal_ore, reason, created_at)
	SELECT invoice_id, 'credit_note', date, -amount_ore, number, '' FROM credits;
UPDATE invoices SET
		total_ore = total_ore + (SELECT sum(c.amount_ore) FROM credits c WHERE c.invoice_id = invoices.id),
		paid_ore = paid_ore + (SELECT sum(c.amount_ore) FROM credits c WHERE c.invoice_id = invoices.id)
	WHERE id IN (SELECT invoice_id FROM credits);
