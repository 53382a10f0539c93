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
	return s.write(ctx, "register bank payments", func(tx *sql.Tx) error {
		credit, err := tx.PrepareContext(ctx, `INSERT INTO customer_credits (customer_id, invoice_id, date,
			amount_ore, source, external_key) VALUES (?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer credit.Close()
		for _, r := range regs {
			if r.Payment.Amount.IsPositive() {
				if _, err := recordPayment(ctx, tx, r.Payment, now); err != nil {
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
				r.Payment.Source, r.Payment.ExternalKey)
			if isUnique(err) {
				return core.Wrap(err, core.ECONFLICT, msgPaymentTwice, map[string]any{"File": r.Payment.Source})
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// jsonList passes a list to SQL as one JSON array parameter, read with json_each.
func jsonList[T any](xs []T) string {
	if xs == nil {
		xs = []T{}
	}
	b, _ := json.Marshal(xs) // strings and numbers always marshal
	return string(b)
}

// PaymentLookups reads what matching a bank file needs, in one read transaction.
func (s *Store) PaymentLookups(ctx context.Context, ocrs, numbers, keys []string) (core.PaymentLookups, error) {
	l := core.PaymentLookups{Registered: map[string]bool{}}
	err := s.read(ctx, "look up payments", func(tx *sql.Tx) error {
		var err error
		l.Invoices, err = queryInvoices(ctx, tx, `SELECT `+invoiceColumns+invoiceFrom+`
			WHERE i.ocr != '' AND i.ocr IN (SELECT value FROM json_each(?))
			UNION
			SELECT `+invoiceColumns+invoiceFrom+` WHERE i.number IN (SELECT value FROM json_each(?))`, jsonList(ocrs), jsonList(numbers))
		if err != nil {
			return err
		}
		keyRows, err := tx.QueryContext(ctx, `
			SELECT external_key FROM payments WHERE external_key != '' AND external_key IN (SELECT value FROM json_each(?1))
			UNION
			SELECT external_key FROM customer_credits WHERE external_key IN (SELECT value FROM json_each(?1))`, jsonList(keys))
		if err != nil {
			return err
		}
		defer keyRows.Close()
		for keyRows.Next() {
			var k string
			if err := keyRows.Scan(&k); err != nil {
				return err
			}
			l.Registered[k] = true
		}
		return keyRows.Err()
	})
	return l, err
}

// OpenInvoicesOf returns the invoices with a balance of the given customers.
func (s *Store) OpenInvoicesOf(ctx context.Context, customerIDs []int64) ([]core.Invoice, error) {
	var invs []core.Invoice
	err := s.read(ctx, "read open invoices", func(tx *sql.Tx) error {
		var err error
		invs, err = queryInvoices(ctx, tx, `SELECT `+invoiceColumns+invoiceFrom+`
			WHERE i.customer_id IN (SELECT value FROM json_each(?)) AND i.total_ore > i.paid_ore
			ORDER BY i.due_date, i.number`, jsonList(customerIDs))
		return err
	})
	return invs, err
}

// InvoicePayments returns an invoice's payments, oldest first.
func (s *Store) InvoicePayments(ctx context.Context, invoiceID int64) ([]core.PaymentRecord, error) {
	var out []core.PaymentRecord
	err := s.read(ctx, "read payments", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT date, amount_ore, source FROM payments
			WHERE invoice_id = ? ORDER BY date, id`, invoiceID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p core.PaymentRecord
			if err := rows.Scan(dateCol{&p.Date}, oreCol{&p.Amount}, &p.Source); err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// CustomerCredits returns the sum of each customer's credits, by customer ID.
func (s *Store) CustomerCredits(ctx context.Context) (map[int64]decimal.Decimal, error) {
	out := map[int64]decimal.Decimal{}
	err := s.read(ctx, "read customer credits", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT customer_id, sum(amount_ore) FROM customer_credits GROUP BY customer_id`)
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
	})
	return out, err
}
