package data

import (
	"context"
	"database/sql"
	"time"

	"paminn/core"
)

// addHistory writes lines to the invoice's history, at now, in the caller's
// transaction.
func addHistory(ctx context.Context, tx *sql.Tx, invoiceID int64, now time.Time, lines ...core.Message) error {
	for _, m := range lines {
		if m.IsZero() {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_history (invoice_id, at, message) VALUES (?, ?, ?)`,
			invoiceID, instantText(now), messageText(m)); err != nil {
			return err
		}
	}
	return nil
}

// InvoiceHistory returns an invoice's history, oldest first; the history of a
// deleted invoice is kept and read the same way.
func (s *Store) InvoiceHistory(ctx context.Context, invoiceID int64) ([]core.HistoryEntry, error) {
	var out []core.HistoryEntry
	err := s.read(ctx, "read invoice history", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, invoice_id, at, message FROM invoice_history
			WHERE invoice_id = ? ORDER BY at, id`, invoiceID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h core.HistoryEntry
			if err := rows.Scan(&h.ID, &h.InvoiceID, instantCol{&h.At}, messageCol{&h.Message}); err != nil {
				return err
			}
			out = append(out, h)
		}
		return rows.Err()
	})
	return out, err
}
