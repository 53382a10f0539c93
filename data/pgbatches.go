package data

import (
	"context"
	"database/sql"
	"strings"

	"paminn/core"
)

// Reminder batches on PostgreSQL: CreateBatch, BatchByKey and BatchReminders, the
// SQLite methods' shared functions (batches.go) in PGStore's transactions. A batch is
// written under the book's write lock (PGStore.write), so two desktops' batches are
// written one after the other; what the second was planned from may have changed by
// then, which plannedFromTheBook checks before it writes anything.

// Messages about a batch on a server.
const (
	msgPGRemindedMeanwhile = "Invoice {{.Number}} was reminded meanwhile, from another desktop: nothing was sent; open the reminders again to see what is due now"
	msgPGBatchTooLarge     = "A reminder batch holds at most {{.Max}} reminders"
	msgPGBatchLost         = "The connection to the server {{.Host}} was lost while the reminder batch was being saved: it was saved whole or not at all. Send it again once the server answers; a batch already saved is not sent twice"
)

// CreateBatch writes the batch, its reminders and the invoices' reminder state in one
// transaction, as Store.CreateBatch; a used idempotency key returns the stored result.
// On a shared book it refuses, writing nothing, a batch of more than core.MaxBatch
// reminders, and a batch planned for an invoice another desktop has reminded since
// (ECONFLICT): each invoice takes each step once. A connection lost on the way leaves
// the batch whole or not at all, and says so.
func (s *PGStore) CreateBatch(ctx context.Context, b core.Batch, reminders []core.Reminder) (core.BatchResult, error) {
	if len(reminders) > core.MaxBatch {
		return core.BatchResult{}, core.Errorf(core.EINVALID, msgPGBatchTooLarge, map[string]any{"Max": core.MaxBatch})
	}
	var res core.BatchResult
	err := s.write(ctx, "create reminder batch", func(ctx context.Context, tx *sql.Tx) (err error) {
		res, err = createBatch(ctx, tx, b, reminders, plannedFromTheBook)
		return err
	})
	if err != nil {
		if isConnLost(err) {
			return core.BatchResult{}, core.Wrap(err, core.EUNAVAILABLE, msgPGBatchLost, s.data())
		}
		return core.BatchResult{}, err
	}
	return res, nil
}

