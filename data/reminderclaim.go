package data

import (
	"context"
	"database/sql"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// This file is a reminder batch's part in the claim ledger (015_claim_ledger.sql,
// 016_claim_status.sql): the 'charge' entry of each manual reminder, the invoices'
// open charges raised by it, and invoice_sums kept for the batch's invoices.

// interestStatedSQL is the most interest an earlier manual reminder stated on each
// of the invoices listed as one JSON array.
const interestStatedSQL = `SELECT invoice_id, max(interest_ore) FROM reminders INDEXED BY reminders_by_invoice
	WHERE invoice_id IN (SELECT value FROM json_each(?)) AND type = 'manual' AND interest_ore > 0
	AND state != 'stopped' GROUP BY invoice_id`

// InterestStated returns the most interest any earlier manual reminder stated on
// each of the given invoices; an invoice never stated interest has no entry.
func (s *Store) InterestStated(ctx context.Context, invoiceIDs []int64) (map[int64]decimal.Decimal, error) {
	out := map[int64]decimal.Decimal{}
	if len(invoiceIDs) == 0 {
		return out, nil
	}
	err := s.read(ctx, "read the interest reminders stated", func(tx *sql.Tx) error {
		return readAmounts(ctx, tx, interestStatedSQL, invoiceIDs, out)
	})
	return out, err
}

// newChargesSQL is what reminder r charges anew (core.Reminder.NewCharges), together:
// its fee, its förseningsersättning, and the interest it states beyond what earlier
// reminders stated. Written without SQL functions (max): a function call makes SQLite
// keep a statement journal for the batch's UPDATE of its invoices
// (markreminded_test.go).
const newChargesSQL = `r.fee_ore + r.late_compensation_ore + ` + interestAnewSQL

// interestAnewSQL is the interest reminder r states beyond what earlier reminders
// stated, never below nothing.
const interestAnewSQL = `CASE WHEN r.interest_ore > r.interest_before_ore THEN r.interest_ore - r.interest_before_ore ELSE 0 END`

// chargesSet is the SET clause's part that raises each invoice's open charges by what
// its reminder in the batch (the one argument) charges anew: found by the reminders'
// unique (batch_id, invoice_id), so the update reads one reminder a row.
const chargesSet = `, charges_ore = charges_ore + coalesce((SELECT ` + newChargesSQL + ` FROM reminders r
	WHERE r.batch_id = ? AND r.invoice_id = invoices.id), 0)`

// charges says whether any of the manual reminders charges anything.
func charges(reminders []core.Reminder) bool {
	for i := range reminders {
		if !reminders[i].Type.ViaAmili() && reminders[i].NewCharges().Charges().IsPositive() {
			return true
		}
	}
	return false
}

// insertChargesSQL writes the 'charge' entry of each manual reminder of a batch that
// charges anything: what it charges anew, by part.
const insertChargesSQL = `INSERT INTO claim_entries (invoice_id, kind, date, fee_ore, compensation_ore,
	interest_ore, reminder_id, created_at)
	SELECT r.invoice_id, 'charge', r.date, r.fee_ore, r.late_compensation_ore,
		` + interestAnewSQL + `, r.id, ?2
	FROM reminders r WHERE r.batch_id = ?1 AND r.type = 'manual' AND ` + newChargesSQL + ` > 0`

// insertCharges writes the 'charge' entries of the batch's manual reminders, stamped
// at: one statement for the batch.
func insertCharges(ctx context.Context, tx *sql.Tx, batchID int64, at any) error {
	_, err := tx.ExecContext(ctx, insertChargesSQL, batchID, at)
	return err
}

// batchSumsSQL moves a batch's manually reminded invoices (its reminders found by
// their batch, ?1) in invoice_sums from the rows they stand in to the rows they
// stand in once markReminded has raised their reminder count and, where ?2 is true,
// their open charges by what each reminder charges anew: one statement for the batch,
// run before that update, instead of a trigger run for each invoice (invoice_sums'
// update trigger leaves the batch's update to it, 022_plan_sums.sql). The reminders
// are read by the batch's unique key, so each invoice is one search.
var batchSumsSQL = `WITH b AS MATERIALIZED (
		SELECT i.due_date, ` + fact(core.FactOpen) + ` AS open, ` + fact(core.FactReminded) + ` AS reminded, ` +
	fact(core.FactWithAmili) + ` AS amili, ` + fact(core.FactCharges) + ` AS charged, ` + fact(core.FactPaused) + ` AS paused,
			i.total_ore - i.paid_ore AS balance, i.charges_ore AS charges,
			i.charges_ore + CASE WHEN ?2 THEN ` + newChargesSQL + ` ELSE 0 END AS new_charges
		FROM reminders r CROSS JOIN invoices i ON i.id = r.invoice_id
		WHERE r.batch_id = ?1 AND r.type = 'manual')
	INSERT INTO invoice_sums (due_date, open, reminded, amili, charged, paused, n, balance_ore, charges_ore)
	SELECT due_date, open, reminded, amili, charged, paused, sum(n), sum(balance), sum(charges) FROM (
		SELECT due_date, open, reminded, amili, charged, paused, -1 AS n, -balance AS balance, -charges AS charges FROM b
		UNION ALL
		SELECT due_date, open, 1, amili, new_charges > 0, paused, 1, balance, new_charges FROM b)
	WHERE true GROUP BY 1, 2, 3, 4, 5, 6
	ON CONFLICT (due_date, open, reminded, amili, charged, paused)
	DO UPDATE SET n = n + excluded.n, balance_ore = balance_ore + excluded.balance_ore,
		charges_ore = charges_ore + excluded.charges_ore`

// sumBatch keeps invoice_sums and plan_sums for the batch's manual reminders
// (written, their invoices not yet marked): see batchSumsSQL and batchPlanSumsSQL.
// charged and steps say whether markReminded raises the charges and records steps.
func sumBatch(ctx context.Context, tx *sql.Tx, batchID int64, charged, steps bool) error {
	if _, err := tx.ExecContext(ctx, batchSumsSQL, batchID, charged); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, batchPlanSumsSQL, batchID, steps)
	return err
}
