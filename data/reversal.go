package data

import (
	"context"
	"database/sql"
	"time"

	"paminn/core"
)

const (
	msgNoPayment          = "There is no payment {{.ID}}"
	msgPaymentUndoneFirst = "Payment {{.ID}} was undone before, or undoes one itself; nothing was changed"
	msgPaymentWithAmili   = "Payment {{.ID}} is reported to Amili and cannot be undone here; nothing was changed"
)

// paymentRecordColumns are the columns scanPaymentRecord reads, for payments p: the
// payment, the reversal that undid it (0 for none) and the state of its report to
// Amili ("" for none). Both asides are read through indexes (payments_reversed,
// amili_reports_by_invoice).
const paymentRecordColumns = `p.id, p.invoice_id, p.kind, p.date, p.amount_ore, p.principal_ore, p.fee_ore,
	p.compensation_ore, p.interest_ore, p.source, coalesce(p.reverses, 0), p.reason,
	coalesce((SELECT r.id FROM payments r WHERE r.reverses = p.id), 0),
	coalesce((SELECT a.state FROM amili_reports a WHERE a.invoice_id = p.invoice_id AND a.payment_id = p.id
		ORDER BY a.id DESC LIMIT 1), '')`

func scanPaymentRecord(row interface{ Scan(...any) error }, p *core.PaymentRecord) error {
	return row.Scan(&p.ID, &p.InvoiceID, (*string)(&p.Kind), dateCol{&p.Date}, oreCol{&p.Amount},
		oreCol{&p.Parts.Principal}, oreCol{&p.Parts.Fee}, oreCol{&p.Parts.Compensation}, oreCol{&p.Parts.Interest},
		&p.Source, &p.Reverses, &p.Reason, &p.ReversedBy, (*string)(&p.AmiliReport))
}

// Payment returns one payment (ENOTFOUND for an unknown one).
func (s *Store) Payment(ctx context.Context, id int64) (core.PaymentRecord, error) {
	var p core.PaymentRecord
	err := s.read(ctx, "read payment", func(tx *sql.Tx) (err error) {
		p, err = findPayment(ctx, tx, id)
		return err
	})
	return p, err
}

func findPayment(ctx context.Context, tx *sql.Tx, id int64) (core.PaymentRecord, error) {
	var p core.PaymentRecord
	err := scanPaymentRecord(tx.QueryRowContext(ctx, `SELECT `+paymentRecordColumns+` FROM payments p WHERE p.id = ?`, id), &p)
	if err == sql.ErrNoRows {
		return p, notFound(err, msgNoPayment, id)
	}
	return p, err
}

// ReversePayment writes the reversal of r.PaymentID: a payments row of kind
// 'reversal' with every amount of the payment negated, naming it in reverses (unique,
// so a payment is undone at most once); the invoice's principal settled lowered and
// its open charges raised by the payment's parts; r.History in its history. The
// payment keeps its row and bank key, so its file registers nothing again.
func (s *Store) ReversePayment(ctx context.Context, r core.PaymentReversalRequest, now time.Time) (core.Invoice, error) {
	var inv core.Invoice
	err := s.write(ctx, "undo payment", func(tx *sql.Tx) (err error) {
		inv, err = reversePayment(ctx, tx, r, now)
		return err
	})
	return inv, err
}

// reversePayment is ReversePayment in the caller's transaction.
func reversePayment(ctx context.Context, tx *sql.Tx, r core.PaymentReversalRequest, now time.Time) (core.Invoice, error) {
	p, err := findPayment(ctx, tx, r.PaymentID)
	if err != nil {
		return core.Invoice{}, err
	}
	data := map[string]any{"ID": p.ID}
	switch {
	case p.Kind == core.PaymentReversal || p.ReversedBy != 0:
		return core.Invoice{}, core.Errorf(core.ECONFLICT, msgPaymentUndoneFirst, data)
	case p.AmiliReport != "":
		return core.Invoice{}, core.Errorf(core.ECONFLICT, msgPaymentWithAmili, data)
	}
	neg := p.Parts.Neg()
	_, err = tx.ExecContext(ctx, `INSERT INTO payments (invoice_id, kind, date, amount_ore, principal_ore,
		fee_ore, compensation_ore, interest_ore, reverses, reason, created_at) VALUES (?, 'reversal', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.InvoiceID, dateText(r.Date), -core.ToOre(p.Amount), core.ToOre(neg.Principal), core.ToOre(neg.Fee),
		core.ToOre(neg.Compensation), core.ToOre(neg.Interest), p.ID, r.Reason, instantText(now))
	if isUnique(err) {
		return core.Invoice{}, core.Wrap(err, core.ECONFLICT, msgPaymentUndoneFirst, data)
	}
	if err != nil {
		return core.Invoice{}, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE invoices SET paid_ore = paid_ore - ?, charges_ore = charges_ore + ?
		WHERE id = ?`, core.ToOre(p.Parts.Principal), core.ToOre(p.Parts.Charges()), p.InvoiceID); err != nil {
		return core.Invoice{}, err
	}
	if err := addHistory(ctx, tx, p.InvoiceID, now, r.History); err != nil {
		return core.Invoice{}, err
	}
	return findInvoice(ctx, tx, p.InvoiceID)
}
