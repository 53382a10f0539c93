package data

import (
	"context"
	"database/sql"
	"time"

	"paminn/core"
)

// The pauses' messages (017_pauses.sql).
const (
	msgNoSuchPauseTarget = "The invoice or customer to pause does not exist"
	msgNotPaused         = "The invoice or customer is not paused"
)

// pauseColumns are a pauses row's columns, as scanPause reads them.
const pauseColumns = `id, coalesce(invoice_id, 0), coalesce(customer_id, 0), reason, note, until, started_at, ended_at`

// scanPause reads a row of pauseColumns.
func scanPause(scan func(...any) error) (core.Pause, error) {
	var p core.Pause
	err := scan(&p.ID, &p.InvoiceID, &p.CustomerID, (*string)(&p.Reason), &p.Note, dateCol{&p.Until},
		instantCol{&p.Started}, instantCol{&p.Ended})
	return p, err
}

// pauseTarget is the WHERE of an invoice's (invoiceID) or a customer's pauses.
func pauseTarget(invoiceID, customerID int64) (string, []any) {
	if invoiceID != 0 {
		return `invoice_id = ?`, []any{invoiceID}
	}
	return `customer_id = ?`, []any{customerID}
}

// nullID is id as a column value, 0 as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// StartPause ends the invoice's or customer's current pause and records p as its
// current one; the triggers of 017_pauses.sql set the invoices' pause column.
func (s *Store) StartPause(ctx context.Context, p core.Pause) (core.Pause, error) {
	err := s.write(ctx, "pause", func(tx *sql.Tx) (err error) {
		p, err = startPause(ctx, tx, p)
		return err
	})
	return p, err
}

// startPause is StartPause in the caller's transaction.
func startPause(ctx context.Context, tx *sql.Tx, p core.Pause) (core.Pause, error) {
	table, id := `invoices`, p.InvoiceID
	if p.InvoiceID == 0 {
		table, id = `customers`, p.CustomerID
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE id = ?`, id).Scan(&n); err != nil {
		return p, err
	}
	if n == 0 {
		return p, core.Errorf(core.ENOTFOUND, msgNoSuchPauseTarget, nil)
	}
	where, args := pauseTarget(p.InvoiceID, p.CustomerID)
	if _, err := tx.ExecContext(ctx, `UPDATE pauses SET ended_at = ? WHERE ended_at IS NULL AND `+where,
		append([]any{instantText(p.Started)}, args...)...); err != nil {
		return p, err
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO pauses (invoice_id, customer_id, reason, note, until, started_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, nullID(p.InvoiceID), nullID(p.CustomerID), string(p.Reason), p.Note,
		dateText(p.Until), instantText(p.Started)).Scan(&p.ID)
	if err != nil {
		return p, err
	}
	return p, addPauseHistory(ctx, tx, p.InvoiceID, p.CustomerID, p.Started, core.PauseHistory(p))
}

// addPauseHistory writes line in the history of the invoice (invoiceID) or of each
// open invoice of the customer (customerID) a pause concerns, at now.
func addPauseHistory(ctx context.Context, tx *sql.Tx, invoiceID, customerID int64, now time.Time, line core.Message) error {
	ids := []int64{invoiceID}
	if invoiceID == 0 {
		ids = nil
		err := readRows(ctx, tx, `SELECT id FROM invoices WHERE customer_id = ? AND total_ore > paid_ore ORDER BY id`,
			[]any{customerID}, func(scan func(...any) error) error {
				var id int64
				err := scan(&id)
				ids = append(ids, id)
				return err
			})
		if err != nil {
			return err
		}
	}
	for _, id := range ids {
		if err := addHistory(ctx, tx, id, now, line); err != nil {
			return err
		}
	}
	return nil
}

// EndPause ends the current pause of an invoice or a customer at now.
func (s *Store) EndPause(ctx context.Context, invoiceID, customerID int64, now time.Time) error {
	return s.write(ctx, "unpause", func(tx *sql.Tx) error { return endPause(ctx, tx, invoiceID, customerID, now) })
}

// endPause is EndPause in the caller's transaction.
func endPause(ctx context.Context, tx *sql.Tx, invoiceID, customerID int64, now time.Time) error {
	where, args := pauseTarget(invoiceID, customerID)
	res, err := tx.ExecContext(ctx, `UPDATE pauses SET ended_at = ? WHERE ended_at IS NULL AND `+where,
		append([]any{instantText(now)}, args...)...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return cmpErr(err, core.Errorf(core.ENOTFOUND, msgNotPaused, nil))
	}
	return addPauseHistory(ctx, tx, invoiceID, customerID, now, core.UnpauseHistory())
}

// cmpErr is err, or else fallback.
func cmpErr(err, fallback error) error {
	if err != nil {
		return err
	}
	return fallback
}

// EndPausesBefore ends every current pause whose end date is before today.
func (s *Store) EndPausesBefore(ctx context.Context, today core.Date, now time.Time) (int, error) {
	var n int
	err := s.write(ctx, "end expired pauses", func(tx *sql.Tx) (err error) {
		n, err = endPausesBefore(ctx, tx, today, now)
		return err
	})
	return n, err
}

// endPausesBefore is EndPausesBefore in the caller's transaction.
func endPausesBefore(ctx context.Context, tx *sql.Tx, today core.Date, now time.Time) (int, error) {
	res, err := tx.ExecContext(ctx, `UPDATE pauses SET ended_at = ? WHERE ended_at IS NULL AND until != ''
		AND until < ?`, instantText(now), dateText(today))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Pauses returns an invoice's or a customer's pauses, newest first.
func (s *Store) Pauses(ctx context.Context, invoiceID, customerID int64) ([]core.Pause, error) {
	var out []core.Pause
	err := s.read(ctx, "read pauses", func(tx *sql.Tx) (err error) {
		out, err = listPauses(ctx, tx, invoiceID, customerID)
		return err
	})
	return out, err
}

// listPauses is Pauses in the caller's transaction.
func listPauses(ctx context.Context, tx *sql.Tx, invoiceID, customerID int64) ([]core.Pause, error) {
	var out []core.Pause
	where, args := pauseTarget(invoiceID, customerID)
	err := readRows(ctx, tx, `SELECT `+pauseColumns+` FROM pauses WHERE `+where+` ORDER BY id DESC`, args,
		func(scan func(...any) error) error {
			p, err := scanPause(scan)
			out = append(out, p)
			return err
		})
	return out, err
}
