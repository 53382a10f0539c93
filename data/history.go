package data

import (
	"context"
	"database/sql"
	"time"

	"paminn/core"
)

// addHistory writes lines to the invoice's history, at now, in the caller's
// transaction, with who wrote them where the book knows it (addHistorySQL).
func addHistory(ctx context.Context, tx *sql.Tx, invoiceID int64, now time.Time, lines ...core.Message) error {
	for _, m := range lines {
		if m.IsZero() {
			continue
		}
		if _, err := tx.ExecContext(ctx, addHistorySQL, invoiceID, instantText(now), messageText(m)); err != nil {
			return err
		}
	}
	return nil
}

// addHistorySQL writes one line of an invoice's history. On a file by_user stays ”
// (one user); a book on a server names the user the desktop signed in as (024).
const addHistorySQL = `INSERT INTO invoice_history (invoice_id, at, message) VALUES (?, ?, ?)`

var _ = pgTwin(addHistorySQL,
	`INSERT INTO invoice_history (invoice_id, at, message, by_user) VALUES (?, ?, ?, session_user)`)

// InvoiceHistory returns an invoice's history, oldest first; the history of a
// deleted invoice is kept and read the same way.
func (s *Store) InvoiceHistory(ctx context.Context, invoiceID int64) ([]core.HistoryEntry, error) {
	var out []core.HistoryEntry
	err := s.read(ctx, "read invoice history", func(tx *sql.Tx) (err error) {
		out, err = invoiceHistory(ctx, tx, invoiceID)
		return err
	})
	return out, err
}

// invoiceHistory is InvoiceHistory in the caller's transaction.
func invoiceHistory(ctx context.Context, tx *sql.Tx, invoiceID int64) ([]core.HistoryEntry, error) {
	var out []core.HistoryEntry
	err := eachRow(ctx, tx, historyOfInvoiceSQL, []any{invoiceID}, func(rows *sql.Rows) error {
		h, err := scanHistory(rows)
		out = append(out, h)
		return err
	})
	return out, err
}

// historyOfInvoiceSQL reads an invoice's history, oldest first, for scanHistory.
const historyOfInvoiceSQL = `SELECT id, invoice_id, at, message, by_user FROM invoice_history
	WHERE invoice_id = ? ORDER BY at, id`

// scanHistory reads one row of historyOfInvoiceSQL.
func scanHistory(rows *sql.Rows) (core.HistoryEntry, error) {
	var h core.HistoryEntry
	err := rows.Scan(&h.ID, &h.InvoiceID, instantCol{&h.At}, messageCol{&h.Message}, &h.By)
	return h, err
}
