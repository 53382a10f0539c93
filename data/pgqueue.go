package data

import (
	"context"
	"database/sql"
	"time"

	"paminn/core"
)

// The delivery queue and the reports to Amili on PostgreSQL (issue 24): several
// desktops work the one queue at once. A claim picks its rows with FOR UPDATE SKIP
// LOCKED and leases them (pglease.go) instead of taking the book's write lock, so
// desktops claiming at once take different rows and none waits for another's
// delivery. What is due is what SQLite's dueSQL and dueReportsSQL select — pending;
// failed and due again; sending, claimed before staleBefore — less the rows another
// living desktop is sending: the conformance tests (queue_test.go,
// amilireports_test.go) keep the two in step. Recording an outcome or a retry is the
// SQLite method's shared function under the book's write lock: it writes money and
// Amili's state beside the queue, and takes a moment.

// The statements a retry reads its row with lock the row on a server: a claim then
// passes it by (SKIP LOCKED), and a retry that waits for a claim finds it sending.
var (
	_ = pgTwin(reminderStateSQL, reminderStateSQL+` FOR UPDATE`)
	_ = pgTwin(reportStateSQL, reportStateSQL+` FOR UPDATE`)
)

// pgDueRemindersSQL picks up to ?3 due reminders, oldest first, as dueSQL's first
// part does, of the channels listed as a JSON array in ?5 (NULL: all), leaving out
// the rows another session leases (?4 is pgLeaseReminder) or another claim has locked: with each its letter (batch and letter group), whether it
// was sending (uncertain) and the instant it is due since.
const pgDueRemindersSQL = `WITH leased (key) AS (` + pgLeasedSQL + `)
	SELECT r.id, r.batch_id, r.letter_group, r.state = 'sending',
		CASE WHEN r.state = 'sending' THEN r.claimed_at ELSE r.next_attempt END AS since
	FROM reminders r
	WHERE r.state != 'sent' AND (r.state = 'pending' OR (r.state = 'failed' AND r.next_attempt <= ?1)
		OR (r.state = 'sending' AND r.claimed_at < ?2))
		AND ?4 + r.id NOT IN (SELECT key FROM leased)
		AND (?5::text IS NULL OR r.channel IN (SELECT value FROM json_array_elements_text(?5::json)))
	ORDER BY since NULLS FIRST, r.id LIMIT ?3 FOR UPDATE OF r SKIP LOCKED`

// pgLetterSQL locks the reminders of a letter (batch ?1, letter group ?2) not yet
// sent or stopped, as dueSQL's second part adds them, passing by those another claim
// has locked; pgLetterCountSQL counts them all, so a letter partly locked elsewhere
// is left whole to that claim.
const (
	pgLetterSQL = `SELECT id FROM reminders WHERE batch_id = ? AND letter_group = ?
		AND state IN ('pending', 'failed', 'sending') ORDER BY id FOR UPDATE SKIP LOCKED`
	pgLetterCountSQL = `SELECT count(*) FROM reminders WHERE batch_id = ? AND letter_group = ?
		AND state IN ('pending', 'failed', 'sending')`
)

// pgDeliveriesSQL reads the claimed reminders listed as a JSON array of {id, since,
// uncertain} with their invoices and customers, in dueSQL's order.
var pgDeliveriesSQL = pgIDList(deliverySelectSQL + `
	FROM json_to_recordset(?::json) AS d (id bigint, since text, uncertain bigint)` + deliveryJoinsSQL + `
	ORDER BY d.since NULLS FIRST, d.id`)

// dueRow is a due row as a claim orders and marks it: the instant it is due since
// (nil: always, as SQLite sorts NULL first) and whether its last attempt never
// finished.
type dueRow struct {
	ID        int64   `json:"id"`
	Since     *string `json:"since"`
	Uncertain int     `json:"uncertain"`
}

// ClaimDeliveries marks up to limit due reminders as sending and returns them, as
// Store.ClaimDeliveries, with each letter whole; a reminder another desktop is
// sending is not due, however long ago it was claimed, until that desktop is gone.
func (s *PGStore) ClaimDeliveries(ctx context.Context, now, staleBefore time.Time, limit int, only []core.Channel) ([]core.Delivery, error) {
	var ds []core.Delivery
	if limit <= 0 {
		return nil, nil
	}
	err := s.claim(ctx, "claim deliveries", func(ctx context.Context, tx *sql.Tx, take leaseTaker) error {
		due, err := pgDueReminders(ctx, tx, now, staleBefore, limit, only, take)
		if err != nil || len(due) == 0 {
			return err
		}
		rows, err := tx.QueryContext(ctx, pgDeliveriesSQL, jsonList(due))
		if err != nil {
			return err
		}
		if ds, err = scanDeliveries(rows); err != nil {
			return err
		}
		return markSending(ctx, tx, ds, now)
	})
	if err != nil {
		return nil, err
	}
	return ds, nil
}

