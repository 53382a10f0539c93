package data

import (
	"context"
	"database/sql"
	"strings"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// paymentChunk bounds the invoice IDs one query asks about, far under SQLite's limit
// on bound parameters.
const paymentChunk = 500

// PaymentsAfterDue returns the payments of the given invoices made after each one's
// due date, oldest first, by invoice ID, each with the principal it settled as its
// Amount (interest runs on the unpaid principal, rule 5; a payment of costs alone
// lowers no base, a reversal's negative principal raises it again); an invoice
// without such payments has no entry. Most paid amounts are paid by the due date (an imported opening payment is
// dated on the invoice date), so few rows come back.
func (s *Store) PaymentsAfterDue(ctx context.Context, invoiceIDs []int64) (map[int64][]core.Payment, error) {
	out := map[int64][]core.Payment{}
	if len(invoiceIDs) == 0 {
		return out, nil
	}
	err := s.read(ctx, "read payments", func(tx *sql.Tx) error { return paymentsAfterDue(ctx, tx, invoiceIDs, out) })
	return out, err
}

// paymentsAfterDue is PaymentsAfterDue in the caller's transaction, into out.
func paymentsAfterDue(ctx context.Context, tx *sql.Tx, invoiceIDs []int64, out map[int64][]core.Payment) error {
	for start := 0; start < len(invoiceIDs); start += paymentChunk {
		chunk := invoiceIDs[start:min(start+paymentChunk, len(invoiceIDs))]
		if err := readPayments(ctx, tx, chunk, out); err != nil {
			return err
		}
	}
	return nil
}

func readPayments(ctx context.Context, tx *sql.Tx, ids []int64, out map[int64][]core.Payment) error {
	args, marks := inList(ids)
	rows, err := tx.QueryContext(ctx, paymentsSQL(marks), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p core.Payment
		if err := rows.Scan(&p.InvoiceID, dateCol{&p.Date}, oreCol{&p.Amount}); err != nil {
			return err
		}
		out[p.InvoiceID] = append(out[p.InvoiceID], p)
	}
	return rows.Err()
}

// LateCompensated returns which of the given invoices an earlier reminder charged
// förseningsersättning; an invoice never charged has no entry. For many invoices (the
// dialog's candidates) it reads the few charged ones through their partial index and
// keeps those asked for, rather than asking about each.
func (s *Store) LateCompensated(ctx context.Context, invoiceIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(invoiceIDs) == 0 {
		return out, nil
	}
	err := s.read(ctx, "read late-payment compensation", func(tx *sql.Tx) error {
		return lateCompensated(ctx, tx, invoiceIDs, out)
	})
	return out, err
}

// lateCompensated is LateCompensated in the caller's transaction, into out.
func lateCompensated(ctx context.Context, tx *sql.Tx, invoiceIDs []int64, out map[int64]bool) error {
	if len(invoiceIDs) > paymentChunk {
		asked := make(map[int64]bool, len(invoiceIDs))
		for _, id := range invoiceIDs {
			asked[id] = true
		}
		return readIDs(ctx, tx, lateCompensatedSQL(false), nil, func(id int64) {
			if asked[id] {
				out[id] = true
			}
		})
	}
	return readIDs(ctx, tx, lateCompensatedSQL(true), []any{jsonList(invoiceIDs)}, func(id int64) { out[id] = true })
}

// FeesCharged returns the reminder fees earlier reminders charged each of the given
// invoices, together; an invoice never charged a fee has no entry. It asks by invoice
// through the reminders' index on invoice, the IDs passed as one JSON array: one
// statement however many invoices, and no argument to box for each.
func (s *Store) FeesCharged(ctx context.Context, invoiceIDs []int64) (map[int64]decimal.Decimal, error) {
	out := map[int64]decimal.Decimal{}
	if len(invoiceIDs) == 0 {
		return out, nil
	}
	err := s.read(ctx, "read reminder fees", func(tx *sql.Tx) error {
		return readAmounts(ctx, tx, feesChargedSQL, invoiceIDs, out)
	})
	return out, err
}

// readAmounts runs query, which selects an invoice ID and an amount in öre for the
// invoices ids lists (its one argument, a JSON array), into out.
func readAmounts(ctx context.Context, tx *sql.Tx, query string, ids []int64, out map[int64]decimal.Decimal) error {
	rows, err := tx.QueryContext(ctx, query, jsonList(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var amount decimal.Decimal
		if err := rows.Scan(&id, oreCol{&amount}); err != nil {
			return err
		}
		out[id] = amount
	}
	return rows.Err()
}

// readIDs runs query, whose rows are one ID each, and hands each ID to found.
func readIDs(ctx context.Context, tx *sql.Tx, query string, args []any, found func(int64)) error {
	return readColumn(ctx, tx, query, args, found)
}

// readColumn runs query, whose rows are one value each, and hands each to found.
func readColumn[T any](ctx context.Context, tx *sql.Tx, query string, args []any, found func(T)) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return err
		}
		found(v)
	}
	return rows.Err()
}

// paymentsSQL reads the principal parts of the payments after the due date of the
// invoices whose IDs fill marks.
func paymentsSQL(marks string) string {
	return `SELECT p.invoice_id, p.date, p.principal_ore FROM payments p JOIN invoices i ON i.id = p.invoice_id
		WHERE p.invoice_id IN (` + marks + `) AND p.date > i.due_date AND p.principal_ore != 0
		ORDER BY p.invoice_id, p.date, p.id`
}

// lateCompensatedSQL finds which of the invoices whose IDs are its one parameter, a
// JSON array, were charged förseningsersättning, or without asked every invoice that
// was, through the partial index of the few that were.
func lateCompensatedSQL(asked bool) string {
	query := `SELECT DISTINCT invoice_id FROM reminders INDEXED BY reminders_late_compensation
		WHERE late_compensation_ore > 0 AND state != 'stopped'`
	if !asked {
		return query
	}
	return query + ` AND invoice_id IN (SELECT value FROM json_each(?))`
}

// feesChargedSQL sums the reminder fees charged each of the invoices whose IDs are
// its one parameter, a JSON array.
const feesChargedSQL = `SELECT invoice_id, SUM(fee_ore) FROM reminders INDEXED BY reminders_by_invoice
	WHERE invoice_id IN (SELECT value FROM json_each(?)) AND fee_ore > 0 AND action != 'inkasso'
	AND state != 'stopped' GROUP BY invoice_id`

// collectionChargedSQL are those of the invoices listed as one JSON array on which an
// inkassokrav of the company's own charged a collection fee (its fee_ore).
const collectionChargedSQL = `SELECT DISTINCT invoice_id FROM reminders INDEXED BY reminders_by_invoice
	WHERE invoice_id IN (SELECT value FROM json_each(?)) AND action = 'inkasso' AND fee_ore > 0
	AND state != 'stopped'`

// CollectionCharged returns which of the given invoices an earlier inkassokrav of the
// company's own charged a collection fee; an invoice never charged one has no entry.
func (s *Store) CollectionCharged(ctx context.Context, invoiceIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(invoiceIDs) == 0 {
		return out, nil
	}
	err := s.read(ctx, "read collection fees", func(tx *sql.Tx) error {
		return readIDs(ctx, tx, collectionChargedSQL, []any{jsonList(invoiceIDs)}, func(id int64) { out[id] = true })
	})
	return out, err
}

// inList is ids as query arguments and their placeholders, for an IN (…) list.
func inList(ids []int64) ([]any, string) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args, strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
}
