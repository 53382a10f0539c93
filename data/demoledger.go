package data

import (
	"context"
	"database/sql"
	"time"

	"paminn/core"
)

// WriteDemoLedger gives a freshly filled demo book (data/demo) the cases of the claim
// ledger an import cannot bring (issue 20), written as the ledger's rows
// (015_claim_ledger.sql): one open, overdue invoice with a payment that was undone (a
// 'payment' and its 'reversal', so it is open again), and one invoice reminded and
// paid in full after the reminder — late, so a räntefaktura would charge the interest
// from its due date to the payment — by dating its payment ten days after the
// reminder. Today is the book's day, now the rows' creation time. An invoice it needs
// that the book lacks is left out.
func (s *Store) WriteDemoLedger(ctx context.Context, today core.Date, now time.Time) error {
	return s.write(ctx, "write the demo's ledger", func(tx *sql.Tx) error {
		if err := demoReversal(ctx, tx, today, now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE payments SET date = min(date((SELECT last_reminded FROM invoices
			WHERE id = payments.invoice_id), '+10 days'), ?1)
			WHERE invoice_id = (SELECT id FROM invoices WHERE reminder_count = 1 AND total_ore <= paid_ore
				AND charges_ore = 0 AND amili_state = '' ORDER BY due_date DESC, id LIMIT 1)`, dateText(today.AddDays(-1)))
		if err != nil {
			return err
		}
		// The invoices whose amount was paid and whose fee was not were paid after the
		// reminder that charged the fee, as their story goes (demo.leaveCosts).
		_, err = tx.ExecContext(ctx, `UPDATE payments SET date = min(date((SELECT last_reminded FROM invoices
			WHERE id = payments.invoice_id), '+10 days'), ?1)
			WHERE kind = 'payment' AND invoice_id IN (SELECT id FROM invoices WHERE reminder_count > 0
				AND total_ore <= paid_ore AND charges_ore > 0 AND amili_state = '')`, dateText(today.AddDays(-1)))
		return err
	})
}

// demoReversal writes a payment of the whole balance of the newest overdue invoice
// never reminded nor with Amili, three days ago, and its reversal the day after.
func demoReversal(ctx context.Context, tx *sql.Tx, today core.Date, now time.Time) error {
	var id, balance int64
	err := tx.QueryRowContext(ctx, `SELECT id, total_ore - paid_ore FROM invoices INDEXED BY invoices_open
		WHERE total_ore > paid_ore AND due_date < ? AND reminder_count = 0 AND amili_state = ''
		ORDER BY due_date DESC, number LIMIT 1`, dateText(today)).Scan(&id, &balance)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO payments (invoice_id, date, amount_ore, principal_ore, kind, created_at)
		VALUES (?1, ?2, ?3, ?3, 'payment', ?4)`, id, dateText(today.AddDays(-3)), balance, instantText(now))
	if err != nil {
		return err
	}
	paid, err := res.LastInsertId()
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO payments (invoice_id, date, amount_ore, principal_ore, kind, reverses,
		reason, created_at) VALUES (?1, ?2, -?3, -?3, 'reversal', ?4, ?5, ?6)`, id, dateText(today.AddDays(-2)), balance,
		paid, "Betalningen gällde en annan faktura", instantText(now))
	return err
}