// dueFirst is a reminder pgDueRemindersSQL picked.
type dueFirst struct {
	row           dueRow
	batch, letter int64
}

// pgDueReminders picks and locks the due reminders with their letters and leases
// them; a letter part of which another claim holds, or another desktop leases, is
// left out whole.
func pgDueReminders(ctx context.Context, tx *sql.Tx, now, staleBefore time.Time, limit int, only []core.Channel, take leaseTaker) ([]dueRow, error) {
	firsts, err := pgDueFirsts(ctx, tx, now, staleBefore, limit, only)
	if err != nil {
		return nil, err
	}
	var out []dueRow
	seen := map[[2]int64][]int{} // a letter's rows in out, by batch and group
	for _, f := range firsts {
		if f.letter == 0 {
			if ok, err := take(tx, leaseKeys(pgLeaseReminder, []int64{f.row.ID})); err != nil || !ok {
				if err != nil {
					return nil, err
				}
				continue
			}
			out = append(out, f.row)
			continue
		}
		key := [2]int64{f.batch, f.letter}
		if at, ok := seen[key]; ok { // the letter's rows take the first's since and uncertain
			for _, i := range at {
				out[i].Uncertain = max(out[i].Uncertain, f.row.Uncertain)
			}
			continue
		}
		ids, err := pgLockLetter(ctx, tx, f.batch, f.letter)
		if err != nil {
			return nil, err
		}
		if ids == nil {
			seen[key] = nil
			continue
		}
		if ok, err := take(tx, leaseKeys(pgLeaseReminder, ids)); err != nil || !ok {
			if err != nil {
				return nil, err
			}
			seen[key] = nil
			continue
		}
		for _, id := range ids {
			seen[key] = append(seen[key], len(out))
			out = append(out, dueRow{ID: id, Since: f.row.Since, Uncertain: f.row.Uncertain})
		}
	}
	return out, nil
}

// pgDueFirsts runs pgDueRemindersSQL.
func pgDueFirsts(ctx context.Context, tx *sql.Tx, now, staleBefore time.Time, limit int, only []core.Channel) ([]dueFirst, error) {
	var channels any
	if only != nil {
		channels = jsonList(only)
	}
	rows, err := tx.QueryContext(ctx, pgDueRemindersSQL, instantText(now), instantText(staleBefore), limit, pgLeaseReminder, channels)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dueFirst
	for rows.Next() {
		var f dueFirst
		var uncertain bool
		if err := rows.Scan(&f.row.ID, &f.batch, &f.letter, &uncertain, &f.row.Since); err != nil {
			return nil, err
		}
		f.row.Uncertain = boolInt(uncertain)
		out = append(out, f)
	}
	return out, rows.Err()
}

// pgLockLetter locks the reminders of a letter not yet sent or stopped and returns
// them, or nil when another claim holds one of them.
func pgLockLetter(ctx context.Context, tx *sql.Tx, batch, letter int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, pgLetterSQL, batch, letter)
	if err != nil {
		return nil, err
	}
	ids, err := scanInt64s(rows)
	if err != nil {
		return nil, err
	}
	var all int
	if err := tx.QueryRowContext(ctx, pgLetterCountSQL, batch, letter).Scan(&all); err != nil {
		return nil, err
	}
	if all != len(ids) {
		return nil, nil
	}
	return ids, nil
}

// FinishDelivery records the outcome of a delivery attempt, as Store.FinishDelivery,
// and lets go of the reminder's lease.
func (s *PGStore) FinishDelivery(ctx context.Context, o core.DeliveryOutcome) error {
	err := s.write(ctx, "finish delivery", func(ctx context.Context, tx *sql.Tx) error { return finishDelivery(ctx, tx, o) })
	if err == nil {
		s.release(ctx, leaseKeys(pgLeaseReminder, []int64{o.ReminderID}))
	}
	return err
}