// plannedFromTheBook refuses a batch whose reminders were not planned from the book as
// it stands: an invoice that is missing (ENOTFOUND, as Store.CreateBatch says it), or
// whose reminder count is no longer the one its reminder follows (Level is the count
// plus one, core/rules.go), because another desktop reminded it after this batch was
// planned. It locks the invoices' rows, so the guarantee does not rest on the book's
// write lock alone. It runs before anything is written: a failed statement ends a
// transaction on PostgreSQL, so the batch cannot find the missing invoice afterwards.
func plannedFromTheBook(ctx context.Context, tx *sql.Tx, reminders []core.Reminder) error {
	if len(reminders) == 0 {
		return nil
	}
	args := make([]any, len(reminders))
	for i, r := range reminders {
		args[i] = r.InvoiceID
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, number, reminder_count FROM invoices
		WHERE id IN (?`+strings.Repeat(`, ?`, len(reminders)-1)+`) ORDER BY id FOR UPDATE`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	type state struct {
		number string
		count  int
	}
	book := make(map[int64]state, len(reminders))
	for rows.Next() {
		var id int64
		var st state
		if err := rows.Scan(&id, &st.number, &st.count); err != nil {
			return err
		}
		book[id] = st
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range reminders {
		st, ok := book[r.InvoiceID]
		if !ok {
			return core.Errorf(core.ENOTFOUND, msgNoInvoice, map[string]any{"ID": r.InvoiceID})
		}
		if st.count != r.Level-1 {
			return core.Errorf(core.ECONFLICT, msgPGRemindedMeanwhile, map[string]any{"Number": core.Excerpt(st.number)})
		}
	}
	return nil
}

// BatchByKey returns the stored result of the batch with that idempotency key, as
// Store.BatchByKey.
func (s *PGStore) BatchByKey(ctx context.Context, key string) (core.BatchResult, error) {
	var res core.BatchResult
	err := s.read(ctx, "read reminder batch", func(ctx context.Context, tx *sql.Tx) (err error) {
		res, err = findBatchByKey(ctx, tx, key)
		return err
	})
	return res, err
}

// BatchReminders returns a batch's reminders in the order they were created, as
// Store.BatchReminders.
func (s *PGStore) BatchReminders(ctx context.Context, batchID int64) ([]core.Reminder, error) {
	var rs []core.Reminder
	err := s.read(ctx, "list batch reminders", func(ctx context.Context, tx *sql.Tx) (err error) {
		rs, err = readBatchReminders(ctx, tx, batchID)
		return err
	})
	return rs, err
}

// The PostgreSQL twins of a batch's statements (pgTwin). Each is its SQLite statement
// rewritten (pgRewrite), so what the sums mean stays written once: PostgreSQL takes no
// ON after CROSS JOIN, writes a comparison as a boolean where the sums' columns are
// 0/1 integers, calls SQLite's two-argument max greatest, wants a name for a subquery
// in FROM, and returns a sum of integers as numeric.
var (
	_ = pgTwin(batchSumsSQL, pgRewrite(batchSumsSQL,
		`CROSS JOIN invoices i ON`, `JOIN invoices i ON`,
		fact(core.FactOpen)+` AS open`, `(`+fact(core.FactOpen)+`)::int AS open`,
		fact(core.FactReminded)+` AS reminded`, `(`+fact(core.FactReminded)+`)::int AS reminded`,
		fact(core.FactWithAmili)+` AS amili`, `(`+fact(core.FactWithAmili)+`)::int AS amili`,
		fact(core.FactCharges)+` AS charged`, `(`+fact(core.FactCharges)+`)::int AS charged`,
		fact(core.FactPaused)+` AS paused`, `(`+fact(core.FactPaused)+`)::int AS paused`,
		`new_charges > 0,`, `(new_charges > 0)::int,`,
		`FROM b)`, `FROM b) AS moved`,
		`sum(n), sum(balance), sum(charges)`, `sum(n)::bigint, sum(balance)::bigint, sum(charges)::bigint`,
		`SET n = n + excluded.n, balance_ore = balance_ore + excluded.balance_ore,
		charges_ore = charges_ore + excluded.charges_ore`,
		`SET n = invoice_sums.n + excluded.n, balance_ore = invoice_sums.balance_ore + excluded.balance_ore,
		charges_ore = invoice_sums.charges_ore + excluded.charges_ore`))
	_ = pgTwin(batchPlanSumsSQL, pgRewrite(batchPlanSumsSQL,
		`c.is_company != 0 AS company`, `(c.is_company != 0)::int AS company`,
		`max(i.plan_step, r.step)`, `greatest(i.plan_step, r.step)`,
		`CROSS JOIN invoices i ON`, `JOIN invoices i ON`,
		`CROSS JOIN customers c ON`, `JOIN customers c ON`,
		`FROM b)`, `FROM b) AS moved`,
		`sum(n)`, `sum(n)::bigint`,
		`SET n = n + excluded.n`, `SET n = plan_sums.n + excluded.n`))
	_ = pgTwin(paidBeforeRemindersSQL, pgRewrite(paidBeforeRemindersSQL,
		`sum(p.amount_ore)`, `sum(p.amount_ore)::bigint`))
	_ = pgTwin(insertChargesSQL, pgRewrite(insertChargesSQL, `r.id, ?2`, `r.id, ?2::text`))
)

// pgRewrite is query with each pair's first text replaced by its second, every
// occurrence; it panics when a text is not there, so that a SQLite statement changed
// without its twin fails the package's start (and every test), never a batch.
func pgRewrite(query string, pairs ...string) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(query, pairs[i]) {
			panic("data: a PostgreSQL twin's rewrite finds no " + pairs[i])
		}
		query = strings.ReplaceAll(query, pairs[i], pairs[i+1])
	}
	return query
}
