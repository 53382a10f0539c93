package data

import (
	"context"
	"database/sql"
	"time"

	"paminn/core"
)

// A bank file on PostgreSQL (issue 11's import; issue 20's corrections): matching it
// against the book, registering it, and a payment read and undone. Each is the SQLite
// method's shared function in PGStore's transaction (engine.go); the statements over
// lists of text and of IDs run as their twins (pgtwins.go). The same file registered
// from two desktops at once registers once: the writes take the book's write lock,
// and payments_by_external_key and customer_credits' unique external_key refuse a
// bank key registered before, whichever desktop wrote it.

// RegisterBankPayments writes a bank file's payments and credits in one transaction,
// as Store.RegisterBankPayments.
func (s *PGStore) RegisterBankPayments(ctx context.Context, regs []core.BankRegistration, now time.Time) error {
	return s.write(ctx, "register bank payments", func(ctx context.Context, tx *sql.Tx) error {
		return registerBankPayments(ctx, tx, regs, now)
	})
}

// PaymentLookups reads what matching a bank file needs, as Store.PaymentLookups.
func (s *PGStore) PaymentLookups(ctx context.Context, q core.PaymentQuery) (core.PaymentLookups, error) {
	var l core.PaymentLookups
	err := s.read(ctx, "look up payments", func(ctx context.Context, tx *sql.Tx) (err error) {
		l, err = paymentLookups(ctx, tx, q)
		return err
	})
	return l, err
}

// OpenInvoicesOf returns the invoices with a balance of the given customers, as
// Store.OpenInvoicesOf.
func (s *PGStore) OpenInvoicesOf(ctx context.Context, customerIDs []int64) ([]core.Invoice, error) {
	var invs []core.Invoice
	err := s.read(ctx, "read open invoices", func(ctx context.Context, tx *sql.Tx) (err error) {
		invs, err = queryInvoices(ctx, tx, openInvoicesOfSQL, jsonList(customerIDs))
		return err
	})
	return invs, err
}

// Payment returns one payment, as Store.Payment.
func (s *PGStore) Payment(ctx context.Context, id int64) (core.PaymentRecord, error) {
	var p core.PaymentRecord
	err := s.read(ctx, "read payment", func(ctx context.Context, tx *sql.Tx) (err error) {
		p, err = findPayment(ctx, tx, id)
		return err
	})
	return p, err
}

// ReversePayment writes the reversal of a payment, as Store.ReversePayment.
func (s *PGStore) ReversePayment(ctx context.Context, r core.PaymentReversalRequest, now time.Time) (core.Invoice, error) {
	var inv core.Invoice
	err := s.write(ctx, "undo payment", func(ctx context.Context, tx *sql.Tx) (err error) {
		inv, err = reversePayment(ctx, tx, r, now)
		return err
	})
	return inv, err
}
