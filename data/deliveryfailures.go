package data

import (
	"context"
	"database/sql"
	"strings"

	"paminn/core"
)

// fillDeliveryFailures sets DeliveryFailure on each of invs whose latest reminder
// failed to deliver: one query for the page, which reads each invoice's newest
// reminder through reminders_by_invoice.
func fillDeliveryFailures(ctx context.Context, tx *sql.Tx, invs []core.Invoice) error {
	if len(invs) == 0 {
		return nil
	}
	at := make(map[int64]int, len(invs))
	ids := make([]any, len(invs))
	for i, inv := range invs {
		at[inv.ID], ids[i] = i, inv.ID
	}
	rows, err := tx.QueryContext(ctx, deliveryFailuresSQL(len(ids)), ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var text string
		var m core.Message
		if err := rows.Scan(&id, &text, messageCol{&m}); err != nil {
			return err
		}
		if i, ok := at[id]; ok {
			failure := core.StoredFailure(m, text)
			invs[i].DeliveryFailure = &failure
		}
	}
	return rows.Err()
}

// deliveryFailuresSQL selects the failure of each of n invoices whose newest
// reminder failed.
func deliveryFailuresSQL(n int) string {
	return `SELECT r.invoice_id, r.error, r.error_message FROM reminders r
		WHERE r.id IN (SELECT MAX(id) FROM reminders WHERE invoice_id IN (?` + strings.Repeat(", ?", n-1) + `)
			GROUP BY invoice_id) AND r.state = 'failed'`
}

// failedRemindersSQL lists the failed reminders through reminders_queue.
const failedRemindersSQL = `SELECT id FROM reminders WHERE state != 'sent' AND state = 'failed' ORDER BY id`

// FailedReminderIDs lists the reminders whose delivery failed, oldest first, through
// the reminders_queue index (which holds every reminder not sent).
func (s *Store) FailedReminderIDs(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := s.read(ctx, "list failed reminders", func(tx *sql.Tx) (err error) {
		ids, err = failedReminderIDs(ctx, tx)
		return err
	})
	return ids, err
}

// failedReminderIDs is FailedReminderIDs in the caller's transaction.
func failedReminderIDs(ctx context.Context, tx *sql.Tx) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, failedRemindersSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
