package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// batchColumns are the columns scanBatch reads, for reminder_batches b; the sent and
// failed counts come from the batch's reminders.
const batchColumns = `b.id, b.idempotency_key, b.created_at, b.type, b.charge_interest,
	b.charge_fee, b.send_by_email, b.count, b.charge_late_compensation,
	(SELECT count(*) FROM reminders r WHERE r.batch_id = b.id AND r.state = 'sent'),
	(SELECT count(*) FROM reminders r WHERE r.batch_id = b.id AND r.state = 'failed')`

func scanBatch(row interface{ Scan(...any) error }, b *core.Batch) error {
	return row.Scan(&b.ID, &b.IdempotencyKey, instantCol{&b.CreatedAt}, (*string)(&b.Type),
		&b.ChargeInterest, &b.ChargeFee, preferenceCol{&b.Prefer}, &b.Count, &b.ChargeLateCompensation, &b.Sent, &b.Failed)
}

// reminderColumns are the columns scanReminder reads, for reminders r joined to
// invoices i and customers c.
const reminderColumns = `r.id, r.batch_id, r.invoice_id, i.number, c.name, r.type, r.date,
	r.level, r.interest_rate, r.interest_from, r.interest_days, r.interest_ore, r.fee_ore,
	r.balance_ore, r.amount_due_ore, r.new_due_date, r.channel, r.state, r.error, r.attempts,
	r.external_ref, r.updated_at, r.interest_lines, r.late_compensation_ore, r.error_message,
	r.earlier_charges_ore, r.interest_before_ore, r.step, r.step_name, r.action, r.letter_text, r.email_text, r.letter_group, r.by_user`

// reminderFrom joins each reminder to its invoice and customer.
const reminderFrom = ` FROM reminders r JOIN invoices i ON i.id = r.invoice_id
	JOIN customers c ON c.id = i.customer_id`

// reminderDest are the scan destinations for reminderColumns.
func reminderDest(r *core.Reminder) []any {
	return []any{&r.ID, &r.BatchID, &r.InvoiceID, &r.InvoiceNumber, &r.CustomerName,
		(*string)(&r.Type), dateCol{&r.Date}, &r.Level, decimalCol{&r.InterestRate},
		dateCol{&r.InterestFrom}, &r.InterestDays, oreCol{&r.Interest}, oreCol{&r.Fee},
		oreCol{&r.Balance}, oreCol{&r.AmountDue}, dateCol{&r.NewDueDate}, (*string)(&r.Channel),
		(*string)(&r.State), &r.Error, &r.Attempts, &r.ExternalRef, instantCol{&r.UpdatedAt},
		interestLinesCol{&r.InterestLines}, oreCol{&r.LateCompensation}, messageCol{&r.Failure},
		oreCol{&r.EarlierCharges}, oreCol{&r.InterestBefore}, &r.Step, &r.StepName, (*string)(&r.Action),
		&r.LetterText, &r.EmailText, &r.Group, &r.By}
}

// CreateBatch writes the batch, its reminders (pending delivery, due at the batch's
// creation), each invoice's reminder count and last reminded date (and Amili pending
// for an Amili reminder), all in one transaction. If the idempotency key was used
// before it writes nothing and returns the stored result with Replayed set. The
// result's Totals are left for core to fill.
func (s *Store) CreateBatch(ctx context.Context, b core.Batch, reminders []core.Reminder) (core.BatchResult, error) {
	var res core.BatchResult
	err := s.write(ctx, "create reminder batch", func(tx *sql.Tx) (err error) {
		res, err = createBatch(ctx, tx, b, reminders, nil)
		return err
	})
	if err != nil {
		return core.BatchResult{}, err
	}
	return res, nil
}

