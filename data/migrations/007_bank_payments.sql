-- 007_bank_payments: payments read from bank files (Bankgirot's BGMax, ISO 20022
-- camt.054). A payment remembers the file it came from and the file's own key for it
-- (core.BankPayment.Key); the key is unique, so a file imported twice, or one that
-- overlaps an earlier one, registers nothing twice. Typed-in payments keep ''.
ALTER TABLE payments ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN external_key TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX payments_by_external_key ON payments (external_key) WHERE external_key != '';

-- Money paid beyond an invoice's balance (an overpayment, or a payment of an invoice
-- already paid) is never lost: it is kept as a credit on the customer, keyed like
-- the payment it came from.
CREATE TABLE customer_credits (
	id           INTEGER PRIMARY KEY,
	customer_id  INTEGER NOT NULL REFERENCES customers (id),
	invoice_id   INTEGER REFERENCES invoices (id), -- the invoice the payment named, if any
	date         TEXT NOT NULL,
	amount_ore   INTEGER NOT NULL CHECK (amount_ore > 0),
	source       TEXT NOT NULL DEFAULT '',
	external_key TEXT NOT NULL UNIQUE
);
CREATE INDEX customer_credits_by_customer ON customer_credits (customer_id);

-- Bank payments are matched by OCR reference.
CREATE INDEX invoices_by_ocr ON invoices (ocr) WHERE ocr != '';
