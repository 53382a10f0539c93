-- 012_bank_ref: the same payment in two bank files of different formats (a BGMax file
-- and a camt.054 file of the same money) has different keys. A registered bank
-- payment also remembers how any file shows it (core.BankPayment.BankRef: receiving
-- account, date, amount, reference), on the first row written for it, so the second
-- file's copy is recognised and not registered again.
ALTER TABLE payments ADD COLUMN bank_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE customer_credits ADD COLUMN bank_ref TEXT NOT NULL DEFAULT '';
CREATE INDEX payments_by_bank_ref ON payments (bank_ref) WHERE bank_ref != '';
CREATE INDEX customer_credits_by_bank_ref ON customer_credits (bank_ref) WHERE bank_ref != '';
