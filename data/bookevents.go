package data

import (
	"context"
	"database/sql"
	"slices"

	"paminn/core"
)

// bookEventsSQL reads a period's events of the money, each from its own row by its
// own date (every table below has an index on date, migration 015), so an event
// falls in exactly one period. Columns: kind, id, date, invoice number, customer
// number, the four parts, whether the invoice is a räntefaktura, and the kind of the
// payment a reversal undoes. A credit applied to an invoice is booked from its
// payments row of kind 'credit'; its customer_credit_uses row only tells the customer.
// A payment's principal is its amount less the other parts: the same as principal_ore
// where the allocation was written, and the whole amount for a row written without
// one (before migration 015's allocation, or by code that does not yet allocate).
const bookEventsSQL = `
SELECT e.kind, e.id, e.date, i.number, c.number,
	e.principal_ore, e.fee_ore, e.compensation_ore, e.interest_ore, i.interest_for != 0, ''
FROM claim_entries e JOIN invoices i ON i.id = e.invoice_id JOIN customers c ON c.id = i.customer_id
WHERE e.date BETWEEN ?1 AND ?2
UNION ALL
SELECT CASE p.kind WHEN 'payment' THEN 'payment' WHEN 'credit' THEN 'credit_applied' ELSE 'reversal' END,
	p.id, p.date, i.number, c.number,
	p.amount_ore - p.fee_ore - p.compensation_ore - p.interest_ore,
	p.fee_ore, p.compensation_ore, p.interest_ore, i.interest_for != 0,
	coalesce((SELECT o.kind FROM payments o WHERE o.id = p.reverses), '')
FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN customers c ON c.id = i.customer_id
WHERE p.date BETWEEN ?1 AND ?2
UNION ALL
SELECT 'credit_arose', k.id, k.date, coalesce(i.number, ''), c.number, k.amount_ore, 0, 0, 0, 0, ''
FROM customer_credits k JOIN customers c ON c.id = k.customer_id LEFT JOIN invoices i ON i.id = k.invoice_id
WHERE k.date BETWEEN ?1 AND ?2
UNION ALL
SELECT 'credit_refunded', u.id, u.date, '', c.number, u.amount_ore, 0, 0, 0, 0, ''
FROM customer_credit_uses u JOIN customers c ON c.id = u.customer_id
WHERE u.kind = 'refunded' AND u.date BETWEEN ?1 AND ?2
UNION ALL
SELECT 'interest_invoice', i.id, i.invoice_date, i.number, c.number, 0, 0, 0, i.total_ore, 1, ''
FROM invoices i JOIN customers c ON c.id = i.customer_id
WHERE i.interest_for != 0 AND i.invoice_date BETWEEN ?1 AND ?2`

// BookEvents returns every event of the money dated from from through to, in
// core.BookEvent.Before order (the bookkeeping export).
func (s *Store) BookEvents(ctx context.Context, from, to core.Date) ([]core.BookEvent, error) {
	var out []core.BookEvent
	err := s.read(ctx, "read the events to book", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, bookEventsSQL, dateText(from), dateText(to))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e core.BookEvent
			var reversed string
			p := &e.Parts
			if err := rows.Scan(&e.Kind, &e.ID, dateCol{&e.Date}, &e.InvoiceNumber, &e.CustomerNumber,
				oreCol{&p.Principal}, oreCol{&p.Fee}, oreCol{&p.Compensation}, oreCol{&p.Interest},
				&e.OnInterestInvoice, &reversed); err != nil {
				return err
			}
			e.Reversed = core.PaymentKind(reversed)
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b core.BookEvent) int {
		switch {
		case a.Before(b):
			return -1
		case b.Before(a):
			return 1
		}
		return 0
	})
	return out, nil
}
