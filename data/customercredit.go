package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

const msgCreditChanged = "The customer's credit changed meanwhile and no longer covers {{.Amount}}; nothing was changed"

// creditBalanceSQL is what remains of each customer's credit: the surpluses of bank
// payments kept for them, less what was refunded and what was applied to an invoice
// by a payment not since reversed (a reversed application gives the credit back).
const creditBalanceSQL = `SELECT customer_id, sum(amount_ore) FROM (
		SELECT customer_id, amount_ore FROM customer_credits WHERE %s
		UNION ALL
		SELECT u.customer_id, -u.amount_ore FROM customer_credit_uses u WHERE %s
			AND (u.kind = 'refunded' OR NOT EXISTS (SELECT 1 FROM payments r WHERE r.reverses = u.payment_id))) AS b
	GROUP BY customer_id HAVING sum(amount_ore) != 0`

// The conditions of creditBalanceSQL: every customer's credit (allCredits, for both),
// or one customer's, the customer's ID the first parameter.
const (
	allCredits     = "1 = 1"
	oneCredit      = "customer_id = ?1"
	oneCreditsUses = "u.customer_id = ?1"
)

// CustomerCredit returns one customer's credit.
func (s *Store) CustomerCredit(ctx context.Context, customerID int64) (decimal.Decimal, error) {
	var credit decimal.Decimal
	err := s.read(ctx, "read customer credit", func(tx *sql.Tx) (err error) {
		credit, err = creditOf(ctx, tx, customerID)
		return err
	})
	return credit, err
}

// creditOf reads one customer's credit in the caller's transaction.
func creditOf(ctx context.Context, tx *sql.Tx, customerID int64) (decimal.Decimal, error) {
	credits, err := readCredits(ctx, tx, oneCredit, oneCreditsUses, customerID)
	if err != nil {
		return decimal.Zero, err
	}
	if c, ok := credits[customerID]; ok {
		return c, nil
	}
	return decimal.Zero, nil
}

// readCredits reads the credits of the customers the two conditions (on
// customer_credits and on customer_credit_uses u) select.
func readCredits(ctx context.Context, tx *sql.Tx, credits, uses string, args ...any) (map[int64]decimal.Decimal, error) {
	rows, err := tx.QueryContext(ctx, fmt.Sprintf(creditBalanceSQL, credits, uses), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]decimal.Decimal{}
	for rows.Next() {
		var id int64
		var amount decimal.Decimal
		if err := rows.Scan(&id, oreCol{&amount}); err != nil {
			return nil, err
		}
		out[id] = amount
	}
	return out, rows.Err()
}

// checkCredit refuses, in the caller's transaction, a use of more credit than the
// customer has now.
func checkCredit(ctx context.Context, tx *sql.Tx, u core.CreditUse) error {
	credit, err := creditOf(ctx, tx, u.CustomerID)
	if err != nil {
		return err
	}
	if u.Amount.GreaterThan(credit) {
		return core.Errorf(core.ECONFLICT, msgCreditChanged, map[string]any{"Amount": core.FormatSEK(u.Amount)})
	}
	return nil
}

// ApplyCredit pays u's invoice from the customer's credit: a payment through
// recordPayment with its parts (so it settles the claim as a payment does and one on
// an invoice with Amili is reported), marked as credit, and the use naming it.
func (s *Store) ApplyCredit(ctx context.Context, u core.CreditUse, now time.Time) (core.Invoice, error) {
	var inv core.Invoice
	err := s.write(ctx, "apply customer credit", func(tx *sql.Tx) (err error) {
		inv, err = applyCredit(ctx, tx, u, now)
		return err
	})
	return inv, err
}

// applyCredit is ApplyCredit in the caller's transaction.
func applyCredit(ctx context.Context, tx *sql.Tx, u core.CreditUse, now time.Time) (core.Invoice, error) {
	if err := checkCredit(ctx, tx, u); err != nil {
		return core.Invoice{}, err
	}
	id, err := recordPayment(ctx, tx, core.Payment{InvoiceID: u.InvoiceID, Date: u.Date, Amount: u.Amount, Parts: u.Parts}, now)
	if err != nil {
		return core.Invoice{}, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE payments SET kind = 'credit' WHERE id = ?`, id); err != nil {
		return core.Invoice{}, err
	}
	if err := insertCreditUse(ctx, tx, u, id, now); err != nil {
		return core.Invoice{}, err
	}
	if err := addHistory(ctx, tx, u.InvoiceID, now, u.History); err != nil {
		return core.Invoice{}, err
	}
	return findInvoice(ctx, tx, u.InvoiceID)
}

// RefundCredit records credit paid back to the customer.
func (s *Store) RefundCredit(ctx context.Context, u core.CreditUse, now time.Time) error {
	return s.write(ctx, "refund customer credit", func(tx *sql.Tx) error { return refundCredit(ctx, tx, u, now) })
}

// refundCredit is RefundCredit in the caller's transaction.
func refundCredit(ctx context.Context, tx *sql.Tx, u core.CreditUse, now time.Time) error {
	if _, err := findCustomer(ctx, tx, u.CustomerID); err != nil {
		return err
	}
	if err := checkCredit(ctx, tx, u); err != nil {
		return err
	}
	return insertCreditUse(ctx, tx, u, 0, now)
}

// insertCreditUse writes one use of a customer's credit; paymentID is 0 for a refund.
func insertCreditUse(ctx context.Context, tx *sql.Tx, u core.CreditUse, paymentID int64, now time.Time) error {
	var payment any
	if paymentID != 0 {
		payment = paymentID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO customer_credit_uses (customer_id, kind, date, amount_ore,
		payment_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, u.CustomerID, string(u.Kind), dateText(u.Date),
		core.ToOre(u.Amount), payment, u.Reason, instantText(now))
	return err
}
