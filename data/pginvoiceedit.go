package data

import (
	"context"
	"database/sql"
	"time"

	"paminn/core"
)

// An invoice corrected, deleted or charged interest by a räntefaktura on PostgreSQL
// (issue 20), and its case with Amili as Amili reports it (issue 9): each the SQLite
// method's shared function in PGStore's transaction (engine.go); the statements over
// lists of IDs and the count of what fixes an invoice run as their twins
// (pgtwins.go).

// InvoiceActivity counts what fixes an invoice, as Store.InvoiceActivity.
func (s *PGStore) InvoiceActivity(ctx context.Context, invoiceID int64) (core.InvoiceActivity, error) {
	var a core.InvoiceActivity
	err := s.read(ctx, "read invoice activity", func(ctx context.Context, tx *sql.Tx) (err error) {
		a, _, err = activityOf(ctx, tx, invoiceID)
		return err
	})
	return a, err
}

// UpdateInvoice replaces an untouched invoice's fields, as Store.UpdateInvoice.
func (s *PGStore) UpdateInvoice(ctx context.Context, inv core.Invoice, history []core.Message, now time.Time) (core.Invoice, error) {
	err := s.write(ctx, "update invoice", func(ctx context.Context, tx *sql.Tx) (err error) {
		inv, err = updateInvoice(ctx, tx, inv, history, now)
		return err
	})
	return inv, err
}

// DeleteInvoice deletes an untouched invoice, as Store.DeleteInvoice. Its history
// moves to core.DeletedInvoiceHistory(id) as on SQLite, though PostgreSQL never gives
// its ID to another invoice: the book reads the same on both engines.
func (s *PGStore) DeleteInvoice(ctx context.Context, id int64, history core.Message, now time.Time) error {
	return s.write(ctx, "delete invoice", func(ctx context.Context, tx *sql.Tx) error {
		return deleteInvoice(ctx, tx, id, history, now)
	})
}

// LatePaidInvoices returns the invoices paid in full after their due date that have
// no räntefaktura, as Store.LatePaidInvoices.
func (s *PGStore) LatePaidInvoices(ctx context.Context, ids []int64) ([]core.LatePaid, error) {
	var out []core.LatePaid
	err := s.read(ctx, "read invoices paid late", func(ctx context.Context, tx *sql.Tx) (err error) {
		out, err = latePaidInvoices(ctx, tx, ids)
		return err
	})
	return out, err
}

// InterestInvoicesFor returns the räntefakturor of the given invoices, as
// Store.InterestInvoicesFor.
func (s *PGStore) InterestInvoicesFor(ctx context.Context, invoiceIDs []int64) (map[int64]core.Invoice, error) {
	out := map[int64]core.Invoice{}
	if len(invoiceIDs) == 0 {
		return out, nil
	}
	err := s.read(ctx, "read räntefakturor", func(ctx context.Context, tx *sql.Tx) error {
		return interestInvoicesFor(ctx, tx, invoiceIDs, out)
	})
	return out, err
}

// CreateInterestInvoices inserts the räntefakturor in one transaction, none twice
// for one invoice, as Store.CreateInterestInvoices.
func (s *PGStore) CreateInterestInvoices(ctx context.Context, invs []core.NewInterestInvoice, now time.Time) (created, existing []core.Invoice, err error) {
	err = s.write(ctx, "create räntefakturor", func(ctx context.Context, tx *sql.Tx) (err error) {
		created, existing, err = createInterestInvoices(ctx, tx, invs, now)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return created, existing, nil
}

// AmiliCases returns the invoices with a case in env that is not final, as
// Store.AmiliCases (SQLite's index hint taken out, pgStatement).
func (s *PGStore) AmiliCases(ctx context.Context, env core.AmiliEnvironment) ([]core.Invoice, error) {
	var invs []core.Invoice
	err := s.read(ctx, "list Amili cases", func(ctx context.Context, tx *sql.Tx) (err error) {
		invs, err = amiliCases(ctx, tx, env)
		return err
	})
	return invs, err
}

// SetAmiliCase records what Amili reports about an invoice's case, as
// Store.SetAmiliCase.
func (s *PGStore) SetAmiliCase(ctx context.Context, invoiceID int64, c core.AmiliCase) error {
	return s.write(ctx, "set Amili case", func(ctx context.Context, tx *sql.Tx) error {
		return setAmiliCase(ctx, tx, invoiceID, c)
	})
}
