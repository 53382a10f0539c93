package data

import (
	"context"
	"database/sql"
	"strings"

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
// reminders stated.
const newChargesSQL = `r.fee_ore + r.late_compensation_ore + max(0, r.interest_ore - r.interest_before_ore)`

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
		max(0, r.interest_ore - r.interest_before_ore), r.id, ?2
	FROM reminders r WHERE r.batch_id = ?1 AND r.type = 'manual' AND ` + newChargesSQL + ` > 0`

// insertCharges writes the 'charge' entries of the batch's manual reminders, stamped
// at: one statement for the batch.
func insertCharges(ctx context.Context, tx *sql.Tx, batchID int64, at any) error {
	_, err := tx.ExecContext(ctx, insertChargesSQL, batchID, at)
	return err
}

// manualSumsSQL are n of the batch's manually reminded invoices (their IDs listed,
// as markReminded lists them: a search whatever the planner's statistics say) by
// invoice_sums' row, as they stand.
func manualSumsSQL(n int) string {
	return `SELECT i.due_date, ` + fact(core.FactOpen) + ` AS open, ` + fact(core.FactReminded) + ` AS reminded, ` +
		fact(core.FactWithAmili) + ` AS amili, ` + fact(core.FactCharges) + ` AS charged, ` +
		fact(core.FactPaused) + ` AS paused,
		count(*) AS n, sum(i.total_ore - i.paid_ore) AS balance, sum(i.charges_ore) AS charges FROM invoices i
		WHERE i.id IN (?` + strings.Repeat(`, ?`, n-1) + `) GROUP BY 1, 2, 3, 4, 5, 6`
}

// sumManualReminders adds the batch's manually reminded invoices (their IDs in
// manual) to invoice_sums as they stand, times sign: -1 before the batch's update of
// the invoices takes them from their rows, +1 after it adds them to their new ones.
// invoice_sums' update trigger leaves that update to the batch (016_claim_status.sql):
// two statements for the batch instead of a trigger run for each invoice.
func sumManualReminders(ctx context.Context, tx *sql.Tx, manual []int64, sign int) error {
	if len(manual) == 0 {
		return nil
	}
	args := make([]any, 0, len(manual)+3)
	for _, id := range manual {
		args = append(args, id)
	}
	_, err := tx.ExecContext(ctx, `WITH f AS MATERIALIZED (`+manualSumsSQL(len(manual))+`)
		INSERT INTO invoice_sums (due_date, open, reminded, amili, charged, paused, n, balance_ore, charges_ore)
		SELECT f.due_date, f.open, f.reminded, f.amili, f.charged, f.paused, ? * f.n, ? * f.balance, ? * f.charges
		FROM f WHERE true
		ON CONFLICT (due_date, open, reminded, amili, charged, paused)
		DO UPDATE SET n = n + excluded.n, balance_ore = balance_ore + excluded.balance_ore,
			charges_ore = charges_ore + excluded.charges_ore`, append(args, sign, sign, sign)...)
	return err
}
