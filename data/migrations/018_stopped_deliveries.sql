-- 018_stopped_deliveries: a queued letter or e-mail whose invoice was paid, credited
-- or paused before it went out is held back, never sent: state 'stopped', with why
-- in error_message (014's message form). SQLite cannot change a CHECK in place, so
-- the table is rebuilt the SQLite way (https://www.sqlite.org/lang_altertable.html,
-- "Making Other Kinds Of Table Schema Changes"), keeping every column, row id and
-- index. claim_entries refers to reminders (id): the migration runs with foreign
-- keys off and is checked before it commits (data/migrate_rebuild.go).
CREATE TABLE reminders_018 (
	id             INTEGER PRIMARY KEY,
	batch_id       INTEGER NOT NULL REFERENCES reminder_batches (id),
	invoice_id     INTEGER NOT NULL REFERENCES invoices (id),
	type           TEXT NOT NULL,
	date           TEXT NOT NULL,
	level          INTEGER NOT NULL,
	interest_rate  TEXT NOT NULL DEFAULT '0', -- annual percent, decimal text
	interest_from  TEXT NOT NULL DEFAULT '',
	interest_days  INTEGER NOT NULL DEFAULT 0,
	interest_ore   INTEGER NOT NULL DEFAULT 0,
	fee_ore        INTEGER NOT NULL DEFAULT 0,
	balance_ore    INTEGER NOT NULL,
	amount_due_ore INTEGER NOT NULL,
	new_due_date   TEXT NOT NULL,
	channel        TEXT NOT NULL,
	state          TEXT NOT NULL DEFAULT 'pending'
		CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'stopped')),
	error          TEXT NOT NULL DEFAULT '',
	attempts       INTEGER NOT NULL DEFAULT 0,
	external_ref   TEXT NOT NULL DEFAULT '',
	updated_at     TEXT NOT NULL,
	next_attempt   TEXT,          -- NULL: a failed reminder waits for a manual retry
	claimed_at     TEXT,          -- when the current attempt started (state sending)
	interest_lines TEXT NOT NULL DEFAULT '',
	late_compensation_ore INTEGER NOT NULL DEFAULT 0,
	error_message  TEXT NOT NULL DEFAULT '',
	earlier_charges_ore INTEGER NOT NULL DEFAULT 0,
	interest_before_ore INTEGER NOT NULL DEFAULT 0,
	UNIQUE (batch_id, invoice_id)
);
INSERT INTO reminders_018 (id, batch_id, invoice_id, type, date, level, interest_rate,
	interest_from, interest_days, interest_ore, fee_ore, balance_ore, amount_due_ore,
	new_due_date, channel, state, error, attempts, external_ref, updated_at, next_attempt,
	claimed_at, interest_lines, late_compensation_ore, error_message, earlier_charges_ore,
	interest_before_ore)
SELECT id, batch_id, invoice_id, type, date, level, interest_rate,
	interest_from, interest_days, interest_ore, fee_ore, balance_ore, amount_due_ore,
	new_due_date, channel, state, error, attempts, external_ref, updated_at, next_attempt,
	claimed_at, interest_lines, late_compensation_ore, error_message, earlier_charges_ore,
	interest_before_ore
FROM reminders;
DROP TABLE reminders;
ALTER TABLE reminders_018 RENAME TO reminders;

CREATE INDEX reminders_by_invoice ON reminders (invoice_id);
-- A stopped reminder stays in the queue's index, as a failed one does: few, and the
-- delivery query's branches name their states.
CREATE INDEX reminders_queue ON reminders (state, next_attempt, claimed_at)
	WHERE state != 'sent';
CREATE INDEX reminders_late_compensation ON reminders (invoice_id) WHERE late_compensation_ore > 0;