// FinishDeliveries records the outcomes of one attempt at a letter several reminders
// share, all or none, as Store.FinishDeliveries, and lets go of their leases.
func (s *PGStore) FinishDeliveries(ctx context.Context, outcomes []core.DeliveryOutcome) error {
	err := s.write(ctx, "finish deliveries", func(ctx context.Context, tx *sql.Tx) error {
		for _, o := range outcomes {
			if err := finishDelivery(ctx, tx, o); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		ids := make([]int64, len(outcomes))
		for i, o := range outcomes {
			ids[i] = o.ReminderID
		}
		s.release(ctx, leaseKeys(pgLeaseReminder, ids))
	}
	return err
}

// RetryReminder puts a failed reminder back in the queue, due now, as
// Store.RetryReminder.
func (s *PGStore) RetryReminder(ctx context.Context, reminderID int64, now time.Time) error {
	return s.write(ctx, "retry reminder", func(ctx context.Context, tx *sql.Tx) error {
		return retryReminder(ctx, tx, reminderID, now)
	})
}

// pgDueReportsSQL picks up to ?3 due reports, oldest first, as dueReportsSQL does,
// leaving out the rows another session leases (?4 is pgLeaseReport) or another claim
// has locked.
const pgDueReportsSQL = `WITH leased (key) AS (` + pgLeasedSQL + `)
	SELECT a.id, CASE WHEN a.state = 'sending' THEN a.claimed_at ELSE a.next_attempt END AS since,
		CASE WHEN a.state = 'sending' THEN 1 ELSE 0 END
	FROM amili_reports a
	WHERE a.state != 'sent' AND (a.state = 'pending' OR (a.state = 'failed' AND a.next_attempt <= ?1)
		OR (a.state = 'sending' AND a.claimed_at < ?2))
		AND ?4 + a.id NOT IN (SELECT key FROM leased)
	ORDER BY since NULLS FIRST, a.id LIMIT ?3 FOR UPDATE OF a SKIP LOCKED`

// pgReportsSQL reads the claimed reports listed as a JSON array of {id, since,
// uncertain}, in dueReportsSQL's order.
const pgReportsSQL = `SELECT ` + reportColumns + `, d.uncertain
	FROM json_to_recordset(?::json) AS d (id bigint, since text, uncertain bigint)
	JOIN amili_reports a ON a.id = d.id JOIN invoices i ON i.id = a.invoice_id
	ORDER BY d.since NULLS FIRST, d.id`

// ClaimAmiliReports marks up to limit due reports as sending and returns them, as
// Store.ClaimAmiliReports; a report another desktop is sending is not due until that
// desktop is gone.
func (s *PGStore) ClaimAmiliReports(ctx context.Context, now, staleBefore time.Time, limit int) ([]core.AmiliReport, error) {
	var rs []core.AmiliReport
	if limit <= 0 {
		return nil, nil
	}
	err := s.claim(ctx, "claim Amili reports", func(ctx context.Context, tx *sql.Tx, take leaseTaker) error {
		rows, err := tx.QueryContext(ctx, pgDueReportsSQL, instantText(now), instantText(staleBefore), limit, pgLeaseReport)
		if err != nil {
			return err
		}
		var due []dueRow
		for rows.Next() {
			var d dueRow
			if err := rows.Scan(&d.ID, &d.Since, &d.Uncertain); err != nil {
				rows.Close()
				return err
			}
			due = append(due, d)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		if due, err = takeEach(tx, due, pgLeaseReport, take); err != nil || len(due) == 0 {
			return err
		}
		if rows, err = tx.QueryContext(ctx, pgReportsSQL, jsonList(due)); err != nil {
			return err
		}
		if rs, err = scanDueReports(rows); err != nil {
			return err
		}
		if err := markReportsSending(ctx, tx, rs, now); err != nil {
			return err
		}
		return s.uploads.fetch(ctx, tx, rs) // the PDFs, in the claim: a claim that fails leaves none
	})
	if err != nil {
		for _, r := range rs {
			s.uploads.drop(r.ID)
		}
		return nil, err
	}
	return rs, nil
}

// takeEach leases each of due on its own and returns those it leased.
func takeEach(tx *sql.Tx, due []dueRow, kind int64, take leaseTaker) ([]dueRow, error) {
	var out []dueRow
	for _, d := range due {
		ok, err := take(tx, leaseKeys(kind, []int64{d.ID}))
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// FinishAmiliReport records a report's outcome, as Store.FinishAmiliReport, and lets
// go of its lease and of its upload's temporary file (pgattachpdf.go).
func (s *PGStore) FinishAmiliReport(ctx context.Context, o core.AmiliReportOutcome) error {
	defer s.uploads.drop(o.ReportID)
	err := s.write(ctx, "finish Amili report", func(ctx context.Context, tx *sql.Tx) error {
		return finishAmiliReport(ctx, tx, o)
	})
	if err == nil {
		s.release(ctx, leaseKeys(pgLeaseReport, []int64{o.ReportID}))
	}
	return err
}

// RetryAmiliReport puts a failed report back in the queue, due now, as
// Store.RetryAmiliReport.
func (s *PGStore) RetryAmiliReport(ctx context.Context, id int64, now time.Time) error {
	return s.write(ctx, "retry Amili report", func(ctx context.Context, tx *sql.Tx) error {
		return retryAmiliReport(ctx, tx, id, now)
	})
}

// QueueCancellation queues the withdrawal of the invoice's case, as
// Store.QueueCancellation.
func (s *PGStore) QueueCancellation(ctx context.Context, invoiceID int64, now time.Time) (core.AmiliReport, error) {
	var r core.AmiliReport
	err := s.write(ctx, "queue Amili cancellation", func(ctx context.Context, tx *sql.Tx) (err error) {
		r, err = queueCancellation(ctx, tx, invoiceID, now)
		return err
	})
	return r, err
}
