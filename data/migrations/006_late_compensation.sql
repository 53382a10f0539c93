-- 006_late_compensation: förseningsersättning (lag 1981:739 4 a §, rule 6): a reminder
-- may charge a company customer 450 kr, once per invoice. The partial index finds the
-- invoices already charged it, which are few.
ALTER TABLE reminders ADD COLUMN late_compensation_ore INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reminder_batches ADD COLUMN charge_late_compensation INTEGER NOT NULL DEFAULT 0;
CREATE INDEX reminders_late_compensation ON reminders (invoice_id) WHERE late_compensation_ore > 0;
