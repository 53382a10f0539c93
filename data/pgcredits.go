package data

import (
	"context"
	"database/sql"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// A customer's credit and an invoice's credit notes on PostgreSQL (issue 11's
// surpluses, issue 20's corrections): each the SQLite method's shared function in
// PGStore's transaction (engine.go); the credit's sums run as their twins
// (pgtwins.go).

// CustomerCredit returns one customer's credit, as Store.CustomerCredit.
func (s *PGStore) CustomerCredit(ctx context.Context, customerID int64) (decimal.Decimal, error) {
	var credit decimal.Decimal
	err := s.read(ctx, "read customer credit", func(ctx context.Context, tx *sql.Tx) (err error) {
		credit, err = creditOf(ctx, tx, customerID)
		return err
	})
	return credit, err
}

// CustomerCredits returns each customer's credit by customer ID, as
// Store.CustomerCredits.
func (s *PGStore) CustomerCredits(ctx context.Context) (map[int64]decimal.Decimal, error) {
	var out map[int64]decimal.Decimal
	err := s.read(ctx, "read customer credits", func(ctx context.Context, tx *sql.Tx) (err error) {
		out, err = readCredits(ctx, tx, allCredits, allCredits)
		return err
	})
	return out, err
}

// ApplyCredit pays an invoice from the customer's credit, as Store.ApplyCredit.
func (s *PGStore) ApplyCredit(ctx context.Context, u core.CreditUse, now time.Time) (core.Invoice, error) {
	var inv core.Invoice
	err := s.write(ctx, "apply customer credit", func(ctx context.Context, tx *sql.Tx) (err error) {
		inv, err = applyCredit(ctx, tx, u, now)
		return err
	})
	return inv, err
}

// RefundCredit records credit paid back to the customer, as Store.RefundCredit.
func (s *PGStore) RefundCredit(ctx context.Context, u core.CreditUse, now time.Time) error {
	return s.write(ctx, "refund customer credit", func(ctx context.Context, tx *sql.Tx) error {
		return refundCredit(ctx, tx, u, now)
	})
}

// CreditInvoice records a credit note on an invoice, as Store.CreditInvoice.
func (s *PGStore) CreditInvoice(ctx context.Context, c core.Credit, now time.Time) (core.Invoice, error) {
	var inv core.Invoice
	err := s.write(ctx, "credit invoice", func(ctx context.Context, tx *sql.Tx) (err error) {
		inv, err = creditInvoice(ctx, tx, c, now)
		return err
	})
	return inv, err
}
