package data

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"paminn/core"
)

// ClaimDeliveries marks up to limit due reminders as sending (one more attempt,
// claimed at now) and returns them with their invoice and customer, oldest first.
// Due are: pending reminders; failed ones whose next attempt is at or before now
// (a failed one without a next attempt waits for RetryReminder); and sending ones
// claimed before staleBefore, whose earlier attempt never finished — those come back
// with Uncertain set. Only reminders of the channels in only, unless only is nil.
func (s *Store) ClaimDeliveries(ctx context.Context, now, staleBefore time.Time, limit int, only []core.Channel) ([]core.Delivery, error) {
	var ds []core.Delivery
	err := s.write(ctx, "claim deliveries", func(tx *sql.Tx) (err error) {
		ds, err = dueDeliveries(ctx, tx, now, staleBefore, limit, only)
		if err != nil || len(ds) == 0 {
			return err
		}
		return markSending(ctx, tx, ds, now)
	})
	if err != nil {
		return nil, err
	}
	return ds, nil
}

// dueSQL selects up to ?3 due reminders with their invoices and customers, oldest
// first, and with each one that shares a letter (letter_group, issue 22) the rest of
// its letter not yet sent or stopped, so a letter is claimed whole; ?1 is now and ?2
// the instant before which a claim is stale. Each branch of the union is a range of
// the reminders_queue index; each restates the index's own condition (state !=
// 'sent'), without which SQLite cannot tell that the partial index holds the rows
// and reads every reminder ever sent.
const dueSQL = `WITH first (id, since, uncertain) AS (
		SELECT id, next_attempt, 0 FROM reminders WHERE state != 'sent' AND state = 'pending'
		UNION ALL
		SELECT id, next_attempt, 0 FROM reminders WHERE state != 'sent' AND state = 'failed' AND next_attempt <= ?1
		UNION ALL
		SELECT id, claimed_at, 1 FROM reminders WHERE state != 'sent' AND state = 'sending' AND claimed_at < ?2
		ORDER BY 2, 1 LIMIT ?3),
	due (id, since, uncertain) AS (
		SELECT id, min(since), max(uncertain) FROM (
			SELECT id, since, uncertain FROM first
			UNION ALL
			SELECT m.id, f.since, f.uncertain FROM first f JOIN reminders g ON g.id = f.id
				JOIN reminders m ON m.batch_id = g.batch_id AND m.letter_group = g.letter_group
				WHERE g.letter_group != 0 AND m.state IN ('pending', 'failed', 'sending'))
		GROUP BY id)
	` + deliverySelectSQL + `
	FROM due d` + deliveryJoinsSQL + `
	ORDER BY d.since, d.id`

// deliverySelectSQL is the select list of a claimed reminder r of due d (d.uncertain)
// with its invoice i and customer c, as dueDeliveries scans it (also the server
// book's claim, pgqueue.go).
const deliverySelectSQL = `SELECT ` + reminderColumns + `, d.uncertain, ` + invoiceColumns + `, ` + customerColumns + `,
		(SELECT COALESCE(SUM(f.fee_ore), 0) FROM reminders f
			WHERE f.invoice_id = r.invoice_id AND f.id != r.id AND f.fee_ore > 0),
		(SELECT COALESCE(MAX(f.date), '') FROM reminders f
			WHERE f.invoice_id = r.invoice_id AND f.id != r.id AND f.fee_ore > 0),
		EXISTS (SELECT 1 FROM claim_entries e WHERE e.invoice_id = r.invoice_id AND e.kind = 'credit_note'),
		` + deliveryPausedSQL

// deliveryJoinsSQL joins the due rows d to their reminders, invoices and customers.
const deliveryJoinsSQL = ` JOIN reminders r ON r.id = d.id JOIN invoices i ON i.id = r.invoice_id
	JOIN customers c ON c.id = i.customer_id`

// deliveryPausedSQL are the two columns saying whether reminder r's invoice i is
// paused, and why (core.Delivery.Paused, PauseReason): invoices.pause holds the
// reason of its current pause, its own or its customer's (017_pauses.sql).
const deliveryPausedSQL = `i.pause != '', i.pause`

// dueOnlySQL is dueSQL for the reminders of the channels listed as a JSON array (?4):
// each of the first part's branches starts with the channel.
var dueOnlySQL = strings.ReplaceAll(dueSQL, "FROM reminders WHERE state != 'sent' AND",
	"FROM reminders WHERE channel IN (SELECT value FROM json_each(?4)) AND state != 'sent' AND")

