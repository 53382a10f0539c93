-- 017_pauses: pauses and disputes of an invoice or a whole customer (issue 22,
-- core/pause.go). A paused invoice is never a reminder candidate and never handed over
-- to Amili; the list shows it as Pausad or Bestriden. core's new fact "paused" is
-- pause != '' on the invoice (data/invoicefacts.go renders it; invoicefacts_test.go
-- checks that the expressions here repeat the rendered ones).

-- Every pause, kept as history: of an invoice or of a customer (exactly one), why, the
-- user's note, an optional last day, when it started and when it ended (NULL while
-- current).
CREATE TABLE pauses (
	id          INTEGER PRIMARY KEY,
	invoice_id  INTEGER REFERENCES invoices (id),
	customer_id INTEGER REFERENCES customers (id),
	reason      TEXT NOT NULL CHECK (reason IN ('dispute', 'plan', 'other')),
	note        TEXT NOT NULL DEFAULT '',
	until       TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD, '' for until unpaused
	started_at  TEXT NOT NULL,
	ended_at    TEXT,
	CHECK ((invoice_id IS NULL) != (customer_id IS NULL))
);
-- At most one current pause of an invoice and of a customer.
CREATE UNIQUE INDEX pauses_current_invoice ON pauses (invoice_id)
	WHERE ended_at IS NULL AND invoice_id IS NOT NULL;
CREATE UNIQUE INDEX pauses_current_customer ON pauses (customer_id)
	WHERE ended_at IS NULL AND customer_id IS NOT NULL;
CREATE INDEX pauses_history_invoice ON pauses (invoice_id, id) WHERE invoice_id IS NOT NULL;
CREATE INDEX pauses_history_customer ON pauses (customer_id, id) WHERE customer_id IS NOT NULL;
-- The current pauses with an end date, which EndPausesBefore ends when it passes.
CREATE INDEX pauses_until ON pauses (until) WHERE ended_at IS NULL AND until != '';

-- The invoice's current pause's reason (its own, else its customer's), kept by the
-- triggers below so the list reads it from the row and its indexes can hold it.
ALTER TABLE invoices ADD COLUMN pause TEXT NOT NULL DEFAULT '';

-- pauseOf(invoice): the reason the invoice is paused for now, '' when it is not.
-- Written out in each trigger (SQLite has no functions in SQL).
CREATE TRIGGER pauses_start AFTER INSERT ON pauses BEGIN
	UPDATE invoices SET pause = coalesce(
		(SELECT p.reason FROM pauses p WHERE p.invoice_id = invoices.id AND p.ended_at IS NULL),
		(SELECT p.reason FROM pauses p WHERE p.customer_id = invoices.customer_id AND p.ended_at IS NULL), '')
	WHERE id = NEW.invoice_id OR customer_id = NEW.customer_id;
END;

CREATE TRIGGER pauses_end AFTER UPDATE OF ended_at ON pauses BEGIN
	UPDATE invoices SET pause = coalesce(
		(SELECT p.reason FROM pauses p WHERE p.invoice_id = invoices.id AND p.ended_at IS NULL),
		(SELECT p.reason FROM pauses p WHERE p.customer_id = invoices.customer_id AND p.ended_at IS NULL), '')
	WHERE id = NEW.invoice_id OR customer_id = NEW.customer_id;
END;

-- An invoice added for a paused customer is paused with it.
CREATE TRIGGER invoices_paused_customer AFTER INSERT ON invoices
	WHEN EXISTS (SELECT 1 FROM pauses p WHERE p.customer_id = NEW.customer_id AND p.ended_at IS NULL)
BEGIN
	UPDATE invoices SET pause = (SELECT p.reason FROM pauses p
		WHERE p.customer_id = NEW.customer_id AND p.ended_at IS NULL) WHERE id = NEW.id;
END;

-- The status order, with "paused" ranked between "reminded" and "with Amili".
DROP INDEX invoices_by_status;
CREATE INDEX invoices_by_status ON invoices ((CASE WHEN (total_ore - paid_ore) <= 0 AND charges_ore <= 0 THEN 5
	WHEN (total_ore - paid_ore) <= 0 THEN 4 WHEN amili_state NOT IN ('', 'closed') THEN 3
	WHEN pause != '' THEN 2 WHEN reminder_count > 0 THEN 1 ELSE 0 END), due_date, number);

-- The paused invoices are few: their filter sorts them.
CREATE INDEX invoices_paused ON invoices (due_date, number)
	WHERE total_ore > paid_ore AND pause != '';

-- Rule 1's narrow indexes leave the paused invoices out.
DROP INDEX invoices_eligible;
CREATE INDEX invoices_eligible ON invoices (due_date, total_ore, paid_ore)
	WHERE total_ore > paid_ore AND amili_state IN ('', 'closed') AND pause = '';
DROP INDEX invoices_eligible_by_reminders;
CREATE INDEX invoices_eligible_by_reminders ON invoices (reminder_count, due_date)
	WHERE total_ore > paid_ore AND amili_state IN ('', 'closed') AND pause = '';

-- invoice_sums gains the fact "paused" in its key, so rule 1's counts leave paused
-- invoices out.
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
	paused      INTEGER NOT NULL, -- pause != ''
	n           INTEGER NOT NULL,
	balance_ore INTEGER NOT NULL, -- Σ (total_ore - paid_ore)
	charges_ore INTEGER NOT NULL, -- Σ charges_ore
	PRIMARY KEY (due_date, open, reminded, amili, charged, paused)
) WITHOUT ROWID;

