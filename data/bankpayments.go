package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

const (
	msgPaymentTwice   = "A payment from {{.File}} was registered before; nothing was registered"
	msgBalanceChanged = "Invoice {{.Number}} changed since the preview; read the file again"
)

// RegisterBankPayments writes a bank file's payments and credits in one transaction.
// Each payment goes through recordPayment, so one on an invoice with Amili is queued
// for Amili like a payment typed in.
func (s *Store) RegisterBankPayments(ctx context.Context, regs []core.BankRegistration, now time.Time) error {
	return s.write(ctx, "register bank payments", func(tx *sql.Tx) error { return registerBankPayments(ctx, tx, regs, now) })
}

// registerBankPayments is RegisterBankPayments in the caller's transaction.
func registerBankPayments(ctx context.Context, tx *sql.Tx, regs []core.BankRegistration, now time.Time) error {
	credit, err := tx.PrepareContext(ctx, `INSERT INTO customer_credits (customer_id, invoice_id, date,
		amount_ore, source, external_key, bank_ref) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer credit.Close()
	for _, r := range regs {
		if r.Waiver.Kind != "" {
			if err := writeWaiver(ctx, tx, r.Waiver, now); err != nil {
				return err
			}
		}
		if r.Payment.Amount.IsPositive() {
			id, err := recordPayment(ctx, tx, r.Payment, now)
			if err != nil {
				return err
			}
			if err := setBankRef(ctx, tx, id, r.BankRef); err != nil {
				return err
			}
		}
		if !r.Credit.IsPositive() {
			continue
		}
		var invoice any
		if r.CreditInvoiceID != 0 {
			invoice = r.CreditInvoiceID
		}
		_, err := credit.ExecContext(ctx, r.CustomerID, invoice, dateText(r.Payment.Date), core.ToOre(r.Credit),
			r.Payment.Source, r.Payment.ExternalKey, r.BankRef)
		if isUnique(err) {
			return core.Wrap(err, core.ECONFLICT, msgPaymentTwice, map[string]any{"File": r.Payment.Source})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// setBankRef records how any bank file shows the payment just written.
func setBankRef(ctx context.Context, tx *sql.Tx, paymentID int64, ref string) error {
	if ref == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE payments SET bank_ref = ? WHERE id = ?`, ref, paymentID)
	return err
}

// jsonList passes a list to SQL as one JSON array parameter, read with json_each.
func jsonList[T any](xs []T) string {
	if xs == nil {
		xs = []T{}
	}
	b, _ := json.Marshal(xs) // strings and numbers always marshal
	return string(b)
}

// The statements of PaymentLookups. Each list is a JSON array of text (jsonList),
// read with json_each; PostgreSQL runs their twins (pgtwins.go).
const (
	// lookupInvoicesSQL selects the invoices whose OCR reference is in the first
	// list or whose number is in the second.
	lookupInvoicesSQL = `SELECT ` + invoiceColumns + invoiceFrom + `
			WHERE i.ocr != '' AND i.ocr IN (SELECT value FROM json_each(?))
			UNION
			SELECT ` + invoiceColumns + invoiceFrom + ` WHERE i.number IN (SELECT value FROM json_each(?))`
	// registeredKeysSQL selects the bank keys of the list registered before.
	registeredKeysSQL = `
			SELECT external_key FROM payments WHERE external_key != '' AND external_key IN (SELECT value FROM json_each(?1))
			UNION
			SELECT external_key FROM customer_credits WHERE external_key IN (SELECT value FROM json_each(?1))`
	// bankRefsElsewhereSQL selects each bank reference of the first list registered
	// under a key not in the second: the same payment from another file.
	bankRefsElsewhereSQL = `
			SELECT bank_ref FROM (
				SELECT bank_ref, external_key FROM payments WHERE bank_ref IN (SELECT value FROM json_each(?1))
				UNION
				SELECT bank_ref, external_key FROM customer_credits WHERE bank_ref IN (SELECT value FROM json_each(?1))) AS r
			WHERE external_key NOT IN (SELECT value FROM json_each(?2))`
)

