package data

import (
	"context"
	"database/sql"
	"time"

	"paminn/core"
)

// latePaidSQL selects, with invoiceColumns and the date of the latest reminder that
// stated interest, the invoices whose principal is paid in full with a payment dated
// after the due date and that have no räntefaktura (core.Store.LatePaidInvoices). It
// starts from the payments dated after their invoice's due date (few: most are paid
// by it) rather than from every paid invoice; a trailing condition narrows it to
// the IDs asked for. "f.interest_for != 0" lets the partial index invoices_interest_for
// answer whether an invoice has a räntefaktura.
const latePaidSQL = `SELECT ` + invoiceColumns + `,
		(SELECT coalesce(max(r.date), '') FROM reminders r
			WHERE r.invoice_id = i.id AND r.type = 'manual' AND r.interest_ore > 0)
	` + invoiceFrom + `
	WHERE i.id IN (SELECT p.invoice_id FROM payments p JOIN invoices l ON l.id = p.invoice_id
			WHERE p.date > l.due_date AND l.total_ore - l.paid_ore <= 0)
		AND i.total_ore - i.paid_ore <= 0
		AND NOT EXISTS (SELECT 1 FROM invoices f WHERE f.interest_for = i.id AND f.interest_for != 0)`

// interestInvoicesOfSQL selects the räntefakturor of the invoices whose IDs are its
// one parameter, a JSON array, and interestInvoiceOfSQL the ID of one invoice's.
// Each says interest_for != 0, without which SQLite cannot use the partial index
// invoices_interest_for and reads the whole table instead.
const (
	interestInvoicesOfSQL = `SELECT ` + invoiceColumns + invoiceFrom + `
		WHERE i.interest_for IN (SELECT value FROM json_each(?)) AND i.interest_for != 0`
	interestInvoiceOfSQL = `SELECT id FROM invoices WHERE interest_for = ? AND interest_for != 0`
)

// latePaidOfSQL is latePaidSQL of the invoices whose IDs are its one parameter, a
// JSON array, and latePaidAllSQL of all; each in ID order.
const (
	latePaidOfSQL  = latePaidSQL + ` AND i.id IN (SELECT value FROM json_each(?))` + ` ORDER BY i.id`
	latePaidAllSQL = latePaidSQL + ` ORDER BY i.id`
)

// LatePaidInvoices returns the invoices paid in full, some of it after the due date,
// that have no räntefaktura, with the date of their latest reminder that stated
// interest; of ids only unless ids is nil; in ID order.
func (s *Store) LatePaidInvoices(ctx context.Context, ids []int64) ([]core.LatePaid, error) {
	var out []core.LatePaid
	err := s.read(ctx, "read invoices paid late", func(tx *sql.Tx) (err error) {
		out, err = latePaidInvoices(ctx, tx, ids)
		return err
	})
	return out, err
}

// latePaidInvoices is LatePaidInvoices in the caller's transaction.
func latePaidInvoices(ctx context.Context, tx *sql.Tx, ids []int64) ([]core.LatePaid, error) {
	query, args := latePaidAllSQL, []any(nil)
	if ids != nil {
		query, args = latePaidOfSQL, []any{jsonList(ids)}
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []core.LatePaid
	for rows.Next() {
		var lp core.LatePaid
		if err := scanInvoice(rows, &lp.Invoice, dateCol{&lp.InterestStated}); err != nil {
			return nil, err
		}
		out = append(out, lp)
	}
	return out, rows.Err()
}

// InterestInvoicesFor returns the räntefakturor of the given invoices, by the ID of
// the invoice each charges.
func (s *Store) InterestInvoicesFor(ctx context.Context, invoiceIDs []int64) (map[int64]core.Invoice, error) {
	out := map[int64]core.Invoice{}
	if len(invoiceIDs) == 0 {
		return out, nil
	}
	err := s.read(ctx, "read räntefakturor", func(tx *sql.Tx) error { return interestInvoicesFor(ctx, tx, invoiceIDs, out) })
	return out, err
}

// interestInvoicesFor reads the räntefakturor of invoiceIDs into out, by the ID of
// the invoice each charges, in the caller's transaction.
func interestInvoicesFor(ctx context.Context, tx *sql.Tx, invoiceIDs []int64, out map[int64]core.Invoice) error {
	invs, err := queryInvoices(ctx, tx, interestInvoicesOfSQL, jsonList(invoiceIDs))
	for _, inv := range invs {
		out[inv.InterestFor] = inv
	}
	return err
}

// CreateInterestInvoices inserts the räntefakturor in one transaction: each one
// whose original has none yet, through the invoice writer CreateInvoice and imports
// use (ECONFLICT on a number already in the book). An original that has one by now
// keeps it, returned in existing; none is made twice (the unique index
// invoices_interest_for holds that, whatever a caller does).
func (s *Store) CreateInterestInvoices(ctx context.Context, invs []core.NewInterestInvoice, now time.Time) (created, existing []core.Invoice, err error) {
	err = s.write(ctx, "create räntefakturor", func(tx *sql.Tx) (err error) {
		created, existing, err = createInterestInvoices(ctx, tx, invs, now)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return created, existing, nil
}

// createInterestInvoices is CreateInterestInvoices in the caller's transaction.
func createInterestInvoices(ctx context.Context, tx *sql.Tx, invs []core.NewInterestInvoice, now time.Time) (created, existing []core.Invoice, err error) {
	w, err := newInvoiceWriter(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	defer w.close()
	for _, inv := range invs {
		made, isNew, err := insertInterestInvoice(ctx, tx, w, inv.Invoice)
		if err != nil {
			return nil, nil, err
		}
		if !isNew {
			existing = append(existing, made)
			continue
		}
		if err := addHistory(ctx, tx, made.InterestFor, now, inv.History); err != nil {
			return nil, nil, err
		}
		created = append(created, made)
	}
	return created, existing, nil
}

// insertInterestInvoice writes inv unless its original has a räntefaktura already,
// and returns the one that charges it, and whether it is new.
func insertInterestInvoice(ctx context.Context, tx *sql.Tx, w *invoiceWriter, inv core.Invoice) (core.Invoice, bool, error) {
	var id int64
	err := tx.QueryRowContext(ctx, interestInvoiceOfSQL, inv.InterestFor).Scan(&id)
	switch {
	case err == nil:
		made, err := findInvoice(ctx, tx, id)
		return made, false, err
	case err != sql.ErrNoRows:
		return core.Invoice{}, false, err
	}
	if _, err := findInvoice(ctx, tx, inv.InterestFor); err != nil {
		return core.Invoice{}, false, err
	}
	if id, err = w.insert(ctx, inv); err != nil {
		return core.Invoice{}, false, err
	}
	made, err := findInvoice(ctx, tx, id)
	return made, true, err
}
