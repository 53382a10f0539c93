package data

import (
	"context"
	"database/sql"

	"paminn/core"
)

// bookEventsSQL reads a period's events of the money, each from its own row by its
// own date (every table below has an index on date, migration 015, named so that the
// planner never walks a whole table instead; TestHotQueriesReadNoWholeTable), so an
// event falls in exactly one period. Columns: kind, id, date, invoice number, customer
// number, the four parts, whether the invoice is a räntefaktura, the kind of the
// payment a reversal undoes, and the kind's place on a day (bookEventsOrder). A credit applied to an invoice is booked from its
// payments row of kind 'credit'; its customer_credit_uses row only tells the customer.
// A credit note is a claim entry of kind credit_note (migration 015 made one of every
// credit note written before; the credits table is what is reported to Amili).
// A payment's principal is its amount less the other parts: the same as principal_ore
// where the allocation was written, and the whole amount for a row written without
// one (before migration 015's allocation, or by code that does not yet allocate).
const bookEventsSQL = `
SELECT e.kind, e.id, e.date, i.number, c.number,
	e.principal_ore, e.fee_ore, e.compensation_ore, e.interest_ore, i.interest_for != 0, '',
	CASE e.kind WHEN 'charge' THEN 1 WHEN 'waiver' THEN 6 ELSE 7 END
FROM claim_entries e INDEXED BY claim_entries_by_date
	CROSS JOIN invoices i NOT INDEXED ON i.id = e.invoice_id CROSS JOIN customers c NOT INDEXED ON c.id = i.customer_id
WHERE e.date BETWEEN ?1 AND ?2
UNION ALL
SELECT CASE p.kind WHEN 'payment' THEN 'payment' WHEN 'credit' THEN 'credit_applied' ELSE 'reversal' END,
	p.id, p.date, i.number, c.number,
	p.amount_ore - p.fee_ore - p.compensation_ore - p.interest_ore,
	p.fee_ore, p.compensation_ore, p.interest_ore, i.interest_for != 0,
	coalesce((SELECT o.kind FROM payments o WHERE o.id = p.reverses), ''),
	CASE p.kind WHEN 'payment' THEN 2 WHEN 'credit' THEN 4 ELSE 5 END
FROM payments p INDEXED BY payments_by_date
	CROSS JOIN invoices i NOT INDEXED ON i.id = p.invoice_id CROSS JOIN customers c NOT INDEXED ON c.id = i.customer_id
WHERE p.date BETWEEN ?1 AND ?2
UNION ALL
SELECT 'credit_arose', k.id, k.date, coalesce(i.number, ''), c.number, k.amount_ore, 0, 0, 0, 0, '', 3
FROM customer_credits k INDEXED BY customer_credits_by_date
	CROSS JOIN customers c NOT INDEXED ON c.id = k.customer_id LEFT JOIN invoices i NOT INDEXED ON i.id = k.invoice_id
WHERE k.date BETWEEN ?1 AND ?2
UNION ALL
SELECT 'credit_refunded', u.id, u.date, '', c.number, u.amount_ore, 0, 0, 0, 0, '', 8
FROM customer_credit_uses u INDEXED BY customer_credit_uses_by_date
	CROSS JOIN customers c NOT INDEXED ON c.id = u.customer_id
WHERE u.kind = 'refunded' AND u.date BETWEEN ?1 AND ?2
UNION ALL
SELECT 'interest_invoice', i.id, i.invoice_date, i.number, c.number, 0, 0, 0, i.total_ore, 1, '', 0
FROM invoices i INDEXED BY invoices_interest_for CROSS JOIN customers c NOT INDEXED ON c.id = i.customer_id
WHERE i.interest_for != 0 AND i.invoice_date BETWEEN ?1 AND ?2
` + bookEventsOrder

// bookEventsOrder orders the events by date, then kind — what raises a claim before
// what settles it, so a day's verifications read as they happened: a räntefaktura
// (0), a charge (1), a payment (2), credit arising from it (3), credit applied (4),
// a reversal (5), a waiver (6), a credit note (7), a refund (8) — then row.
const bookEventsOrder = `ORDER BY 3, 12, 2`

// BookEvents calls each with every event of the money dated from from through to,
// in bookEventsOrder (the bookkeeping export), from one read transaction. each's
// error ends the reading and is returned as it is.
func (s *Store) BookEvents(ctx context.Context, from, to core.Date, each func(core.BookEvent) error) error {
	var eachErr error
	err := s.read(ctx, "read the events to book", func(tx *sql.Tx) error {
		return readBookEvents(ctx, tx, from, to, each, &eachErr)
	})
	if eachErr != nil {
		return eachErr
	}
	return err
}

// readBookEvents is BookEvents in the caller's transaction: each's error, which ends
// the reading, is also put in *eachErr, for the caller to return as it is.
func readBookEvents(ctx context.Context, tx *sql.Tx, from, to core.Date, each func(core.BookEvent) error, eachErr *error) error {
	rows, err := tx.QueryContext(ctx, bookEventsSQL, dateText(from), dateText(to))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e core.BookEvent
		var reversed string
		var rank int
		p := &e.Parts
		if err := rows.Scan(&e.Kind, &e.ID, dateCol{&e.Date}, &e.InvoiceNumber, &e.CustomerNumber,
			oreCol{&p.Principal}, oreCol{&p.Fee}, oreCol{&p.Compensation}, oreCol{&p.Interest},
			&e.OnInterestInvoice, &reversed, &rank); err != nil {
			return err
		}
		e.Reversed = core.PaymentKind(reversed)
		if *eachErr = each(e); *eachErr != nil {
			return *eachErr
		}
	}
	return rows.Err()
}

// lastBookEventSQL is the latest date of bookEventsSQL's rows, each table's through
// its index on date.
const lastBookEventSQL = `
SELECT max(d) FROM (
	SELECT max(date) AS d FROM claim_entries WHERE date BETWEEN ?1 AND ?2
	UNION ALL SELECT max(date) FROM payments WHERE date BETWEEN ?1 AND ?2
	UNION ALL SELECT max(date) FROM customer_credits WHERE date BETWEEN ?1 AND ?2
	UNION ALL SELECT max(date) FROM customer_credit_uses WHERE kind = 'refunded' AND date BETWEEN ?1 AND ?2
	UNION ALL SELECT max(invoice_date) FROM invoices WHERE interest_for != 0 AND invoice_date BETWEEN ?1 AND ?2)`

// LastBookEventDate is the date of the latest event BookEvents would read from from
// through to, the zero Date when there is none.
func (s *Store) LastBookEventDate(ctx context.Context, from, to core.Date) (core.Date, error) {
	var last core.Date
	err := s.read(ctx, "read the latest event to book", func(tx *sql.Tx) (err error) {
		last, err = lastBookEventDate(ctx, tx, from, to)
		return err
	})
	return last, err
}

// lastBookEventDate is LastBookEventDate in the caller's transaction.
func lastBookEventDate(ctx context.Context, tx *sql.Tx, from, to core.Date) (core.Date, error) {
	var last core.Date
	err := tx.QueryRowContext(ctx, lastBookEventSQL, dateText(from), dateText(to)).Scan(dateCol{&last})
	return last, err
}
