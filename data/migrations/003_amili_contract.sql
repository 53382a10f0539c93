-- 003_amili_contract: what Amili's documented Creditor API gives back and needs kept
-- per invoice, credits on invoices, and the queue of reports to Amili (payments,
-- credits, withdrawals, uploads).

-- The environment (sandbox or production) that issued amili_case_ref, so a switch
-- never mixes case references; the OCR Amili issued, which the debtor now pays with;
-- Amili's own state text when Påminn does not know it; the attached invoice PDF.
ALTER TABLE invoices ADD COLUMN amili_env TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN amili_ocr TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN amili_raw TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN pdf TEXT NOT NULL DEFAULT '';
-- Cases made before there was a choice came from the sandbox, the only default.
UPDATE invoices SET amili_env = 'sandbox' WHERE amili_case_ref != '';

ALTER TABLE customers ADD COLUMN mobile TEXT NOT NULL DEFAULT '';

-- A random identity of this book, so references Påminn makes for Amili (a creditor
-- payment's reference) are unique across books of the same creditor.
CREATE TABLE book_identity (
	id  INTEGER PRIMARY KEY CHECK (id = 1),
	uid TEXT NOT NULL
);
INSERT INTO book_identity (id, uid) VALUES (1, lower(hex(randomblob(8))));

-- A credit (a credit note) lowers what an invoice is for: total_ore goes down by the
-- credit in the same transaction, so the balance stays total_ore - paid_ore.
CREATE TABLE credits (
	id         INTEGER PRIMARY KEY,
	invoice_id INTEGER NOT NULL REFERENCES invoices (id),
	date       TEXT NOT NULL,
	amount_ore INTEGER NOT NULL CHECK (amount_ore > 0),
	number     TEXT NOT NULL DEFAULT '' -- the credit note's number, if it has one
);
CREATE INDEX credits_by_invoice ON credits (invoice_id);

-- A report to Amili about a case is queued and retried like a reminder's delivery,
-- and never sent twice: reference is unique (a payment's creditor_payment_reference).
CREATE TABLE amili_reports (
	id           INTEGER PRIMARY KEY,
	kind         TEXT NOT NULL CHECK (kind IN ('payment', 'crediting', 'cancellation', 'upload')),
	invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
	payment_id   INTEGER REFERENCES payments (id),
	credit_id    INTEGER REFERENCES credits (id),
	amili_env    TEXT NOT NULL,
	case_ref     TEXT NOT NULL,
	amount_ore   INTEGER NOT NULL DEFAULT 0,
	date         TEXT NOT NULL DEFAULT '',
	reference    TEXT NOT NULL UNIQUE,
	file         TEXT NOT NULL DEFAULT '',
	credit_number TEXT NOT NULL DEFAULT '',
	state        TEXT NOT NULL DEFAULT 'pending'
		CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
	error        TEXT NOT NULL DEFAULT '',
	attempts     INTEGER NOT NULL DEFAULT 0,
	external_ref TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	next_attempt TEXT,
	claimed_at   TEXT
);
CREATE INDEX amili_reports_by_invoice ON amili_reports (invoice_id);
CREATE INDEX amili_reports_queue ON amili_reports (state, next_attempt, claimed_at)
	WHERE state != 'sent';
