package data

import (
	"context"
	"database/sql"
	"strings"

	"paminn/core"
)

// paymentChunk bounds the invoice IDs one query asks about, far under SQLite's limit
// on bound parameters.
const paymentChunk = 500

// Payments returns the dated payments of the given invoices, oldest first, by
// invoice ID; an invoice without payments has no entry.
func (s *Store) Payments(ctx context.Context, invoiceIDs []int64) (map[int64][]core.Payment, error) {
	out := map[int64][]core.Payment{}
	if len(invoiceIDs) == 0 {
		return out, nil
	}
	err := s.read(ctx, "read payments", func(tx *sql.Tx) error {
		for start := 0; start < len(invoiceIDs); start += paymentChunk {
			chunk := invoiceIDs[start:min(start+paymentChunk, len(invoiceIDs))]
			if err := readPayments(ctx, tx, chunk, out); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

func readPayments(ctx context.Context, tx *sql.Tx, ids []int64, out map[int64][]core.Payment) error {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	rows, err := tx.QueryContext(ctx, `SELECT invoice_id, date, amount_ore FROM payments
		WHERE invoice_id IN (`+marks+`) ORDER BY invoice_id, date, id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p core.Payment
		if err := rows.Scan(&p.InvoiceID, dateCol{&p.Date}, oreCol{&p.Amount}); err != nil {
			return err
		}
		out[p.InvoiceID] = append(out[p.InvoiceID], p)
	}
	return rows.Err()
}