// dueDeliveries selects what ClaimDeliveries claims.
func dueDeliveries(ctx context.Context, tx *sql.Tx, now, staleBefore time.Time, limit int, only []core.Channel) ([]core.Delivery, error) {
	if limit <= 0 {
		return nil, nil
	}
	query, args := dueSQL, []any{instantText(now), instantText(staleBefore), limit}
	if only != nil {
		query, args = dueOnlySQL, append(args, jsonList(only))
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanDeliveries(rows)
}

// scanDeliveries reads the rows of deliverySelectSQL and closes them.
func scanDeliveries(rows *sql.Rows) ([]core.Delivery, error) {
	defer rows.Close()
	var ds []core.Delivery
	for rows.Next() {
		var d core.Delivery
		dest := append(append(append(reminderDest(&d.Reminder), &d.Uncertain),
			invoiceDest(&d.Invoice)...), customerDest(&d.Customer)...)
		dest = append(dest, oreCol{&d.ReminderFee}, dateCol{&d.ReminderFeeDate}, &d.Credited, &d.Paused, (*string)(&d.PauseReason))
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		ds = append(ds, d)
	}
	return ds, rows.Err()
}

// markSending records the start of one more attempt on each claimed reminder and
// updates ds to match.
func markSending(ctx context.Context, tx *sql.Tx, ds []core.Delivery, now time.Time) error {
	ids := make([]any, 0, len(ds)+2)
	ids = append(ids, instantText(now), instantText(now))
	for _, d := range ds {
		ids = append(ids, d.Reminder.ID)
	}
	_, err := tx.ExecContext(ctx, `UPDATE reminders SET state = 'sending', claimed_at = ?,
		updated_at = ?, attempts = attempts + 1
		WHERE id IN (?`+strings.Repeat(", ?", len(ds)-1)+`)`, ids...)
	if err != nil {
		return err
	}
	for i := range ds {
		r := &ds[i].Reminder
		r.State, r.Attempts, r.UpdatedAt = core.DeliverySending, r.Attempts+1, now
	}
	return nil
}

// FinishDelivery records the outcome of a delivery attempt on the reminder (state,
// error, external reference, next attempt) and, when o names one, the invoice's new
// Amili state, case reference, environment and OCR; a new case gets the upload of the
// invoice's PDF queued, if it has one. A refused hand-over takes its invoice, still
// pending, off Amili's hands: Amili made no case.
func (s *Store) FinishDelivery(ctx context.Context, o core.DeliveryOutcome) error {
	return s.write(ctx, "finish delivery", func(tx *sql.Tx) error { return finishDelivery(ctx, tx, o) })
}

// FinishDeliveries records the outcomes of one attempt at a letter several reminders
// share (issue 22), as FinishDelivery records each, in one transaction: a letter is
// recorded sent, failed or held back for all its reminders or for none, so a program
// stopped half way never finds part of a letter sent and sends the rest again.
func (s *Store) FinishDeliveries(ctx context.Context, outcomes []core.DeliveryOutcome) error {
	return s.write(ctx, "finish deliveries", func(tx *sql.Tx) error {
		for _, o := range outcomes {
			if err := finishDelivery(ctx, tx, o); err != nil {
				return err
			}
		}
		return nil
	})
}

// finishDelivery is FinishDelivery within tx.
func finishDelivery(ctx context.Context, tx *sql.Tx, o core.DeliveryOutcome) error {
	res, err := tx.ExecContext(ctx, `UPDATE reminders SET state = ?, error = ?, error_message = ?,
		external_ref = CASE WHEN ? != '' THEN ? ELSE external_ref END,
		updated_at = ?, next_attempt = ?, claimed_at = NULL WHERE id = ?`,
		string(o.State), o.Error, messageText(o.Failure), o.ExternalRef, o.ExternalRef, instantText(o.At),
		instantText(o.NextAttempt), o.ReminderID)
	if err != nil {
		return err
	}
	if err := mustAffect(res, msgNoReminder, o.ReminderID); err != nil {
		return err
	}
	if o.State == core.DeliveryStopped && o.Withdraw.Charges().IsPositive() {
		return withdrawHeldBack(ctx, tx, o)
	}
	if o.AmiliRefused {
		_, err = tx.ExecContext(ctx, `UPDATE invoices SET amili_state = ?
			WHERE id = (SELECT invoice_id FROM reminders WHERE id = ?) AND amili_state = ?`,
			string(core.AmiliNone), o.ReminderID, string(core.AmiliPending))
		return err
	}
	if o.AmiliState == core.AmiliNone {
		return nil
	}
	var invoiceID int64
	err = tx.QueryRowContext(ctx, `UPDATE invoices SET amili_state = ?1,
		amili_case_ref = CASE WHEN ?2 != '' THEN ?2 ELSE amili_case_ref END,
		amili_env = CASE WHEN ?2 != '' THEN ?3 ELSE amili_env END,
		amili_ocr = CASE WHEN ?4 != '' THEN ?4 ELSE amili_ocr END
		WHERE id = (SELECT invoice_id FROM reminders WHERE id = ?5) RETURNING id`,
		string(o.AmiliState), o.AmiliCaseRef, string(o.AmiliEnv), o.AmiliOCR, o.ReminderID).Scan(&invoiceID)
	if err != nil || o.AmiliCaseRef == "" {
		return err
	}
	return queueUpload(ctx, tx, invoiceID, o.At)
}

// reminderStateSQL reads a reminder's state before it is sent again (on a server,
// with the row locked: pgqueue.go).
const reminderStateSQL = `SELECT state FROM reminders WHERE id = ?`

// RetryReminder puts a failed reminder back in the queue, due now (ENOTFOUND for an
// unknown reminder, ECONFLICT for one that has not failed). A hand-over to Amili
// makes its invoice pending with Amili again (pendAmiliAgain).
func (s *Store) RetryReminder(ctx context.Context, reminderID int64, now time.Time) error {
	return s.write(ctx, "retry reminder", func(tx *sql.Tx) error { return retryReminder(ctx, tx, reminderID, now) })
}

// retryReminder is RetryReminder within tx.
func retryReminder(ctx context.Context, tx *sql.Tx, reminderID int64, now time.Time) error {
	var state string
	err := tx.QueryRowContext(ctx, reminderStateSQL, reminderID).Scan(&state)
	if err == sql.ErrNoRows {
		return notFound(err, msgNoReminder, reminderID)
	}
	if err != nil {
		return err
	}
	if core.DeliveryState(state) != core.DeliveryFailed {
		return core.Errorf(core.ECONFLICT, "Only a failed reminder can be sent again", nil)
	}
	if err := pendAmiliAgain(ctx, tx, reminderID); err != nil {
		return err
	}
	// The reminders of a letter they share (issue 22) fail together and are sent
	// again together: one letter, never part of one.
	_, err = tx.ExecContext(ctx, `UPDATE reminders SET state = 'pending', next_attempt = ?1,
			updated_at = ?1 WHERE id = ?2 OR (state = 'failed' AND letter_group != 0
				AND (batch_id, letter_group) = (SELECT batch_id, letter_group FROM reminders WHERE id = ?2))`,
		instantText(now), reminderID)
	return err
}

// pendAmiliAgain makes the invoice of a hand-over sent again pending with Amili, as
// its batch did: a refused hand-over had taken it off (FinishDelivery). ECONFLICT when
// the invoice has gone to Amili since, or its case is closed: a second hand-over
// could make a second case. Nothing for a reminder not handed to Amili.
func pendAmiliAgain(ctx context.Context, tx *sql.Tx, reminderID int64) error {
	var typ, number, amiliState string
	err := tx.QueryRowContext(ctx, `SELECT r.type, i.number, i.amili_state FROM reminders r
		JOIN invoices i ON i.id = r.invoice_id WHERE r.id = ?`, reminderID).Scan(&typ, &number, &amiliState)
	if err != nil || !core.ReminderType(typ).ViaAmili() {
		return err
	}
	switch core.AmiliState(amiliState) {
	case core.AmiliPending:
		return nil
	case core.AmiliNone:
		_, err = tx.ExecContext(ctx, `UPDATE invoices SET amili_state = ? WHERE id = (SELECT invoice_id FROM reminders WHERE id = ?)`,
			string(core.AmiliPending), reminderID)
		return err
	}
	return core.Errorf(core.ECONFLICT,
		"Invoice {{.Number}} has been with Amili since this hand-over was refused; it is not handed over again",
		map[string]any{"Number": number})
}