INSERT INTO invoice_sums (due_date, open, reminded, amili, charged, paused, n, balance_ore, charges_ore)
	SELECT due_date, total_ore > paid_ore, reminder_count > 0, amili_state NOT IN ('', 'closed'),
		charges_ore > 0, pause != '', count(*), sum(total_ore - paid_ore), sum(charges_ore)
	FROM invoices GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER invoice_sums_insert AFTER INSERT ON invoices BEGIN
	INSERT INTO invoice_sums (due_date, open, reminded, amili, charged, paused, n, balance_ore, charges_ore)
		VALUES (NEW.due_date, NEW.total_ore > NEW.paid_ore, NEW.reminder_count > 0,
			NEW.amili_state NOT IN ('', 'closed'), NEW.charges_ore > 0, NEW.pause != '', 1,
			NEW.total_ore - NEW.paid_ore, NEW.charges_ore)
		ON CONFLICT (due_date, open, reminded, amili, charged, paused)
		DO UPDATE SET n = n + 1, balance_ore = balance_ore + excluded.balance_ore,
			charges_ore = charges_ore + excluded.charges_ore;
END;

CREATE TRIGGER invoice_sums_delete AFTER DELETE ON invoices BEGIN
	UPDATE invoice_sums SET n = n - 1, balance_ore = balance_ore - (OLD.total_ore - OLD.paid_ore),
		charges_ore = charges_ore - OLD.charges_ore
		WHERE due_date = OLD.due_date AND open = (OLD.total_ore > OLD.paid_ore)
		AND reminded = (OLD.reminder_count > 0) AND amili = (OLD.amili_state NOT IN ('', 'closed'))
		AND charged = (OLD.charges_ore > 0) AND paused = (OLD.pause != '');
END;

-- As in 016_claim_status.sql, a manual reminder batch keeps invoice_sums for its
-- invoices itself (data/reminderclaim.go, sumManualReminders); every other change,
-- now a pause's too, is followed here.
CREATE TRIGGER invoice_sums_update AFTER UPDATE OF due_date, total_ore, paid_ore, amili_state, charges_ore, pause
	ON invoices
	WHEN (OLD.reminder_count = NEW.reminder_count
			OR (OLD.amili_state NOT IN ('', 'closed')) != (NEW.amili_state NOT IN ('', 'closed')))
		AND (OLD.due_date != NEW.due_date OR OLD.total_ore != NEW.total_ore OR OLD.paid_ore != NEW.paid_ore
			OR OLD.charges_ore != NEW.charges_ore OR (OLD.reminder_count > 0) != (NEW.reminder_count > 0)
			OR (OLD.amili_state NOT IN ('', 'closed')) != (NEW.amili_state NOT IN ('', 'closed'))
			OR (OLD.pause != '') != (NEW.pause != ''))
BEGIN
	UPDATE invoice_sums SET n = n - 1, balance_ore = balance_ore - (OLD.total_ore - OLD.paid_ore),
		charges_ore = charges_ore - OLD.charges_ore
		WHERE due_date = OLD.due_date AND open = (OLD.total_ore > OLD.paid_ore)
		AND reminded = (OLD.reminder_count > 0) AND amili = (OLD.amili_state NOT IN ('', 'closed'))
		AND charged = (OLD.charges_ore > 0) AND paused = (OLD.pause != '');
	INSERT INTO invoice_sums (due_date, open, reminded, amili, charged, paused, n, balance_ore, charges_ore)
		VALUES (NEW.due_date, NEW.total_ore > NEW.paid_ore, NEW.reminder_count > 0,
			NEW.amili_state NOT IN ('', 'closed'), NEW.charges_ore > 0, NEW.pause != '', 1,
			NEW.total_ore - NEW.paid_ore, NEW.charges_ore)
		ON CONFLICT (due_date, open, reminded, amili, charged, paused)
		DO UPDATE SET n = n + 1, balance_ore = balance_ore + excluded.balance_ore,
			charges_ore = charges_ore + excluded.charges_ore;
END;
