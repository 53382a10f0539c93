-- 001_init: the first Påminn book.
-- Money is INTEGER öre, dates are TEXT YYYY-MM-DD, instants are TEXT
-- YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ (UTC, fixed width so they compare as text).

-- 'PAMN': marks the file as a Påminn book, so a foreign database is told apart.
PRAGMA application_id = 1346456910;

CREATE TABLE schema_version (
	version    INTEGER PRIMARY KEY,
	applied_at TEXT NOT NULL
);

CREATE TABLE customers (
	id            INTEGER PRIMARY KEY,
	number        TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	id_number     TEXT NOT NULL DEFAULT '',
	is_company    INTEGER NOT NULL DEFAULT 0,
	email         TEXT NOT NULL DEFAULT '',
	address_line1 TEXT NOT NULL DEFAULT '',
	address_line2 TEXT NOT NULL DEFAULT '',
	zip_code      TEXT NOT NULL DEFAULT '',
	city          TEXT NOT NULL DEFAULT '',
	country       TEXT NOT NULL DEFAULT '',
	fee_agreed    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customers_by_name ON customers (name);

CREATE TABLE invoices (
	id             INTEGER PRIMARY KEY,
	number         TEXT NOT NULL,
	customer_id    INTEGER NOT NULL REFERENCES customers (id),
	invoice_date   TEXT NOT NULL,
	due_date       TEXT NOT NULL,
	total_ore      INTEGER NOT NULL,
	paid_ore       INTEGER NOT NULL DEFAULT 0, -- sum of payments, kept by the store
	currency       TEXT NOT NULL DEFAULT 'SEK',
	ocr            TEXT NOT NULL DEFAULT '',
	reminder_count INTEGER NOT NULL DEFAULT 0,
	last_reminded  TEXT NOT NULL DEFAULT '',
	amili_state    TEXT NOT NULL DEFAULT '',
	amili_case_ref TEXT NOT NULL DEFAULT ''
);
-- The balance is total_ore - paid_ore, written out rather than a generated column:
-- SQLite never treats an index on a table with generated columns as covering, and the
-- open invoices' index below must be.
CREATE UNIQUE INDEX invoices_by_number ON invoices (number);
CREATE INDEX invoices_by_customer ON invoices (customer_id);
-- One index per sortable column, named in invoicelist.go; each ends in the list's
-- tiebreak (the unique number, or the rowid every index carries).
CREATE INDEX invoices_by_due_date      ON invoices (due_date, number);
CREATE INDEX invoices_by_invoice_date  ON invoices (invoice_date);
CREATE INDEX invoices_by_total         ON invoices (total_ore);
CREATE INDEX invoices_by_balance       ON invoices ((total_ore - paid_ore));
CREATE INDEX invoices_by_reminders     ON invoices (reminder_count);
CREATE INDEX invoices_by_last_reminded ON invoices (last_reminded);
-- The status column's order, which must not depend on today: open (overdue before
-- unpaid, as they are ordered by due date), reminded, with Amili, paid.
CREATE INDEX invoices_by_status ON invoices ((
	CASE
		WHEN total_ore <= paid_ore THEN 3
		WHEN amili_state != '' THEN 2
		WHEN reminder_count > 0 THEN 1
		ELSE 0
	END), due_date, number);
-- The open invoices by due date, covering every invoice column: the overdue list,
-- its totals and the reminder candidates read it without touching the table.
CREATE INDEX invoices_open ON invoices (due_date, number, total_ore, paid_ore,
	amili_state, reminder_count, customer_id, invoice_date, currency, ocr,
	last_reminded, amili_case_ref)
	WHERE total_ore > paid_ore;
-- The same rows, narrow: the list's overdue count and amount on every page.
CREATE INDEX invoices_open_balance ON invoices (due_date, total_ore, paid_ore)
	WHERE total_ore > paid_ore;
-- Hand-overs to Amili are few; this keeps their filter and polling cheap.
CREATE INDEX invoices_with_amili ON invoices (amili_state, amili_case_ref)
	WHERE amili_state != '';

CREATE TABLE payments (
	id         INTEGER PRIMARY KEY,
	invoice_id INTEGER NOT NULL REFERENCES invoices (id),
	date       TEXT NOT NULL,
	amount_ore INTEGER NOT NULL
);
CREATE INDEX payments_by_invoice ON payments (invoice_id);

CREATE TABLE reminder_batches (
	id              INTEGER PRIMARY KEY,
	idempotency_key TEXT NOT NULL UNIQUE,
	created_at      TEXT NOT NULL,
	type            TEXT NOT NULL,
	charge_interest INTEGER NOT NULL DEFAULT 0,
	charge_fee      INTEGER NOT NULL DEFAULT 0,
	send_by_email   INTEGER NOT NULL DEFAULT 0,
	count           INTEGER NOT NULL
);
CREATE INDEX reminder_batches_by_created ON reminder_batches (created_at);

-- A reminder carries its own delivery state: the queue is the reminders that are not
-- yet sent, found through reminders_queue.
CREATE TABLE reminders (
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
		CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
	error          TEXT NOT NULL DEFAULT '',
	attempts       INTEGER NOT NULL DEFAULT 0,
	external_ref   TEXT NOT NULL DEFAULT '',
	updated_at     TEXT NOT NULL,
	next_attempt   TEXT,          -- NULL: a failed reminder waits for a manual retry
	claimed_at     TEXT,          -- when the current attempt started (state sending)
	UNIQUE (batch_id, invoice_id)
);
CREATE INDEX reminders_by_invoice ON reminders (invoice_id);
CREATE INDEX reminders_queue ON reminders (state, next_attempt, claimed_at)
	WHERE state != 'sent';

-- The settings as one JSON document (no secrets: passwords live in the OS keyring).
CREATE TABLE settings (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	json TEXT NOT NULL
);

CREATE TABLE reference_rates (
	year        INTEGER NOT NULL,
	half        INTEGER NOT NULL CHECK (half IN (1, 2)),
	rate        TEXT NOT NULL, -- percent, decimal text
	preliminary INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (year, half)
);
-- A new book gets core.DefaultReferenceRates(), written by Go in this migration's
-- transaction (see seedReferenceRates), so the published table lives in one place.