// PaymentLookups reads what matching a bank file needs, in one read transaction.
func (s *Store) PaymentLookups(ctx context.Context, q core.PaymentQuery) (core.PaymentLookups, error) {
	var l core.PaymentLookups
	err := s.read(ctx, "look up payments", func(tx *sql.Tx) (err error) {
		l, err = paymentLookups(ctx, tx, q)
		return err
	})
	return l, err
}

// paymentLookups is PaymentLookups in the caller's transaction.
func paymentLookups(ctx context.Context, tx *sql.Tx, q core.PaymentQuery) (core.PaymentLookups, error) {
	l := core.PaymentLookups{Registered: map[string]bool{}, Elsewhere: map[string]int{}}
	var err error
	l.Invoices, err = queryInvoices(ctx, tx, lookupInvoicesSQL, jsonList(q.OCRs), jsonList(q.Numbers))
	if err != nil {
		return l, err
	}
	err = readColumn(ctx, tx, registeredKeysSQL, []any{jsonList(q.Keys)}, func(k string) { l.Registered[k] = true })
	if err != nil || len(q.BankRefs) == 0 {
		return l, err
	}
	// A book with no bank payment registered since migration 012 has none to find:
	// asking through the partial indexes costs nothing, the lookup below more.
	var some bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM payments WHERE bank_ref != '')
		OR EXISTS (SELECT 1 FROM customer_credits WHERE bank_ref != '')`).Scan(&some); err != nil || !some {
		return l, err
	}
	return l, readColumn(ctx, tx, bankRefsElsewhereSQL, []any{jsonList(q.BankRefs), jsonList(q.Keys)},
		func(ref string) { l.Elsewhere[ref]++ })
}

// openInvoicesOfSQL selects the invoices with a balance of the customers whose IDs
// are its one parameter, a JSON array.
const openInvoicesOfSQL = `SELECT ` + invoiceColumns + invoiceFrom + `
			WHERE i.customer_id IN (SELECT value FROM json_each(?)) AND i.total_ore > i.paid_ore
			ORDER BY i.due_date, i.number`

// OpenInvoicesOf returns the invoices with a balance of the given customers.
func (s *Store) OpenInvoicesOf(ctx context.Context, customerIDs []int64) ([]core.Invoice, error) {
	var invs []core.Invoice
	err := s.read(ctx, "read open invoices", func(tx *sql.Tx) error {
		var err error
		invs, err = queryInvoices(ctx, tx, openInvoicesOfSQL, jsonList(customerIDs))
		return err
	})
	return invs, err
}

// InvoicePayments returns an invoice's payments, oldest first, reversals included,
// each with what undid it and its report to Amili.
func (s *Store) InvoicePayments(ctx context.Context, invoiceID int64) ([]core.PaymentRecord, error) {
	var out []core.PaymentRecord
	err := s.read(ctx, "read payments", func(tx *sql.Tx) (err error) {
		out, err = invoicePayments(ctx, tx, invoiceID)
		return err
	})
	return out, err
}

// invoicePayments is InvoicePayments in the caller's transaction.
func invoicePayments(ctx context.Context, tx *sql.Tx, invoiceID int64) ([]core.PaymentRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+paymentRecordColumns+` FROM payments p
		WHERE p.invoice_id = ? ORDER BY p.date, p.id`, invoiceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []core.PaymentRecord
	for rows.Next() {
		var p core.PaymentRecord
		if err := scanPaymentRecord(rows, &p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CustomerCredits returns each customer's credit (as CustomerCredit reads one), by
// customer ID; a customer with none has no entry.
func (s *Store) CustomerCredits(ctx context.Context) (map[int64]decimal.Decimal, error) {
	var out map[int64]decimal.Decimal
	err := s.read(ctx, "read customer credits", func(tx *sql.Tx) (err error) {
		out, err = readCredits(ctx, tx, allCredits, allCredits)
		return err
	})
	return out, err
}