// createBatch is CreateBatch in the caller's write transaction: the stored result if
// the idempotency key was used before, else the new batch. check, if set, may refuse a
// new batch before anything is written (PGStore's: invoices reminded meanwhile by
// another desktop).
func createBatch(ctx context.Context, tx *sql.Tx, b core.Batch, reminders []core.Reminder,
	check func(ctx context.Context, tx *sql.Tx, reminders []core.Reminder) error) (core.BatchResult, error) {
	stored, err := findBatchByKey(ctx, tx, b.IdempotencyKey)
	if err == nil {
		return stored, nil
	}
	if core.ErrorCodeOf(err) != core.ENOTFOUND {
		return core.BatchResult{}, err
	}
	if check != nil {
		if err := check(ctx, tx, reminders); err != nil {
			return core.BatchResult{}, err
		}
	}
	return insertBatch(ctx, tx, b, reminders)
}

// insertBatch writes a new batch, its reminders and the invoices' reminder state.
func insertBatch(ctx context.Context, tx *sql.Tx, b core.Batch, reminders []core.Reminder) (core.BatchResult, error) {
	if b.CreatedAt.IsZero() { // the service's clock stamps every batch; data keeps no clock of its own
		return core.BatchResult{}, core.Wrap(errors.New("a batch without its creation time"), core.EINTERNAL, "An unexpected error occurred", nil)
	}
	b.Count, b.Sent, b.Failed = len(reminders), 0, 0
	prefer, err := preferenceInt(b.Prefer)
	if err != nil {
		return core.BatchResult{}, err
	}
	b.ID, err = insertRowID(ctx, tx, `INSERT INTO reminder_batches (idempotency_key, created_at, type,
		charge_interest, charge_fee, send_by_email, count, charge_late_compensation)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		b.IdempotencyKey, instantText(b.CreatedAt), string(b.Type), boolInt(b.ChargeInterest),
		boolInt(b.ChargeFee), prefer, b.Count, boolInt(b.ChargeLateCompensation))
	if err != nil {
		return core.BatchResult{}, err
	}
	// The reminders first: the invoices' update and the sums read what each one
	// charges, and its step.
	out, err := insertReminders(ctx, tx, b, reminders)
	if err != nil {
		return core.BatchResult{}, err
	}
	if hasManual(reminders) {
		if err := sumBatch(ctx, tx, b.ID, charges(reminders), takesSteps(reminders)); err != nil {
			return core.BatchResult{}, err
		}
	}
	if err := markReminded(ctx, tx, b.ID, reminders); err != nil {
		return core.BatchResult{}, err
	}
	if err := insertCharges(ctx, tx, b.ID, instantText(b.CreatedAt)); err != nil {
		return core.BatchResult{}, err
	}
	return core.BatchResult{Batch: b, Reminders: out}, nil
}

// insertReminders writes the batch's reminders, pending delivery, and returns them
// with their IDs. A reminder of an invoice that is not there fails the batch
// (ENOTFOUND).
func insertReminders(ctx context.Context, tx *sql.Tx, b core.Batch, reminders []core.Reminder) ([]core.Reminder, error) {
	if onPostgres(ctx) { // one round trip for the batch rather than one per reminder
		return insertRemindersAtOnce(ctx, tx, b, reminders)
	}
	w, err := tx.PrepareContext(ctx, insertReminderSQL)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	out := make([]core.Reminder, len(reminders))
	for i, r := range reminders {
		r.BatchID, r.State, r.Error, r.Attempts, r.UpdatedAt = b.ID, core.DeliveryPending, "", 0, b.CreatedAt
		if r.ID, err = insertReminder(ctx, w, r); isForeignKey(err) {
			if err := findMissingInvoice(ctx, tx, []int64{r.InvoiceID}); err != nil {
				return nil, err
			}
		}
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

// hasManual says whether any of the reminders is a manual one.
func hasManual(reminders []core.Reminder) bool {
	for i := range reminders {
		if !reminders[i].Type.ViaAmili() {
			return true
		}
	}
	return false
}

// markReminded adds one to the reminder count of each reminder's invoice and sets its
// last reminded date (and Amili pending for an Amili reminder; a manual reminder
// raises the open charges by what it charges anew, read from the batch's reminders,
// which are written first): one UPDATE for each date and
// kind, nearly always one for the batch, which also visits the invoices in the
// table's order. invoice_sums and plan_sums are left to sumBatch for the manual ones. An
// invoice that is not there fails the batch (ENOTFOUND); one named twice is counted
// once here and refused by insertReminder.
func markReminded(ctx context.Context, tx *sql.Tx, batchID int64, reminders []core.Reminder) error {
	type group struct {
		date  core.Date
		amili bool
	}
	var order []group
	ids := map[group][]int64{}
	for _, r := range reminders {
		g := group{r.Date, r.Type.ViaAmili()}
		if _, ok := ids[g]; !ok {
			order = append(order, g)
		}
		ids[g] = append(ids[g], r.InvoiceID)
	}
	for _, g := range order {
		// A manual reminder leaves amili_state out of its SET: SQLite rewrites the entries
		// of every index that holds or filters on a column SET names, changed or not.
		// Likewise charges_ore, unless one of the group's reminders charges something.
		set := `reminder_count = reminder_count + 1, last_reminded = ?`
		var chargeArgs []any
		if g.amili {
			set += `, amili_state = 'pending'`
		} else if charges(reminders) {
			set += chargesSet
			chargeArgs = []any{batchID}
		}
		if takesSteps(reminders) {
			set += planStepSet
			chargeArgs = append(chargeArgs, batchID)
		}
		// OR FAIL: a failing statement keeps what it changed rather than undoing it
		// (the batch's transaction is rolled back on any error anyway), so SQLite keeps
		// no statement journal, which for 200 scattered invoices spilled to a file.
		// The IDs are listed, not passed as JSON: "rowid IN (list)" is a search
		// whatever the planner's statistics say, while json_each's guessed size can
		// make a small book's plan a scan.
		args := append([]any{dateText(g.date)}, chargeArgs...)
		for _, id := range ids[g] {
			args = append(args, id)
		}
		query := markRemindedSQL(set, len(ids[g]))
		if onPostgres(ctx) { // PostgreSQL has no conflict clause: its failed statement keeps nothing
			query = strings.Replace(query, `UPDATE OR FAIL `, `UPDATE `, 1)
		}
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n < int64(len(ids[g])) {
			if err := findMissingInvoice(ctx, tx, ids[g]); err != nil {
				return err
			}
		}
	}
	return nil
}

// planStepSet is the SET clause's part that records on each invoice the plan step
// its reminder in the batch (the one argument) took, where it took one further than
// the invoice's (a reminder outside the plan leaves the step; 019_plan_steps.sql).
// Only a batch with steps names plan_step, so other batches leave the plan's indexes
// alone. Written without SQL functions (max): a function call makes SQLite keep a
// statement journal for the UPDATE (markreminded_test.go).
const planStepSet = `, plan_step = coalesce((SELECT CASE WHEN r.step > invoices.plan_step THEN r.step ELSE invoices.plan_step END
	FROM reminders r WHERE r.batch_id = ? AND r.invoice_id = invoices.id), plan_step)`

// takesSteps says whether any of the reminders takes a step of the plan.
func takesSteps(reminders []core.Reminder) bool {
	for i := range reminders {
		if reminders[i].Step > 0 {
			return true
		}
	}
	return false
}

// actionText is what r does, as reminders.action holds it: a reminder outside the
// plan that left it unset does what its type does.
func actionText(r core.Reminder) string {
	switch {
	case r.Action != "":
		return string(r.Action)
	case r.Type.ViaAmili():
		return string(core.StepAmili)
	}
	return string(core.StepReminder)
}

// markRemindedSQL is markReminded's UPDATE of n invoices, setting set.
func markRemindedSQL(set string, n int) string {
	return `UPDATE OR FAIL invoices SET ` + set + ` WHERE id IN (?` + strings.Repeat(`, ?`, n-1) + `)`
}

// findMissingInvoice fails with ENOTFOUND for the first of ids that names no invoice.
func findMissingInvoice(ctx context.Context, tx *sql.Tx, ids []int64) error {
	for _, id := range ids {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM invoices WHERE id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return core.Errorf(core.ENOTFOUND, msgNoInvoice, map[string]any{"ID": id})
		}
	}
	return nil
}

// insertReminderSQL writes one reminder, due for delivery at its updated_at.
const insertReminderSQL = `INSERT INTO reminders (batch_id, invoice_id, type, date,
	level, interest_rate, interest_from, interest_days, interest_ore, fee_ore, balance_ore,
	amount_due_ore, new_due_date, channel, state, updated_at, next_attempt, interest_lines,
	late_compensation_ore, earlier_charges_ore, interest_before_ore, step, step_name, action,
	letter_text, email_text, letter_group)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// insertReminder writes r with the prepared insertReminderSQL, due for delivery at
// r.UpdatedAt, and returns the reminder's ID.
func insertReminder(ctx context.Context, stmt *sql.Stmt, r core.Reminder) (int64, error) {
	res, err := stmt.ExecContext(ctx, reminderArgs(r)...)
	if isUnique(err) {
		return 0, twiceInBatch(err, r)
	}
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// twiceInBatch refuses a batch that names r's invoice twice.
func twiceInBatch(err error, r core.Reminder) error {
	return core.Wrap(err, core.EINVALID, "Invoice {{.Number}} appears twice in the batch",
		map[string]any{"Number": r.InvoiceNumber})
}

// reminderArgs are insertReminderSQL's arguments for r.
func reminderArgs(r core.Reminder) []any {
	return []any{r.BatchID, r.InvoiceID, string(r.Type), dateText(r.Date),
		r.Level, r.InterestRate.String(), dateText(r.InterestFrom), r.InterestDays,
		core.ToOre(r.Interest), core.ToOre(r.Fee), core.ToOre(r.Balance), core.ToOre(r.AmountDue),
		dateText(r.NewDueDate), string(r.Channel), string(r.State), instantText(r.UpdatedAt),
		instantText(r.UpdatedAt), interestLinesText(r.InterestLines), core.ToOre(r.LateCompensation),
		core.ToOre(r.EarlierCharges), core.ToOre(r.InterestBefore), r.Step, r.StepName, actionText(r),
		r.LetterText, r.EmailText, r.Group}
}

// insertRowID runs query, an INSERT of one row, and returns the row's ID: by
// LastInsertId on SQLite, by RETURNING id on PostgreSQL (onPostgres), which has none.
func insertRowID(ctx context.Context, tx *sql.Tx, query string, args ...any) (int64, error) {
	var id int64
	if onPostgres(ctx) {
		err := tx.QueryRowContext(ctx, query+` RETURNING id`, args...).Scan(&id)
		return id, err
	}
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// BatchByKey returns the stored result of the batch with that idempotency key, with
// Replayed set (ENOTFOUND if there is none).
func (s *Store) BatchByKey(ctx context.Context, key string) (core.BatchResult, error) {
	var res core.BatchResult
	err := s.read(ctx, "read reminder batch", func(tx *sql.Tx) (err error) {
		res, err = findBatchByKey(ctx, tx, key)
		return err
	})
	return res, err
}

// batchByKeySQL selects the batch with an idempotency key; batchRemindersWhere
// narrows queryReminders to one batch's reminders, in the order they were created.
const (
	batchByKeySQL       = `SELECT ` + batchColumns + ` FROM reminder_batches b WHERE b.idempotency_key = ?`
	batchRemindersWhere = ` WHERE r.batch_id = ? ORDER BY r.id`
)

func findBatchByKey(ctx context.Context, tx *sql.Tx, key string) (core.BatchResult, error) {
	var b core.Batch
	err := scanBatch(tx.QueryRowContext(ctx, batchByKeySQL, key), &b)
	if err == sql.ErrNoRows {
		return core.BatchResult{}, core.Wrap(err, core.ENOTFOUND, "No reminder batch has that idempotency key", nil)
	}
	if err != nil {
		return core.BatchResult{}, err
	}
	rs, err := queryReminders(ctx, tx, batchRemindersWhere, b.ID)
	if err != nil {
		return core.BatchResult{}, err
	}
	return core.BatchResult{Batch: b, Reminders: rs, Replayed: true}, nil
}

// Batches returns all batches, newest first, with their sent and failed counts.
func (s *Store) Batches(ctx context.Context) ([]core.Batch, error) {
	var bs []core.Batch
	err := s.read(ctx, "list reminder batches", func(tx *sql.Tx) (err error) {
		bs, err = listBatches(ctx, tx)
		return err
	})
	return bs, err
}

// listBatches is Batches in the caller's transaction.
func listBatches(ctx context.Context, tx *sql.Tx) ([]core.Batch, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+batchColumns+` FROM reminder_batches b
		ORDER BY b.created_at DESC, b.id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var bs []core.Batch
	for rows.Next() {
		var b core.Batch
		if err := scanBatch(rows, &b); err != nil {
			return nil, err
		}
		bs = append(bs, b)
	}
	return bs, rows.Err()
}

// BatchReminders returns a batch's reminders, in the order they were created, with
// their invoice number, customer name and delivery state (ENOTFOUND for an unknown batch).
func (s *Store) BatchReminders(ctx context.Context, batchID int64) ([]core.Reminder, error) {
	var rs []core.Reminder
	err := s.read(ctx, "list batch reminders", func(tx *sql.Tx) (err error) {
		rs, err = readBatchReminders(ctx, tx, batchID)
		return err
	})
	return rs, err
}

// readBatchReminders is BatchReminders in the caller's transaction.
func readBatchReminders(ctx context.Context, tx *sql.Tx, batchID int64) ([]core.Reminder, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM reminder_batches WHERE id = ?`, batchID).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, notFound(nil, msgNoBatch, batchID)
	}
	rs, err := queryReminders(ctx, tx, ` WHERE r.batch_id = ? ORDER BY r.id`, batchID)
	if err != nil {
		return nil, err
	}
	return rs, paidBeforeReminders(ctx, tx, batchID, rs)
}

// paidBeforeRemindersSQL reads each reminder of a batch with its invoice's total and
// the payments dated before the reminder's date.
const paidBeforeRemindersSQL = `SELECT r.id, i.total_ore,
		coalesce((SELECT sum(p.amount_ore) FROM payments p WHERE p.invoice_id = r.invoice_id AND p.date < r.date), 0)
		FROM reminders r JOIN invoices i ON i.id = r.invoice_id WHERE r.batch_id = ?`

// paidBeforeReminders fills each reminder's invoice total and the payments dated
// before the reminder's date, for core.Reminder.PaidBeforeReminder.
func paidBeforeReminders(ctx context.Context, tx *sql.Tx, batchID int64, rs []core.Reminder) error {
	rows, err := tx.QueryContext(ctx, paidBeforeRemindersSQL, batchID)
	if err != nil {
		return err
	}
	defer rows.Close()
	byID := make(map[int64]*core.Reminder, len(rs))
	for i := range rs {
		byID[rs[i].ID] = &rs[i]
	}
	for rows.Next() {
		var id int64
		var total, paid decimal.Decimal
		if err := rows.Scan(&id, oreCol{&total}, oreCol{&paid}); err != nil {
			return err
		}
		if r := byID[id]; r != nil {
			r.InvoiceTotal, r.PaidBefore = total, paid
		}
	}
	return rows.Err()
}

// queryReminders selects reminders; where holds the WHERE clause and any ORDER BY.
func queryReminders(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]core.Reminder, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+reminderColumns+reminderFrom+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	rs := []core.Reminder{}
	for rows.Next() {
		var r core.Reminder
		if err := rows.Scan(reminderDest(&r)...); err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, rows.Err()
}
