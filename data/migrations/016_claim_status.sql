-- 016_claim_status: an invoice's status, filters, totals and balance order follow its
-- claim (015_claim_ledger.sql): Betald only when nothing remains; "Avgifter kvar"
-- (core.StatusCharges) when the principal is paid and charges remain. core's new fact
-- "charges open" is charges_ore > 0 (data/invoicefacts.go renders it;
-- invoicefacts_test.go checks that the expressions here repeat the rendered ones).

-- Reminders state the claim: the earlier reminders' charges still open when this one
-- was made, and the interest earlier reminders of the invoice had stated (each states
-- the interest from the due date: only what it states beyond is charged again). The
-- letter and the e-mail show both, so what they ask for adds up.
ALTER TABLE reminders ADD COLUMN earlier_charges_ore INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reminders ADD COLUMN interest_before_ore INTEGER NOT NULL DEFAULT 0;

-- The status order, with "costs remain" ranked between "with Amili" and "paid".
DROP INDEX invoices_by_status;
CREATE INDEX invoices_by_status ON invoices ((CASE WHEN (total_ore - paid_ore) <= 0 AND charges_ore <= 0 THEN 4
	WHEN (total_ore - paid_ore) <= 0 THEN 3 WHEN amili_state NOT IN ('', 'closed') THEN 2
	WHEN reminder_count > 0 THEN 1 ELSE 0 END), due_date, number);

-- The list's balance column is the claim (core.Invoice.Claim), and sorts by it.
CREATE INDEX invoices_by_claim ON invoices ((total_ore - paid_ore + charges_ore));

-- The invoices whose principal is paid and whose charges remain: few, so their filter
-- sorts them rather than walking an order's index of the whole book.
CREATE INDEX invoices_charged ON invoices (due_date, number)
	WHERE (total_ore - paid_ore) <= 0 AND charges_ore > 0;

-- invoice_sums gains the fact "charges open" in its key and the open charges' sum,
-- so the totals count "costs remain" and add charges to what is overdue.
DROP TRIGGER invoice_sums_insert;
DROP TRIGGER invoice_sums_delete;
DROP TRIGGER invoice_sums_update;
DROP TABLE invoice_sums;
CREATE TABLE invoice_sums (
	due_date    TEXT    NOT NULL,
	open        INTEGER NOT NULL, -- total_ore > paid_ore
	reminded    INTEGER NOT NULL, -- reminder_count > 0
	amili       INTEGER NOT NULL, -- amili_state NOT IN ('', 'closed')
	charged     INTEGER NOT NULL, -- charges_ore > 0
	n           INTEGER NOT NULL,
	balance_ore INTEGER NOT NULL, -- Σ (total_ore - paid_ore)
	charges_ore INTEGER NOT NULL, -- Σ charges_ore
	PRIMARY KEY (due_date, open, reminded, amili, charged)
) WITHOUT ROWID;

INSERT INTO invoice_sums (due_date, open, reminded, amili, charged, n, balance_ore, charges_ore)
	SELECT due_date, total_ore > paid_ore, reminder_count > 0, amili_state NOT IN ('', 'closed'),
		charges_ore > 0, count(*), sum(total_ore - paid_ore), sum(charges_ore)
	FROM invoices GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER invoice_sums_insert AFTER INSERT ON invoices BEGIN
	INSERT INTO invoice_sums (due_date, open, reminded, amili, charged, n, balance_ore, charges_ore)
		VALUES (NEW.due_date, NEW.total_ore > NEW.paid_ore, NEW.reminder_count > 0,
			NEW.amili_state NOT IN ('', 'closed'), NEW.charges_ore > 0, 1, NEW.total_ore - NEW.paid_ore,
			NEW.charges_ore)
		ON CONFLICT (due_date, open, reminded, amili, charged)
		DO UPDATE SET n = n + 1, balance_ore = balance_ore + excluded.balance_ore,
			charges_ore = charges_ore + excluded.charges_ore;
END;

CREATE TRIGGER invoice_sums_delete AFTER DELETE ON invoices BEGIN
	UPDATE invoice_sums SET n = n - 1, balance_ore = balance_ore - (OLD.total_ore - OLD.paid_ore),
		charges_ore = charges_ore - OLD.charges_ore
		WHERE due_date = OLD.due_date AND open = (OLD.total_ore > OLD.paid_ore)
		AND reminded = (OLD.reminder_count > 0) AND amili = (OLD.amili_state NOT IN ('', 'closed'))
		AND charged = (OLD.charges_ore > 0);
END;

-- As in 008_any_size.sql, a manual reminder batch keeps invoice_sums for its invoices
-- itself, in two statements for the whole batch (data/batches.go, sumManualReminders):
-- its one UPDATE of the invoices raises reminder_count and charges_ore together, and
-- this trigger leaves an update that changes the reminder count without changing
-- amili_state (which only that UPDATE does) to it. Every other change of a row, a
-- balance or the charges (payments, waivers, reversals, credit, an Amili batch) is
-- followed here.
CREATE TRIGGER invoice_sums_update AFTER UPDATE OF due_date, total_ore, paid_ore, amili_state, charges_ore
	ON invoices
	WHEN (OLD.reminder_count = NEW.reminder_count
			OR (OLD.amili_state NOT IN ('', 'closed')) != (NEW.amili_state NOT IN ('', 'closed')))
		AND (OLD.due_date != NEW.due_date OR OLD.total_ore != NEW.total_ore OR OLD.paid_ore != NEW.paid_ore
			OR OLD.charges_ore != NEW.charges_ore OR (OLD.reminder_count > 0) != (NEW.reminder_count > 0)
			OR (OLD.amili_state NOT IN ('', 'closed')) != (NEW.amili_state NOT IN ('', 'closed')))
BEGIN
	UPDATE invoice_sums SET n = n - 1, balance_ore = balance_ore - (OLD.total_ore - OLD.paid_ore),
		charges_ore = charges_ore - OLD.charges_ore
		WHERE due_date = OLD.due_date AND open = (OLD.total_ore > OLD.paid_ore)
		AND reminded = (OLD.reminder_count > 0) AND amili = (OLD.amili_state NOT IN ('', 'closed'))
		AND charged = (OLD.charges_ore > 0);
	INSERT INTO invoice_sums (due_date, open, reminded, amili, charged, n, balance_ore, charges_ore)
		VALUES (NEW.due_date, NEW.total_ore > NEW.paid_ore, NEW.reminder_count > 0,
			NEW.amili_state NOT IN ('', 'closed'), NEW.charges_ore > 0, 1, NEW.total_ore - NEW.paid_ore,
			NEW.charges_ore)
		ON CONFLICT (due_date, open, reminded, amili, charged)
		DO UPDATE SET n = n + 1, balance_ore = balance_ore + excluded.balance_ore,
			charges_ore = charges_ore + excluded.charges_ore;
END;
