package data

import (
	"context"
	"database/sql"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// Payments and what is open of a claim on PostgreSQL (issue 20's allocation): each
// the SQLite method's shared function in PGStore's transaction; the statements over
// lists of IDs run as their twins (pgtwins.go).

// RegisterPayment records a payment and returns the updated invoice, as
// Store.RegisterPayment.
func (s *PGStore) RegisterPayment(ctx context.Context, p core.Payment, now time.Time) (core.Invoice, error) {
	var inv core.Invoice
	err := s.write(ctx, "register payment", func(ctx context.Context, tx *sql.Tx) error {
		if _, err := recordPayment(ctx, tx, p, now); err != nil {
			return err
		}
		var err error
		inv, err = findInvoice(ctx, tx, p.InvoiceID)
		return err
	})
	return inv, err
}

// OpenParts returns what is open of each invoice's claim, part by part, as
// Store.OpenParts.
func (s *PGStore) OpenParts(ctx context.Context, ids []int64) (map[int64]core.Parts, error) {
	var out map[int64]core.Parts
	err := s.read(ctx, "read open claims", func(ctx context.Context, tx *sql.Tx) (err error) {
		out, err = openParts(ctx, tx, ids)
		return err
	})
	return out, err
}

// WaiveCharges writes the waivers, as Store.WaiveCharges.
func (s *PGStore) WaiveCharges(ctx context.Context, waivers []core.ClaimEntry, now time.Time) error {
	return s.write(ctx, "waive charges", func(ctx context.Context, tx *sql.Tx) error { return writeWaivers(ctx, tx, waivers, now) })
}

// PaymentsAfterDue returns the payments made after each invoice's due date, as
// Store.PaymentsAfterDue.
func (s *PGStore) PaymentsAfterDue(ctx context.Context, invoiceIDs []int64) (map[int64][]core.Payment, error) {
	out := map[int64][]core.Payment{}
	if len(invoiceIDs) == 0 {
		return out, nil
	}
	err := s.read(ctx, "read payments", func(ctx context.Context, tx *sql.Tx) error { return paymentsAfterDue(ctx, tx, invoiceIDs, out) })
	return out, err
}

// LateCompensated returns which invoices an earlier reminder charged
// förseningsersättning, as Store.LateCompensated.
func (s *PGStore) LateCompensated(ctx context.Context, invoiceIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(invoiceIDs) == 0 {
		return out, nil
	}
	err := s.read(ctx, "read late-payment compensation", func(ctx context.Context, tx *sql.Tx) error {
		return lateCompensated(ctx, tx, invoiceIDs, out)
	})
	return out, err
}

// FeesCharged returns the reminder fees earlier reminders charged, as
// Store.FeesCharged.
func (s *PGStore) FeesCharged(ctx context.Context, invoiceIDs []int64) (map[int64]decimal.Decimal, error) {
	return s.amounts(ctx, "read reminder fees", feesChargedSQL, invoiceIDs)
}

// InterestStated returns the most interest an earlier manual reminder stated, as
// Store.InterestStated.
func (s *PGStore) InterestStated(ctx context.Context, invoiceIDs []int64) (map[int64]decimal.Decimal, error) {
	return s.amounts(ctx, "read the interest reminders stated", interestStatedSQL, invoiceIDs)
}

// amounts reads query's amount per invoice of ids (readAmounts).
func (s *PGStore) amounts(ctx context.Context, op, query string, ids []int64) (map[int64]decimal.Decimal, error) {
	out := map[int64]decimal.Decimal{}
	if len(ids) == 0 {
		return out, nil
	}
	err := s.read(ctx, op, func(ctx context.Context, tx *sql.Tx) error { return readAmounts(ctx, tx, query, ids, out) })
	return out, err
}

// CollectionCharged returns which invoices an earlier inkassokrav charged a
// collection fee, as Store.CollectionCharged.
func (s *PGStore) CollectionCharged(ctx context.Context, invoiceIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(invoiceIDs) == 0 {
		return out, nil
	}
	err := s.read(ctx, "read collection fees", func(ctx context.Context, tx *sql.Tx) error {
		return readIDs(ctx, tx, collectionChargedSQL, []any{jsonList(invoiceIDs)}, func(id int64) { out[id] = true })
	})
	return out, err
}
